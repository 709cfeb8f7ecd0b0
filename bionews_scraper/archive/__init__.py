"""What outlives a crawl: WARC capture and replay, merging worker shards, coverage reports."""
