"""Bytes to records, and nothing else: pure functions of a page's bytes and URL.

``extract.extract`` is the one entry point (decode -> linearise -> metadata -> classify ->
assemble). Nothing here imports Scrapy, Twisted, Redis, DuckDB or warcio, reads a clock or
reads settings: import-linter's contracts in ``pyproject.toml`` check the imports.
"""
