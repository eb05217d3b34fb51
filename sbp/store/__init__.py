"""Adapters behind the core's ports: memory (the tests' fake, a real adapter), SQLite."""
