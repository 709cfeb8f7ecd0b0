"""WARC capture and replay: the archivist's copy of a crawl, and the way back from it.

``capture`` records every response of a crawl (a Scrapy downloader middleware), ``writer``
owns the files (naming, warcinfo, rotation), ``read`` turns WARC files into pages to parse
and ``replay`` runs those pages through ``extract`` and the crawl's own pipelines.
"""
