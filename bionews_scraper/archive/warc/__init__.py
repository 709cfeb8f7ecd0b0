"""WARC capture and replay: the archivist's copy of a crawl, and the way back from it.

``capture`` records every response of a crawl (a Scrapy downloader middleware), ``writer``
owns the files (naming, warcinfo, rotation), ``read`` turns WARC files into pages to parse,
``parse`` is the worker side (``extract``) and ``replay`` runs the crawl's own pipelines.
"""
