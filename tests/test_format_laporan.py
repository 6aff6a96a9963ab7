"""The rendered report's Word, Excel and PDF copies, read back and compared with its HTML."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from PIL import Image
from pypdf import PdfReader

from lkip.build import pipeline
from lkip.build.pdf_lampiran import lampiran, periksa_pdf
from lkip.build.tabel_html import tabel_laporan
from lkip.build.word import DPI_GAMBAR
from lkip.cli import main
from lkip.core.paths import processed_dir
from lkip.model.laporan import Laporan
from lkip.reviu import baca_cetakan
from tests.test_pdf_tag import periksa_struktur

pytestmark = pytest.mark.slow

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def soup(laporan_2023: pipeline.HasilRender) -> BeautifulSoup:
    return BeautifulSoup(laporan_2023.html.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def dokumen(laporan_2023: pipeline.HasilRender):
    return docx.Document(str(laporan_2023.docx))


@pytest.fixture(scope="module")
def buku(laporan_2023: pipeline.HasilRender) -> openpyxl.Workbook:
    return openpyxl.load_workbook(laporan_2023.xlsx)


def _rata(teks: str) -> str:
    return " ".join(teks.split())


def _grid_docx(table) -> list[list[str]]:
    """Cell text of a Word table, a merged cell's text in its first slot only (as in HTML)."""
    dilihat: dict[int, object] = {}  # holds the elements, so that no id is reused
    hasil = []
    for row in table.rows:
        baris = []
        for cell in row.cells:
            baris.append("" if id(cell._tc) in dilihat else _rata(cell.text))
            dilihat[id(cell._tc)] = cell._tc
        hasil.append(baris)
    return hasil


# --- Word -------------------------------------------------------------------------------------


def test_word_headings_equal_the_html(soup: BeautifulSoup, dokumen) -> None:
    html = [
        (f"Heading {h.name[1]}", _rata(h.get_text(" "))) for h in soup.find_all(["h1", "h2", "h3"])
    ]
    word = [
        (p.style.name, _rata(p.text))
        for p in dokumen.paragraphs
        if p.style.name.startswith("Heading")
    ]
    assert word == html
    assert len(word) > 40


def test_word_tables_equal_the_html(soup: BeautifulSoup, dokumen) -> None:
    tabel = tabel_laporan(soup)
    assert len(dokumen.tables) == len(tabel) == 22
    for t, w in zip(tabel, dokumen.tables, strict=True):
        assert _grid_docx(w) == [*t.kotak("kepala"), *t.kotak("badan")], t.judul
        header = [
            r._tr.trPr is not None and r._tr.trPr.find(f"{W}tblHeader") is not None for r in w.rows
        ]
        assert header == [True] * len(t.kepala) + [False] * len(t.badan), t.judul
    caption = [_rata(p.text) for p in dokumen.paragraphs if p.style.name == "Caption"]
    html_caption = [_rata(f.get_text(" ")) for f in soup.select("figure figcaption")]
    assert caption == html_caption


def test_word_figures_are_the_html_charts_at_print_resolution(soup: BeautifulSoup, dokumen) -> None:
    img = soup.select("figure.grafik img")
    assert len(dokumen.inline_shapes) == len(img) == 6
    for shape, i in zip(dokumen.inline_shapes, img, strict=True):
        assert shape._inline.docPr.get("descr") == i["alt"]
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        png = Image.open(io.BytesIO(dokumen.part.related_parts[blip.embed].blob))
        assert png.format == "PNG"
        assert png.size[0] / (shape.width / 914400) >= DPI_GAMBAR - 1
        assert shape.width <= dokumen.sections[0].page_width - 2 * dokumen.sections[0].left_margin


