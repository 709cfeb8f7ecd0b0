"""Scrapy's scheduler, made safe to resume from whatever JOBDIR holds.

Scrapy writes ``requests.seen`` as it goes but the queue's sizes and ``active.json`` only
on close, so after a kill -9 the seen-set names pages the lost queue never fetched, and a
restart drops them all as "already seen". This scheduler trusts JOBDIR only when the last
run closed it (``CLEAN_STOP_FILE``, written after Scrapy saved its queue); otherwise it
removes the seen-set and the queue, and the output is the ledger (``crawl.memory``).
A queue file that cannot be read or written (queuelib raises ``struct.error`` for a 0-byte
file) sends its requests to the memory queue instead of losing them.
"""

from __future__ import annotations

import logging
import shutil
import struct
from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.core.scheduler import Scheduler
from scrapy.utils.job import job_dir

logger = logging.getLogger(__name__)

CLEAN_STOP_FILE = "bionews-clean-stop"  # in JOBDIR: the last run closed its queue and seen-set
UNTRUSTED_STATE = ("requests.seen", "requests.queue")
DISK_QUEUE_ERRORS = (struct.error, OSError, EOFError, ValueError)


def distrust_unclean_jobdir(jobdir: Path) -> bool:
    """Remove Scrapy's seen-set and queue unless the last run stopped cleanly; True if removed.

    The clean-stop mark is taken away either way: this run is not clean until it closes.
    """
    mark = jobdir / CLEAN_STOP_FILE
    if mark.exists():
        mark.unlink()
        return False
    present = [jobdir / name for name in UNTRUSTED_STATE if (jobdir / name).exists()]
    for path in present:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    return bool(present)


class LedgerScheduler(Scheduler):
    @classmethod
    def from_crawler(cls, crawler: Any) -> LedgerScheduler:
        jobdir = job_dir(crawler.settings)
        if jobdir and distrust_unclean_jobdir(Path(jobdir)):
            logger.warning("JOBDIR %s was not closed cleanly: its queue is lost; resuming from the output", jobdir)
            crawler.stats.set_value("bionews/jobdir_untrusted", 1)
        return super().from_crawler(crawler)

    def close(self, reason: str) -> Any:
        result = super().close(reason)
        if self.dqdir:  # the queue is saved: the next run may trust it
            (Path(self.dqdir).parent / CLEAN_STOP_FILE).touch()
        return result

    def _dqpush(self, request: Request) -> bool:
        try:
            return super()._dqpush(request)
        except DISK_QUEUE_ERRORS as error:  # the memory queue takes it (the caller's fallback)
            self._disk_queue_error("write", error)
            return False

    def _dq(self) -> Any:
        try:
            return super()._dq()
        except DISK_QUEUE_ERRORS as error:  # a saved queue that cannot be opened: start it empty
            self._disk_queue_error("read", error)
            shutil.rmtree(str(self.dqdir))
            Path(str(self.dqdir)).mkdir()
            return super()._dq()

    def _dqpop(self) -> Request | None:
        try:
            return super()._dqpop()
        except DISK_QUEUE_ERRORS as error:
            # Drop the unreadable priority, or the engine would ask it again for ever; the
            # pages it held are still pointed to by the records (the ledger) on the next run.
            self._disk_queue_error("read", error)
            if self.dqs is not None and self.dqs.curprio is not None:
                self.dqs.queues.pop(self.dqs.curprio, None)
                self.dqs.curprio = min(self.dqs.queues) if self.dqs.queues else None
            return None

    def _disk_queue_error(self, action: str, error: Exception) -> None:
        logger.warning("could not %s the disk queue (%s: %s)", action, type(error).__name__, error)
        if self.stats is not None:
            self.stats.inc_value(f"bionews/scheduler/disk_queue_{action}_errors")
