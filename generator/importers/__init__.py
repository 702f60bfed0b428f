"""Importers: markdown roadmaps into roadmap data (`roadmap`), day-by-day logs into journal entries
(`log`). Nothing is imported here, so `roadlog` starts without the text repair libraries."""
