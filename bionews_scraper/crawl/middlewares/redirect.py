"""Scrapy's RedirectMiddleware, with every redirect followed past the dupefilter.

Our fingerprint is page identity (``records.identity.page_key``): ``/slug`` -> ``/slug/`` and
``http`` -> ``https`` are the same page, so Scrapy's dupefilter drops the redirected request
as a repeat of the one that was redirected, and the page is lost without a word. A redirect
to another page already fetched is followed too: the de-duplication pipeline then counts
it. Loops stay refused by ``RedirectLoopMiddleware`` and chains by ``REDIRECT_MAX_TIMES``.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware


class FollowOnceRedirectMiddleware(RedirectMiddleware):
    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        followed = super()._redirect(redirected, request, reason)
        followed.dont_filter = True
        return followed
