"""The command line: one module per command group, each command a thin function."""

from .app import app, main

__all__ = ["app", "main"]
