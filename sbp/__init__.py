"""sbp, the Smart Budget Planner: personal finance from the terminal."""

__version__ = "0.1.0"
