"""Page parsers: pure functions of page text and URL, no Scrapy, no clock, no settings."""
