"""Keeping Python's full garbage collections off the objects a step did not make.

A render's process holds millions of objects (pandas, pandera, WeasyPrint, papermill and
their data) by the time it processes the year or writes the Word and Excel copies, and those
steps allocate enough to set off a full collection, which walks every one of them: some
0,3–0,7 s each, on a 1–2 s step. Inside :func:`frozen` the objects that existed before are
left out of collections (``gc.freeze``); what the step creates is collected as usual, and on
leaving everything is collectable again, so nothing is kept alive longer than without it (a
heap frozen by someone else, a chapter kernel's, is left frozen: see :func:`frozen`).
:func:`lepas_memori` gives what was freed back to the operating system.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_kunci = threading.Lock()
_kedalaman = 0
_milik_sendiri = True  # the freeze of the blocks now running is theirs to undo


@contextmanager
def frozen() -> Iterator[None]:
    """Run the block with the objects alive now left out of garbage collection.

    Every block entered freezes what is alive then (a constant-time move in CPython), so a
    step inside a longer frozen block is spared the objects made since; nested and concurrent
    blocks share the freeze, and the last to leave unfreezes. A heap someone else froze (a
    chapter kernel freezes what survives each reset, :func:`lkip.build.kernel.kode_reset`) is
    left as it is: unfreezing it would put the kernel's modules back into its collections,
    and freezing more would keep this step's garbage from them for good.
    """
    global _kedalaman, _milik_sendiri
    with _kunci:
        if _kedalaman == 0:
            _milik_sendiri = gc.get_freeze_count() == 0
        if _milik_sendiri:
            gc.freeze()
        _kedalaman += 1
    try:
        yield
    finally:
        with _kunci:
            _kedalaman -= 1
            if _kedalaman == 0 and _milik_sendiri:
                gc.unfreeze()


def lepas_memori() -> None:
    """Give the memory freed so far back to the operating system.

    glibc keeps what a process freed for its next allocations, so a process that works
    through many offices (a batch) otherwise holds its high-water mark for good. Elsewhere
    than on glibc (Windows, macOS) nothing is done.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, found among the symbols the interpreter already loaded."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
