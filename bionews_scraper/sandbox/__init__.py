"""Never used by a real crawl: the loopback site server, its faults, saved and synthetic sites.

Only the command line's ``demo``, ``serve`` and ``synth`` commands, the tests and the
benchmarks import this package (an import-linter contract in ``pyproject.toml`` says so).
"""
