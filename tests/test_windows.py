"""Nothing POSIX-only on the report's path: the whole render runs where fcntl does not exist."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from lkip.build.pipeline import HasilRender

pytestmark = pytest.mark.slow


def test_render_without_fcntl_writes_the_whole_report(laporan_2023: HasilRender) -> None:
    html = (laporan_2023.folder / "lkip-2023.html").read_text(encoding="utf-8")
    assert "BAB I" in html and "DAFTAR ISI" in html
    pdf = PdfReader(laporan_2023.folder / "lkip-2023.pdf")
    assert len(pdf.pages) > 20
    assert "Capaian" in "".join(p.extract_text() for p in pdf.pages[:12])
    assert (laporan_2023.folder / "manifest.json").is_file()
    assert sorted(p.name for p in (laporan_2023.folder / "notebooks").glob("*.ipynb"))
