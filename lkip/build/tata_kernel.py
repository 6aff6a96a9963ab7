"""PDF parts laid out in a chapter kernel instead of this process.

In a batch (:mod:`lkip.build.batch`) the offices share one process, and laying their PDFs out
is most of what that process does: done there, one office's layout waits for another's. Given
to the kernels, which are other processes, layouts run beside each other and beside this
process's own work. A part's layout is the same wherever it is made (:func:`lkip.build.pdf.
tata_berkas` is :func:`lkip.build.pdf.tata_letak` with its input and output in files).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from lkip.build.kernel import Prioritas

if TYPE_CHECKING:
    from lkip.build.kernel import KolamKernel
    from lkip.build.pdf import Tata


def penata_kernel(
    kolam: KolamKernel, env: Mapping[str, str], folder: Path
) -> Callable[[str], Tata]:
    """A ``penata`` for :func:`lkip.build.pdf.write_pdf` that lays each part out in a kernel of
    ``kolam``, passing the files through a temporary folder in ``folder``."""
    from lkip.build.pdf import Tata

    def tata(html: str) -> Tata:
        with tempfile.TemporaryDirectory(dir=folder, prefix=".tata-") as sementara:
            masuk, keluar = Path(sementara) / "bagian.html", Path(sementara) / "bagian.pdf"
            masuk.write_text(html, encoding="utf-8")
            kolam.kerjakan(
                env, "lkip.build.pdf", "tata_berkas", str(masuk), str(keluar),
                prioritas=Prioritas.TATA,
            )  # fmt: skip
            data = Path(f"{keluar}.json").read_text(encoding="utf-8")
            return Tata.dari(keluar.read_bytes(), data)

    return tata
