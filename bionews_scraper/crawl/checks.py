"""The options of a crawl, checked before Scrapy starts: one clear sentence for the first
bad one, instead of a Twisted traceback minutes later.

``check_options`` raises ``ValueError``; ``bionews crawl`` prints it as one line and exits 2.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import redis
from scrapy.settings import Settings, default_settings

from bionews_scraper.crawl import settings as project_settings
from bionews_scraper.crawl.distributed import redis_where
from bionews_scraper.crawl.run import CrawlOptions, crawl_settings

SETTING_NAME_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
REDIS_SCHEMES = ("redis", "rediss", "unix")
REDIS_CHECK_SECONDS = 5.0


def check_options(options: CrawlOptions) -> Settings:
    """The crawl's settings, once every option is known good; raises ValueError naming the bad one.
    (``-s`` pairs are checked one by one with ``check_setting_pair`` as they are split.)"""
    for url in options.urls:
        check_page_url(url, "--url")
    if options.urls_file is not None:
        check_urls_file(options.urls_file)
    check_output_dir(options.output_dir, "--out")
    if options.jobdir is not None:
        check_output_dir(options.jobdir, "--jobdir")
    try:
        settings = crawl_settings(options)
    except ValueError as error:  # a component setting that is not JSON
        raise ValueError(f"-s: {error}") from error
    for name in options.overrides:
        check_setting_value(settings, name)
    if loopback := settings.get("BIONEWS_LOOPBACK"):
        check_connect_to(loopback)
    if options.redis_url:
        check_redis(options.redis_url)
    return settings


def check_setting_pair(pair: str) -> None:
    name, equals, _ = pair.partition("=")
    if not equals or not SETTING_NAME_RE.match(name.strip()):
        raise ValueError(f"-s {pair!r}: expected NAME=VALUE with an UPPER_CASE setting name")


def check_setting_value(settings: Settings, name: str) -> None:
    """A value of the type the setting's default has: `-s DOWNLOAD_DELAY=soon` is refused here."""
    default = getattr(project_settings, name, getattr(default_settings, name, None))
    readers: dict[type, Any] = {
        bool: settings.getbool,
        int: settings.getint,
        float: settings.getfloat,
        dict: settings.getdict,
    }
    reader = readers.get(type(default))
    if reader is None:
        return
    try:
        reader(name)
    except (TypeError, ValueError) as error:
        kind = type(default).__name__
        raise ValueError(f"-s {name}={settings.get(name)!r}: not a valid {kind} ({error})") from error


def check_page_url(url: str, option: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{option} {url!r}: not an http(s) URL with a host")


def check_urls_file(path: Path) -> None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"--urls-file {path}: cannot read it ({error})") from error
    urls = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    if not urls:
        raise ValueError(f"--urls-file {path}: no URL in it")
    for number, url in enumerate(urls, 1):
        check_page_url(url, f"--urls-file {path}, URL {number}:")


def check_output_dir(path: Path, option: str) -> None:
    """A directory we can write in, or one we can create (created here, empty)."""
    if path.exists() and not path.is_dir():
        raise ValueError(f"{option} {path}: exists and is not a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ValueError(f"{option} {path}: cannot create it ({error.strerror or error})") from error
    if not os.access(path, os.W_OK | os.X_OK):
        raise ValueError(f"{option} {path}: not writable")


def check_connect_to(address: str) -> None:
    host, _, port = address.rpartition(":")
    if host not in LOOPBACK_HOSTS or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"--connect-to {address!r}: expected 127.0.0.1:PORT (this machine only)")


def check_redis(url: str) -> None:
    """A Redis URL that parses and a server that answers PING within a few seconds."""
    if urlsplit(url).scheme not in REDIS_SCHEMES:
        raise ValueError(f"--redis {url!r}: expected redis://HOST:PORT/DB")
    try:
        where = redis_where(url)
        client = redis.Redis.from_url(
            url, socket_connect_timeout=REDIS_CHECK_SECONDS, socket_timeout=REDIS_CHECK_SECONDS
        )
    except ValueError as error:
        raise ValueError(f"--redis {url!r}: {error}") from error
    try:
        client.ping()
    except redis.RedisError as error:
        raise ValueError(f"--redis: cannot reach {where} ({error})") from error
    finally:
        client.close()
