"""The record contract: typed records, the JSON Schema and its validation, record identity
(what makes two URLs one page, and a record's key), and the JSON Lines files records live in.

Imports nothing of the crawl, the archive tools or the sandbox.
"""
