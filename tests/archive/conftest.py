from __future__ import annotations

from pathlib import Path

import pytest

from tests.archive.runs import demo_with_warc


@pytest.fixture(scope="session")
def warc_crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One WARC-capturing crawl of the fixture site for every archive test; tests copy it before changing it."""
    return demo_with_warc(tmp_path_factory.mktemp("warc-crawl"))
