"""``python -m lkip``: the command line (:mod:`lkip.cli`)."""

import atexit
import contextlib
import os
import sys


def _akhiri(status: list[int]) -> None:
    """End the process once every other exit handler has run, without tearing down its
    modules: freeing pandas', WeasyPrint's and nbconvert's objects one by one takes a third
    of a second and serves no purpose once the outputs are written. Only after :func:`main`
    returned (``status`` holds its exit status); a run ended otherwise (``--help``, an
    argument error) exits the usual way."""
    if status:
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(status[0])


if __name__ == "__main__":  # not when a worker process (Dask, multiprocessing) imports it
    status: list[int] = []
    # Registered before anything else is imported, so it runs after every other exit
    # handler (they run last-registered first): theirs still run.
    atexit.register(_akhiri, status)

    from lkip.cli import main

    status.append(main())
    sys.exit(status[0])
