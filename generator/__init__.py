"""Roadlog: roadmaps + journal + git history -> a learning-in-public portfolio site.

The version is the installed distribution's (`roadlog --version`), set once in pyproject.toml.
"""