def test_word_document_converts_with_libreoffice(
    laporan_2023: pipeline.HasilRender, tmp_path: Path
) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing: .ci/run installs it with `make libreoffice`")
        pytest.skip("LibreOffice is not installed: `make libreoffice` installs it")
    profil = tmp_path / "profil"
    hasil = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profil}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(laporan_2023.docx),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert hasil.returncode == 0, hasil.stderr
    pdf = tmp_path / "lkip-2023.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) > 30
    teks = _rata(" ".join(p.extract_text() for p in reader.pages))
    assert "BAB III AKUNTABILITAS KINERJA" in teks
    assert "Tabel 3.3.1 : Pagu dan realisasi anggaran per program tahun 2023" in teks


# --- Excel ------------------------------------------------------------------------------------


def test_word_and_excel_written_by_a_kernel_equal_those_written_here(
    laporan_2023: pipeline.HasilRender, tmp_path: Path
) -> None:
    """The copies a kernel wrote from the HTML before the PDF gave it page numbers, with the
    reviu read back from data/processed, are those this process writes from the published HTML
    and the model's own reviu table."""
    from lkip.build.excel import tulis_xlsx
    from lkip.build.word import tulis_docx
    from lkip.processed import susun

    teks = laporan_2023.html.read_text(encoding="utf-8")
    reviu = susun(2023, laporan_2023.folder.parents[2]).tabel["reviu"]  # computed, not read
    docx_sini = tulis_docx(teks, tmp_path / "sini.docx")
    xlsx_sini = tulis_xlsx(teks, reviu, tmp_path / "sini.xlsx", 2023)

    def isi_docx(path: Path) -> dict[str, bytes]:
        with zipfile.ZipFile(path) as z:
            return {n: z.read(n) for n in z.namelist() if not n.startswith("docProps/")}

    def isi_xlsx(path: Path) -> dict[str, list]:
        wb = openpyxl.load_workbook(path)
        return {
            ws.title: [[(c.value, c.number_format) for c in baris] for baris in ws.iter_rows()]
            for ws in wb.worksheets
        }

    assert isi_docx(laporan_2023.docx) == isi_docx(docx_sini)
    assert isi_xlsx(laporan_2023.xlsx) == isi_xlsx(xlsx_sini)


def test_excel_has_one_sheet_per_table_then_the_reviu(soup: BeautifulSoup, buku) -> None:
    assert buku.sheetnames == [t.nomor for t in tabel_laporan(soup)] + ["Reviu"]


def test_excel_sheets_equal_the_html_tables(soup: BeautifulSoup, buku) -> None:
    angka = 0
    for t in tabel_laporan(soup):
        ws = buku[t.nomor]
        assert ws["A1"].value == t.judul
        awal = 2 + len(t.kepala)
        assert ws.freeze_panes == f"A{awal}"
        for i, baris in enumerate(t.kotak("badan")):
            for j, teks in enumerate(baris):
                sel = ws.cell(row=awal + i, column=j + 1)
                if isinstance(sel.value, int | float):
                    # the number is the printed one, with as many decimals as printed
                    pecahan = re.search(r"0\.(0+)", sel.number_format)
                    desimal = len(pecahan.group(1)) if pecahan else 0
                    cetak = baca_cetakan(teks, bulat=desimal == 0)
                    assert sel.value == pytest.approx(float(cetak.nilai), abs=0), (t.nomor, teks)
                    assert desimal == cetak.desimal, teks
                    angka += 1
                else:
                    assert (sel.value or "") == teks, (t.nomor, i, j)
        for j in range(1, len(t.kotak("badan")[0]) + 1):
            assert ws.column_dimensions[openpyxl.utils.get_column_letter(j)].width >= 6
    assert angka > 200


def test_excel_figures_are_the_model_values(laporan_2023: pipeline.HasilRender, buku) -> None:
    """Rupiah totals of Tabel 3.3.1 are the model's totals, to the rupiah, as numbers."""
    L = Laporan.baca(processed_dir(2023, laporan_2023.folder.parents[2]))
    total = L.tabel["anggaran_total"].iloc[0]
    ws = buku["Tabel 3.3.1"]
    [jumlah] = [r for r in ws.iter_rows(min_row=3, values_only=True) if r[0] == "Jumlah"]
    assert jumlah[1:4] == (int(total["pagu"]), int(total["realisasi"]), int(total["sisa"]))


