"""Scrapy extensions: the stats file and the live progress line."""
