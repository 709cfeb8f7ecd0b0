"""Scrapy settings for bionews-scraper: polite defaults, pipeline order, BIONEWS_* options.

Command-line options of ``bionews crawl`` override these through ``-s``-style settings;
nothing below reads the environment.
"""

from bionews_scraper import __version__

BOT_NAME = "bionews"
SPIDER_MODULES = ["bionews_scraper.crawl.spider"]
NEWSPIDER_MODULE = "bionews_scraper.crawl.spider"

# --- BioNews: what to crawl -------------------------------------------------------------
# Scrapy's offsite check also admits subdomains of these hosts.
BIONEWS_ALLOWED_HOSTS = ["www.bionews.org.uk", "bionews.org.uk", "www.progress.org.uk"]
BIONEWS_CONTACT_URL = "https://github.com/bionews-scraper/bionews-scraper"  # in the User-Agent
BIONEWS_EXTRA_HOSTS: list[str] = []  # hosts given explicitly (--url on another host)
# Progress issue pages exist for every issue number; legacy ones are found through listings.
BIONEWS_ISSUE_PROBE_FROM = 0  # the whole archive: issue numbers probed from here to the newest known ...
BIONEWS_ISSUE_PROBE_MISSES = 10  # ... and onwards until this many in a row are missing
BIONEWS_ISSUE_URL_TEMPLATE = "https://www.progress.org.uk/newsletter_issue/bionews-{number}/"
BIONEWS_LISTING_URLS = [  # entry points that only yield links
    "http://www.bionews.org.uk/page_2.asp",  # legacy archive of issues
    "https://www.bionews.org.uk/bionews-archive",  # bionews2018 archive of issues
    "https://www.progress.org.uk/",  # the home page links the newest issue
]
BIONEWS_RELATED_DEPTH = 1  # how many related-story hops to follow from a found article
BIONEWS_SITEMAP_URLS = ["https://www.progress.org.uk/sitemap_index.xml"]

# --- BioNews: output ----------------------------------------------------------------------
BIONEWS_APPEND = False  # keep earlier output (resumed and incremental crawls)
BIONEWS_INCREMENTAL = False  # fetch only what is new or changed since the last run
BIONEWS_OUTPUT_DIR = "output"
BIONEWS_PROGRESS = True  # a live progress line when stderr is a terminal
BIONEWS_RESUME = False  # continue from the records already in the output directory
BIONEWS_RETRY_ERRORS = False  # also fetch again every page with an error record (else transient ones only)

# --- BioNews: shared crawl (on with --redis) -----------------------------------------------
BIONEWS_REDIS_OUTAGE_SECONDS = 60.0  # a worker that cannot reach Redis this long stops (exit 1)

# --- BioNews: WARC capture (on when BIONEWS_WARC_DIR is set; `--warc` sets it) ------------
BIONEWS_WARC_DIR: str | None = None  # record every request and response here as .warc.gz
BIONEWS_WARC_MAX_BYTES = 100 * 1024 * 1024  # start a new file once one passes this size

# --- Politeness -------------------------------------------------------------------------
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
ROBOTSTXT_OBEY = True
USER_AGENT = f"bionews-scraper/{__version__} (+{BIONEWS_CONTACT_URL})"  # `bionews crawl` rebuilds it from the setting

# --- Robustness -------------------------------------------------------------------------
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024  # a BioNews page is ~50 kB; anything this big is broken
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
HTTPERROR_ALLOW_ALL = False
BIONEWS_RETRY_BACKOFF_BASE = 1.0  # seconds before the first retry, doubled for each next one
BIONEWS_RETRY_BACKOFF_MAX = 60.0
RETRY_ENABLED = True
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_TIMES = 3

# --- Components -------------------------------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    # Scrapy's robots.txt, retry and redirect middlewares, replaced by subclasses in their places.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "bionews_scraper.crawl.middlewares.robots.EveryRequestRobotsTxtMiddleware": 100,
    "bionews_scraper.crawl.middlewares.retry.BackoffRetryMiddleware": 550,
    "bionews_scraper.crawl.middlewares.redirect.FollowOnceRedirectMiddleware": 600,
    # Sees a 3xx before the redirect middleware (600), which would follow a loop.
    "bionews_scraper.crawl.middlewares.redirect_loop.RedirectLoopMiddleware": 610,
    # Next to the downloader: raw bytes, redirects and error pages; off without BIONEWS_WARC_DIR.
    "bionews_scraper.archive.warc.capture.WarcCaptureMiddleware": 950,
}
EXTENSIONS = {
    "bionews_scraper.crawl.extensions.statsfile.StatsFile": 500,
    "bionews_scraper.crawl.extensions.progress.ProgressLine": 510,
}
ITEM_PIPELINES = {
    "bionews_scraper.crawl.pipelines.provenance.ProvenancePipeline": 100,
    "bionews_scraper.crawl.pipelines.validate.ValidatePipeline": 200,
    "bionews_scraper.crawl.pipelines.dedupe.DedupePipeline": 300,
    "bionews_scraper.crawl.pipelines.write.WritePipeline": 400,
}
REQUEST_FINGERPRINTER_CLASS = "bionews_scraper.crawl.fingerprint.CanonicalFingerprinter"
SCHEDULER = "bionews_scraper.crawl.scheduler.LedgerScheduler"  # trusts JOBDIR only after a clean stop

# --- Scrapy housekeeping ----------------------------------------------------------------
# Scrapy starts this many asyncio tasks for every callback's output, however few items it
# holds (2.19: ``utils.asyncio._parallel_asyncio``); the default 100 made ~100 tasks per
# page. Our pipelines are synchronous, so more would not run in parallel anyway
# (bench/crawl_scale.py: crawl CPU time -12% at 8, see bench/RESULTS.md).
CONCURRENT_ITEMS = 8
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"  # `bionews crawl` shows warnings only, unless -v
COOKIES_ENABLED = False  # BioNews needs no session; cookies would only be state to carry
# No way in from outside: no telnet console, no remote-control server (Scrapy 2.19 runs
# code posted to it on a localhost port).
REMOTE_CONTROL_ENABLED = False
TELNETCONSOLE_ENABLED = False
