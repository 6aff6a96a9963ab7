"""Text from the data is shown as text: markup in a name never becomes an element.

A desa, program or indicator name, the office's name and the Renstra period hold a script and a
bold tag; the whole 2023 report is rendered from that data, once for the module.
"""

from __future__ import annotations

import base64
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from lkip.build import pipeline
from lkip.build.bundle import buat_bundel, periksa_bundel
from lkip.build.manifest import Asal, tulis_manifest
from tests.conftest import SHIPPED_RAW

pytestmark = pytest.mark.slow

SKRIP = "<script>alert(1)</script>"
TEBAL = "<b>tebal</b>"
DESA = f"Paowan {SKRIP}"
PROGRAM = f"Program Pelayanan {TEBAL} {SKRIP}"
INDIKATOR = f"Rata-rata lama Pelayanan PATEN {TEBAL}"
INSTANSI = f"Kecamatan {TEBAL} {SKRIP}"
PERIODE = f"2021-2026 {TEBAL}"


def _ganti(path: Path, lama: str, baru: str) -> None:
    teks = path.read_text(encoding="utf-8")
    assert lama in teks, (path, lama)
    path.write_text(teks.replace(lama, baru), encoding="utf-8")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> pipeline.HasilRender:
    root = tmp_path_factory.mktemp("markup")
    raw = root / "data" / "raw" / "panarukan"
    shutil.copytree(SHIPPED_RAW, raw)
    # The printed figures name the real programs and desa; renamed here, they would no longer
    # resolve (the reviu's own tests cover that file).
    (raw / "2023" / "dilaporkan.csv").unlink()
    for tahun in ("2022", "2023"):
        _ganti(raw / tahun / "idm.csv", "\nPaowan,", f"\n{DESA},")
        _ganti(raw / tahun / "kinerja.csv", "Rata-rata lama Pelayanan PATEN Kecamatan", INDIKATOR)
    _ganti(
        raw / "2023" / "anggaran.csv",
        "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
        PROGRAM,
    )
    _ganti(raw / "2023" / "profil.yaml", "instansi: Kecamatan Panarukan", f"instansi: '{INSTANSI}'")
    _ganti(
        raw / "2023" / "profil.yaml", "periode_renstra: 2021-2026", f"periode_renstra: '{PERIODE}'"
    )
    return pipeline.render(2023, root=root, lapor=lambda _: None)


@pytest.fixture(scope="module")
def html(rendered: pipeline.HasilRender) -> str:
    return rendered.html.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _teks(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def test_no_element_comes_from_the_data(html: str, soup: BeautifulSoup) -> None:
    assert soup.find_all("script") == []
    assert "<script" not in html.lower()
    assert [b for b in soup.find_all("b") if "tebal" in b.get_text()] == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;tebal&lt;/b&gt;" in html


def test_cover_title_and_running_header_show_the_name_as_text(soup: BeautifulSoup) -> None:
    assert soup.select_one(".sampul-instansi").get_text() == INSTANSI
    assert INSTANSI in soup.title.get_text()
    # the running header is a CSS string: markup and quotes cannot end it or the <style>
    style = soup.find("style").get_text()
    assert "</style" not in style.lower() and "<script" not in style.lower()


def test_body_text_shows_names_as_text(soup: BeautifulSoup) -> None:
    paragraphs = [_teks(p) for p in soup.select("section.bab p")]
    assert any(INSTANSI in p for p in paragraphs)  # computed sentences (kalimat)
    assert any(f"Indikator : {INDIKATOR}" in p for p in paragraphs)  # Markdown prose
    items = [_teks(li) for li in soup.select("section.bab li")]
    assert INDIKATOR in items  # Markdown list items


def test_tables_show_names_as_text(soup: BeautifulSoup) -> None:
    cells = [_teks(td) for td in soup.select("figure.tabel td")]
    for name in (DESA, PROGRAM, INDIKATOR):
        assert any(name in c for c in cells), name


def test_charts_alt_texts_and_svgs_hold_names_as_text(html: str, soup: BeautifulSoup) -> None:
    images = soup.select("figure.grafik img")
    assert images
    for img in images:
        assert img["src"].startswith("data:image/svg+xml;base64,")
    raw_alts = re.findall(r'<img [^>]*alt="([^"]*)"', html)
    assert raw_alts and all("<" not in a for a in raw_alts)
    svgs = [base64.b64decode(i["src"].split(",", 1)[1]).decode("utf-8") for i in images]
    assert not any("<script" in s for s in svgs)
    assert any("Paowan &lt;script&gt;" in s for s in svgs)  # desa on the IDM chart


def test_daftar_isi_shows_heading_text_as_text(soup: BeautifulSoup) -> None:
    toc = [_teks(a) for a in soup.select("nav.daftar-isi a")]
    assert f"2.1 Rencana Strategis {PERIODE}" in toc
    heading = soup.find("h2", string=re.compile("Rencana Strategis"))
    assert heading is not None and heading.find("b") is None


def test_bundle_notebook_pages_escape_names(rendered: pipeline.HasilRender, tmp_path) -> None:
    root = rendered.folder.parents[2]
    tulis_manifest(Asal.baca(2023, root), rendered.folder, {"tahun": 2023})
    hasil = buat_bundel(2023, root, tmp_path / "bundel.zip")
    assert periksa_bundel(hasil.path, hasil.sidik).valid
    with zipfile.ZipFile(hasil.path) as zf:
        pages = [zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".html")]
    assert len(pages) == 1 + len(pipeline.CHAPTERS)
    for page in pages:
        page_soup = BeautifulSoup(page, "html.parser")
        assert page_soup.find_all("script") == []
        assert [b for b in page_soup.find_all("b") if "tebal" in b.get_text()] == []
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in p for p in pages[1:])


def test_markdown_in_narasi_cannot_fetch_or_inject() -> None:
    from lkip.presentation.display import markdown

    html = markdown("Lihat ![peta <b>](https://contoh.id/peta.png) dan <script>x()</script>")
    assert "<img" not in html and "https://contoh.id" not in html
    assert "peta &lt;b&gt;" in html and "&lt;script&gt;" in html