def test_excel_reviu_sheet_is_the_model_reviu(laporan_2023: pipeline.HasilRender, buku) -> None:
    reviu = pd.read_csv(laporan_2023.folder / "reviu.csv", dtype=str, keep_default_na=False)
    ws = buku["Reviu"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(reviu) > 300
    assert [r[5] for r in rows] == list(reviu["status"])
    assert [r[0] for r in rows] == list(reviu["metrik"])
    assert [r[2] for r in rows] == list(reviu["dilaporkan"])
    assert ws.auto_filter.ref == f"A1:G{len(reviu) + 1}"
    warna = {"sesuai": "C6EFCE", "pembulatan": "FFEB9C", "tidak sesuai": "FFC7CE"}
    for i, status in enumerate(reviu["status"], start=2):
        assert ws.cell(row=i, column=6).fill.fgColor.rgb[-6:] == warna[status]


# --- PDF --------------------------------------------------------------------------------------


def test_pdf_carries_the_inputs_and_verifies(laporan_2023: pipeline.HasilRender, capsys) -> None:
    root = laporan_2023.folder.parents[2]
    manifest = json.loads((laporan_2023.folder / "manifest.json").read_text())
    semua = lampiran(laporan_2023.pdf)
    assert sorted(semua) == sorted([*manifest["masukan"], "manifest.json"])
    for nama in manifest["masukan"]:
        assert semua[nama] == [(root / nama).read_bytes()]
    terlampir = json.loads(semua["manifest.json"][0])
    assert terlampir["masukan"] == manifest["masukan"]
    assert terlampir["sidik_masukan"] == manifest["sidik_masukan"]
    assert "lkip-2023.pdf" not in terlampir["keluaran"]  # a PDF cannot hold its own hash
    hasil = periksa_pdf(laporan_2023.pdf)
    assert hasil.valid, hasil.masalah
    assert main(["verify", str(laporan_2023.pdf)]) == 0
    assert "PDF valid" in capsys.readouterr().out


def test_manifest_lists_the_new_outputs_as_published(laporan_2023: pipeline.HasilRender) -> None:
    keluaran = json.loads((laporan_2023.folder / "manifest.json").read_text())["keluaran"]
    for path in (laporan_2023.pdf, laporan_2023.docx, laporan_2023.xlsx):
        assert keluaran[path.name] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_pdf_is_marked_pdfa3b(laporan_2023: pipeline.HasilRender) -> None:
    """What pypdf can show of PDF/A-3b (no veraPDF here): output intent with an ICC profile,
    XMP declaring part 3 conformance B, fonts embedded, printable annotations, file ID and
    associated files."""
    reader = PdfReader(laporan_2023.pdf)
    root = reader.root_object
    [intent] = [i.get_object() for i in root["/OutputIntents"]]
    assert intent["/S"] == "/GTS_PDFA1" and intent["/DestOutputProfile"].get_object().get_data()
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfaid:part(="|>)3', xmp) and re.search(r'pdfaid:conformance(="|>)B', xmp)
    assert len(reader.trailer["/ID"]) == 2
    assert len(root["/AF"]) == len(lampiran(laporan_2023.pdf))
    fonts = 0
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            assert desc is not None
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(desc.get_object()), font
            fonts += 1
        for annot in page.get("/Annots") or []:
            assert int(annot.get_object().get("/F", 0)) & 4, "annotations must be printable"
    assert fonts > 0


def test_pdf_is_tagged_across_its_parts(laporan_2023: pipeline.HasilRender, soup) -> None:
    jenis = periksa_struktur(PdfReader(laporan_2023.pdf))
    assert jenis["/H1"] == len(soup.find_all("h1"))
    assert jenis["/H2"] == len(soup.find_all("h2"))
    assert jenis["/Figure"] >= len(soup.select("figure.grafik img"))
    assert jenis["/Table"] >= len(soup.select("figure.tabel table"))
