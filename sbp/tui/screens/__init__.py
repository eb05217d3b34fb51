"""The screens of `sbp ui`, one module each."""
