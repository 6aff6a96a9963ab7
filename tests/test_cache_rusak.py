"""A damaged cache through the real pipeline: rebuilt, said, never published (issue 15).

One project is rendered for the module; each test damages its cache the way the issue found
it published (random bytes in the final PDF, garbage notebooks and HTML fragments, garbage or
empty JSON), renders again and reads the outputs back. Each test leaves a sound cache behind.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from pypdf import PdfReader

from lkip.build import cache as ch
from lkip.build import pipeline
from lkip.build.manifest import keluaran
from tests.conftest import SHIPPED_RAW

pytestmark = pytest.mark.slow

TIDAK_BERUBAH = "Tidak ada yang berubah: laporan diambil dari cache"


@pytest.fixture(scope="module")
def proyek(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("proyek-cache")
    shutil.copytree(SHIPPED_RAW, root / "data" / "raw" / "panarukan")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LKIP_CACHE", str(root / ".cache"))
        pipeline.render(2023, root=root, lapor=lambda _: None)
        yield root


def _render(root: Path) -> list[str]:
    pesan: list[str] = []
    pipeline.render(2023, root=root, lapor=pesan.append)
    return pesan


def _berkas(root: Path, jenis: str, nama: str) -> list[Path]:
    """The files called ``nama`` in the cache entries of kind ``jenis``."""
    return sorted((ch.cache_dir(root) / jenis).glob(f"*/{nama}"))


def _rusak(pesan: list[str], jenis: str) -> list[str]:
    return [p for p in pesan if p.startswith(f"Cache {jenis} ") and " rusak (" in p]


def _isi_pdf(path: Path) -> tuple[int, str]:
    reader = PdfReader(path)
    return len(reader.pages), reader.pages[0].extract_text()


def _terbit_sesuai_manifest(out: Path) -> None:
    """The manifest lists what was published, byte for byte, and nothing else is left over."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["keluaran"] == keluaran(out)
    assert not list(out.parent.glob(".2023-*"))  # no staging folder left behind


def test_random_bytes_in_the_cached_final_pdf_are_rebuilt(proyek: Path) -> None:
    out = proyek / "outputs" / "panarukan" / "2023"
    sebelum = _isi_pdf(out / "lkip-2023.pdf")
    [pdf] = _berkas(proyek, "laporan", "lkip-2023.pdf")
    pdf.write_bytes(os.urandom(pdf.stat().st_size))
    pesan = _render(proyek)
    assert TIDAK_BERUBAH not in pesan
    assert [p for p in _rusak(pesan, "laporan") if "sidik lkip-2023.pdf tidak cocok" in p]
    assert _isi_pdf(out / "lkip-2023.pdf") == sebelum
    _terbit_sesuai_manifest(out)
    terbit = (out / "lkip-2023.pdf").read_bytes()
    assert _render(proyek) == [TIDAK_BERUBAH]  # the rebuilt entry is sound and served
    assert (out / "lkip-2023.pdf").read_bytes() == terbit


def test_garbage_cached_notebooks_and_html_are_rebuilt(proyek: Path) -> None:
    out = proyek / "outputs" / "panarukan" / "2023"
    halaman = _isi_pdf(out / "lkip-2023.pdf")[0]
    [nb] = _berkas(proyek, "bab", "05_penutup.ipynb")
    nb.write_bytes(b"SAMPAH" * 100)
    fragmen = _berkas(proyek, "html", "bab.html")
    for f in fragmen:
        f.write_text("<h1>SAMPAH</h1>", encoding="utf-8")
    [html] = _berkas(proyek, "laporan", "lkip-2023.html")
    html.write_text("<html><body><h1>SAMPAH</h1></body></html>", encoding="utf-8")
    pesan = _render(proyek)
    assert len(_rusak(pesan, "bab")) == 1
    assert "Bab 05_penutup: mulai" in pesan
    assert len(_rusak(pesan, "laporan")) == 1
    assert len(_rusak(pesan, "html")) == len(fragmen) == len(pipeline.CHAPTERS)
    teks = (out / "lkip-2023.html").read_text(encoding="utf-8")
    assert "SAMPAH" not in teks
    assert 'id="bab-iv-penutup"' in teks  # 05_penutup, executed again
    penutup = nbformat.read(out / "notebooks" / "05_penutup.ipynb", as_version=4)
    nbformat.validate(penutup)
    assert _isi_pdf(out / "lkip-2023.pdf")[0] == halaman
    _terbit_sesuai_manifest(out)
    assert _render(proyek) == [TIDAK_BERUBAH]


def test_garbage_or_empty_cached_json_and_a_truncated_pdf_are_rebuilt(proyek: Path) -> None:
    out = proyek / "outputs" / "panarukan" / "2023"
    sebelum = _isi_pdf(out / "lkip-2023.pdf")
    [penunjuk] = _berkas(proyek, "penunjuk", "penunjuk.json")
    penunjuk.write_bytes(b"")
    tata = _berkas(proyek, "pdf", "tata.json")
    tata[0].write_bytes(b"{")
    tata[-1].write_bytes(b"")
    [pdf] = _berkas(proyek, "laporan", "lkip-2023.pdf")
    pdf.write_bytes(pdf.read_bytes()[: pdf.stat().st_size // 2])
    pesan = _render(proyek)
    assert len(_rusak(pesan, "penunjuk")) == 1
    assert len(_rusak(pesan, "laporan")) == 1
    assert len(_rusak(pesan, "pdf")) == 2
    assert _isi_pdf(out / "lkip-2023.pdf") == sebelum
    _terbit_sesuai_manifest(out)
    assert _render(proyek) == [TIDAK_BERUBAH]
