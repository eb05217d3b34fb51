"""Widgets the screens of `sbp ui` are built from."""
