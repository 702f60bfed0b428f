"""Roadlog: roadmaps + journal + git history -> a learning-in-public portfolio site."""

__version__ = "0.1.0"
