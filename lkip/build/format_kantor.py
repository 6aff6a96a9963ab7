"""The office formats of a report, its Word and Excel copies, written while the PDF is laid out.

Both are written from the report's HTML, and neither needs the page numbers the PDF gives the
Daftar Isi (Word's Daftar Isi is a field Word fills in; the workbook holds the tables). So as
soon as the HTML's text is known they are handed to a chapter kernel (another process, already
warm and idle by then), which writes them while this process lays the PDF out. The inputs and
the manifest are attached to the PDF once both are written, since the manifest lists them.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from lkip.build.kernel import Prioritas

if TYPE_CHECKING:
    from lkip.build.kernel import KolamKernel


def tulis_kantor(
    html: str, docx: str, xlsx: str, tahun: int, root: str, folder_cache: str, kunci: str
) -> None:
    """Write the Word copy to ``docx`` and the workbook to ``xlsx`` from the report HTML in the
    file ``html``; the workbook's reviu sheet from the processed year of ``root``.

    Plain arguments, so a kernel can be given the call; ``folder_cache`` (empty: none) keeps
    the Word copy's chart pictures under keys that also hold ``kunci``.
    """
    from lkip.build.cache import Cache
    from lkip.build.excel import tulis_xlsx
    from lkip.build.tabel_html import sup_laporan
    from lkip.build.word import tulis_docx
    from lkip.core.paths import processed_dir
    from lkip.model.laporan import baca_tabel

    soup = sup_laporan(Path(html).read_text(encoding="utf-8"))  # read by both copies
    cache = Cache(Path(folder_cache), print) if folder_cache else None
    tulis_docx(soup, Path(docx), cache, kunci)
    # the render has just written the processed year: its reviu table is read, nothing else
    reviu = baca_tabel(processed_dir(tahun, Path(root)), "reviu")
    tulis_xlsx(soup, reviu, Path(xlsx), tahun)


def mulai_kantor(
    kolam: KolamKernel,
    env: dict[str, str],
    html: Path,
    docx: Path,
    xlsx: Path,
    tahun: int,
    root: Path,
    folder_cache: Path | None,
    kunci: str,
) -> Future[None]:
    """Start :func:`tulis_kantor` in a kernel of ``kolam`` reading with ``env``; the future is
    done when both files are written."""
    argumen = (str(html), str(docx), str(xlsx), tahun, str(root), str(folder_cache or ""), kunci)
    selesai: Future[None] = Future()

    def kerja() -> None:
        try:
            kolam.kerjakan(
                env, __name__, tulis_kantor.__name__, *argumen, prioritas=Prioritas.KANTOR
            )
        except BaseException as e:  # handed to whoever waits for the files
            selesai.set_exception(e)
        else:
            selesai.set_result(None)

    threading.Thread(target=kerja, daemon=True).start()
    return selesai
