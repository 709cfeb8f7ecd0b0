"""A full disk without root: a per-process file size limit (RLIMIT_FSIZE) with SIGXFSZ ignored.

The kernel then cuts a write short at the limit and fails the rest with EFBIG, as a full
disk cuts one short and fails the rest with ENOSPC.
"""

from __future__ import annotations

import resource
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def file_size_limit(limit: int) -> Iterator[None]:
    """In this process: files written meanwhile cannot grow past ``limit`` bytes."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)


def child_file_size_limit(limit: int) -> Callable[[], None]:
    """For ``subprocess``'s ``preexec_fn``: the same limit in a child process."""

    def apply() -> None:  # runs in the child between fork and exec
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an ignored signal stays ignored across exec
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply
