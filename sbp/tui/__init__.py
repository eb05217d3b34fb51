"""The Textual dashboard, `sbp ui`: a front door over the same Planner as the CLI."""
