"""Reading bank exports (CSV in its many dialects, OFX/QFX, QIF, sbp's own JSON) into rows.

The importers are pure: they take bytes and settings and yield `Row`s and `BadRow`s; the
Planner decides what is new, what is a duplicate, and stores the batch. Nothing is imported
here, so the ports can name `ImportBatch` without loading the readers at start.
"""
