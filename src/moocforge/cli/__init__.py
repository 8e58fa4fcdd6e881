"""The command line: one module per command group, each command a thin function."""

from .entry import app, main

__all__ = ["app", "main"]
