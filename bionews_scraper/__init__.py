"""bionews-scraper: archive crawler and page parsers for BioNews."""

__version__ = "0.1.0"
# Bumped whenever a parser change can change a record: replays and provenance name it.
PARSER_VERSION = "2"
