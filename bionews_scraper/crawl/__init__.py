"""The Scrapy side: what to fetch and how politely, and how fetched records reach the disk.

``spider`` decides what to fetch, ``settings`` and ``run`` configure and start a crawl,
``pipelines/`` write records, ``middlewares/`` and ``extensions/`` shape the fetching and
report on it, ``memory`` is the resume ledger and ``distributed/`` shares a crawl on Redis.
"""
