"""Renderers over core data: PDF reports, the same in the CLI and in the report Lambda."""
