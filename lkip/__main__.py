"""``python -m lkip`` and the ``lkip`` command."""

import sys

from lkip.core.impor import TANPA_DATA_UJI, lewati


def jalan() -> int:
    lewati(TANPA_DATA_UJI)  # before anything imports pandera: see lkip.core.impor
    from lkip.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(jalan())
