"""``lkip-<year>.docx``: the report as an editable Word document, from the HTML report.

Offices finish and sign the LKIP in Word (the camat's last sentence, a letterhead, a scanned
signature), so the Word copy must be a real Word document, not a picture of the PDF: the
report's headings are Word's Heading 1–3 (the navigation pane and Word's own table of contents
work), the Daftar Isi is a Word TOC field that Word fills in when the document is opened,
tables are Word tables whose header rows repeat on every page, charts are PNG pictures at
print resolution with the chart's alt text, pages are A4 and numbered, and the cover comes
first on a page of its own.

The document is written with python-docx from the same HTML the reader gets (the rendered
``lkip-<year>.html``), element by element, so that it holds exactly the same text, tables and
charts. Rasterizing the SVG charts is the slow part, so a rebuild takes each chart's PNG from the
cache when that chart did not change.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, NavigableString, Tag
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from lkip.build.tabel_html import TABEL_LEBAR_KOLOM, baca_tabel, sup_laporan, teks
from lkip.core.heap import frozen
from lkip.core.sidik import sidik, sidik_json

if TYPE_CHECKING:
    from lkip.build.cache import Cache

DPI_GAMBAR = 200  # charts as PNG at print resolution
LEBAR_GAMBAR_CM = 16.0  # the text width of an A4 page with 2.5 cm margins
FONT = "DejaVu Sans"  # the report's own font; Word falls back to a sans serif without it
_SVG = re.compile(r"^data:image/svg\+xml;base64,(.*)$", re.DOTALL)
_RASTER = re.compile(r"^data:image/(png|jpeg);base64,(.*)$", re.DOTALL)
_PNG = "grafik.png"  # the one file of a "png" cache entry


@frozen()
def tulis_docx(
    html: str | BeautifulSoup, tujuan: Path, cache: Cache | None = None, kunci: str = ""
) -> Path:
    """Write the report ``html`` (the rendered single-file report, or its parse, which is
    only read) as a Word document.

    ``cache`` keeps the charts' PNG between runs, under keys that also hold ``kunci`` (the lkip
    sources and the dependency versions and fonts, which shape the picture).
    """
    png = partial(png_grafik, cache=cache, kunci=kunci)
    soup = sup_laporan(html)
    doc = Document()
    _halaman(doc)
    judul = soup.title.get_text(strip=True) if soup.title else ""
    doc.core_properties.title = judul
    doc.core_properties.language = "id-ID"
    instansi = soup.select_one(".sampul-instansi")
    doc.core_properties.author = teks(instansi) if instansi else ""
    doc.core_properties.comments = ""
    sampul = soup.select_one("section.sampul")
    if sampul is not None:
        _sampul(doc, sampul)
    for bagian in soup.body.find_all(["section", "nav", "footer"], recursive=False):
        if "sampul" in (bagian.get("class") or []):
            continue
        if bagian.name == "nav":
            _daftar_isi(doc, bagian)
        else:
            _blok(doc, bagian, png)
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    doc.save(tujuan)
    return tujuan


def _halaman(doc: DocumentObject) -> None:
    """A4, 2.5 cm margins, the report's font, page numbers centred in the footer (not on the
    cover), and fields (the Daftar Isi) updated when Word opens the document."""
    s = doc.sections[0]
    s.page_width, s.page_height = Cm(21.0), Cm(29.7)
    for sisi in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(s, sisi, Cm(2.5))
    s.different_first_page_header_footer = True
    p = s.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(p, "PAGE", "1")
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    for nama in ("Heading 1", "Heading 2", "Heading 3", "Title", "Caption"):
        doc.styles[nama].font.name = FONT
        doc.styles[nama].font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    doc.styles["Caption"].font.size = Pt(10)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)


def _field(p: Paragraph, instruksi: str, hasil: str) -> None:
    """A Word field (PAGE, TOC …) with ``hasil`` shown until Word updates it."""

    def char(jenis: str) -> None:
        fc = OxmlElement("w:fldChar")
        fc.set(qn("w:fldCharType"), jenis)
        p.add_run()._r.append(fc)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruksi} "
    p.add_run()._r.append(instr)
    char("separate")
    p.add_run(hasil)
    char("end")


def _sampul(doc: DocumentObject, sampul: Tag) -> None:
    for p in sampul.find_all("p"):
        kelas = " ".join(p.get("class") or [])
        par = doc.add_paragraph(style="Title" if "sampul-judul" in kelas else None)
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = par.add_run(teks(p))
        if "instansi" in kelas or "tahun" in kelas:
            run.bold = True
            run.font.size = Pt(18)
        par.paragraph_format.space_after = Pt(18)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _daftar_isi(doc: DocumentObject, nav: Tag) -> None:
    """Word's own table of contents (headings 1–2, linked), listing the entries until updated."""
    h = nav.find("h1")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading(teks(h) if h else "DAFTAR ISI", level=1)
    entri = [teks(a) for a in nav.find_all("a")]
    p = doc.add_paragraph()
    _field(p, 'TOC \\o "1-2" \\h \\z \\u', "\n".join(entri))


def _blok(doc: DocumentObject, wadah: Tag, png: Callable[[str], bytes]) -> None:
    """The block elements of a chapter (or the closing note), in order."""
    for el in wadah.children:
        if isinstance(el, NavigableString):
            if el.strip():
                doc.add_paragraph(" ".join(el.split()))
            continue
        if not isinstance(el, Tag):
            continue
        kelas = el.get("class") or []
        if el.name in ("h1", "h2", "h3", "h4"):
            level = min(int(el.name[1]), 3)
            if el.name == "h1" and el.find_previous(["h1"]) is not None:
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            heading = doc.add_heading(level=level)
            _inline(heading, el)
            if el.name == "h1":
                heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif el.name == "p":
            par = doc.add_paragraph()
            _inline(par, el)
            if "catatan-kaki-judul" in kelas:
                for r in par.runs:
                    r.bold = True
        elif el.name in ("ol", "ul"):
            _daftar(doc, el)
        elif el.name == "figure" and "tabel" in kelas:
            _tabel(doc, el)
        elif el.name == "figure" and "grafik" in kelas:
            _grafik(doc, el, png)
        elif el.name == "div" and "ttd" in kelas:
            for p in el.find_all("p"):
                par = doc.add_paragraph()
                par.paragraph_format.left_indent = Cm(9)
                _inline(par, p)
        else:
            _blok(doc, el, png)


def _inline(par: Paragraph, el: Tag, bold: bool = False, italic: bool = False) -> None:
    """Text of ``el`` into ``par``: strong/b bold, em/i italic, <br> a line break."""
    for anak in el.children:
        if isinstance(anak, NavigableString):
            s = re.sub(r"\s+", " ", str(anak))
            if s:
                run = par.add_run(s)
                run.bold, run.italic = bold or None, italic or None
        elif isinstance(anak, Tag):
            if anak.name == "br":
                par.add_run().add_break()
            else:
                _inline(
                    par,
                    anak,
                    bold or anak.name in ("strong", "b"),
                    italic or anak.name in ("em", "i"),
                )


def _penanda(jenis: str, n: int) -> str:
    """The marker of item ``n`` of an HTML list of ``type`` 1, a, A, i or I."""
    if jenis in ("a", "A"):
        huruf = ""
        while n:
            n, sisa = divmod(n - 1, 26)
            huruf = chr(ord("a") + sisa) + huruf
        return huruf.upper() if jenis == "A" else huruf
    if jenis in ("i", "I"):
        angka = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        romawi = ""
        for nilai, simbol in angka:
            while n >= nilai:
                romawi, n = romawi + simbol, n - nilai
        return romawi.upper() if jenis == "I" else romawi
    return str(n)


def _daftar(doc: DocumentObject, daftar: Tag) -> None:
    """A list with its markers written out (a., b., c. as the report prints them)."""
    jenis = daftar.get("type") or "1"
    mulai = int(daftar.get("start") or 1)
    for i, li in enumerate(daftar.find_all("li", recursive=False)):
        par = doc.add_paragraph()
        par.paragraph_format.left_indent = Cm(1)
        par.paragraph_format.first_line_indent = Cm(-0.6)
        penanda = f"{_penanda(jenis, mulai + i)}." if daftar.name == "ol" else "•"
        par.add_run(f"{penanda}\t")
        _inline(par, li)


def _tabel(doc: DocumentObject, figure: Tag) -> None:
    """Caption, then a Word table whose header rows repeat on each page, then the note."""
    t = baca_tabel(figure)
    if t.judul:
        cap = doc.add_paragraph(t.judul, style="Caption")
        cap.paragraph_format.keep_with_next = True
    kepala, badan = t.kotak("kepala"), t.kotak("badan")
    lebar = max((len(r) for r in [*kepala, *badan]), default=0)
    table = doc.add_table(rows=len(kepala) + len(badan), cols=lebar)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    kecil = Pt(7) if lebar >= TABEL_LEBAR_KOLOM else Pt(8) if lebar >= 8 else Pt(9)
    # Every cell looked up once, before any merge: python-docx's table.cell() walks the whole
    # table each time.
    sel = [list(row.cells) for row in table.rows]
    _lebar_kolom(table, sel, [*kepala, *badan])
    _isi_baris(sel[: len(kepala)], t.kepala, kecil, kepala=True)
    _isi_baris(sel[len(kepala) :], t.badan, kecil, kepala=False)
    for i in range(len(kepala)):
        tr_pr = table.rows[i]._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        tr_pr.append(header)
    if t.catatan:
        doc.add_paragraph(t.catatan).runs[0].font.size = Pt(9)
    doc.add_paragraph()


def _lebar_kolom(table: Table, sel: list[list[_Cell]], grid: list[list[str]]) -> None:
    """Share the text width among the columns: each gets room for its longest unbreakable
    word or figure ("2.008.940.215"), and long texts a share of their length on top."""
    if not grid or not grid[0]:
        return
    bobot = []
    for j in range(len(grid[0])):
        isi = [baris[j] for baris in grid]
        kata = max((len(k) for t in isi for k in t.split()), default=1)
        bobot.append(max(kata, 0.35 * min(max(len(t) for t in isi), 40), 3) + 1)
    lebar = [LEBAR_GAMBAR_CM * b / sum(bobot) for b in bobot]
    table.autofit = False
    for kolom, cm in zip(table.columns, lebar, strict=True):
        kolom.width = Cm(cm)  # the table grid, which LibreOffice follows
    for baris in sel:
        for cell, cm in zip(baris, lebar, strict=True):
            cell.width = Cm(cm)  # each cell's own width, which Word follows


def _isi_baris(sel: list[list[_Cell]], rows: tuple, ukuran: Pt, kepala: bool) -> None:
    """Fill the cells ``sel`` with ``rows`` of printed cells, merging spanned cells as in HTML."""
    terisi: set[tuple[int, int]] = set()
    for i, row in enumerate(rows):
        j = 0
        for isi in row:
            while (i, j) in terisi:
                j += 1
            cell = sel[i][j]
            if isi.rowspan > 1 or isi.colspan > 1:
                cell = cell.merge(sel[i + isi.rowspan - 1][j + isi.colspan - 1])
            for di in range(isi.rowspan):
                for dj in range(isi.colspan):
                    terisi.add((i + di, j + dj))
            par = cell.paragraphs[0]
            run = par.add_run(isi.teks)
            run.font.size = ukuran
            if kepala:  # a body cell keeps its plain run: setting bold to None only costs time
                run.bold = True
                par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif isi.angka:
                par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            j += isi.colspan


def png_grafik(src: str, cache: Cache | None = None, kunci: str = "") -> bytes:
    """A chart's image as PNG: an SVG chart drawn at :data:`DPI_GAMBAR`, a PNG as it is.

    An SVG drawn before, with the same ``kunci``, is taken from ``cache``.
    """
    m = _SVG.match(src)
    if m:
        svg = base64.b64decode(m.group(1))
        k = sidik_json({"svg": sidik(svg), "dpi": DPI_GAMBAR, "kunci": kunci})
        if cache is not None and (isi := cache.baca("png", k, _periksa_png)) is not None:
            return isi[_PNG]
        import cairosvg

        png = cairosvg.svg2png(bytestring=svg, dpi=DPI_GAMBAR)
        if cache is not None:
            cache.simpan("png", k, {_PNG: png})
        return png
    m = _RASTER.match(src)
    if m:
        return base64.b64decode(m.group(2))
    raise ValueError(f"gambar tanpa data yang dapat dibaca: {src[:40]}…")


def _periksa_png(isi: Mapping[str, bytes]) -> None:
    """A cached chart must be a PNG image (:data:`lkip.build.cache.Periksa`)."""
    from PIL import Image

    if Image.open(io.BytesIO(isi[_PNG])).format != "PNG":
        raise ValueError("bukan PNG")


def _grafik(doc: DocumentObject, figure: Tag, png_dari: Callable[[str], bytes]) -> None:
    """The chart as a picture no wider than the text, its alt text kept, its caption below."""
    from PIL import Image

    img = figure.find("img")
    if img is None:
        return
    png = png_dari(str(img.get("src", "")))
    lebar_px = Image.open(io.BytesIO(png)).size[0]
    lebar_cm = min(LEBAR_GAMBAR_CM, lebar_px / DPI_GAMBAR * 2.54)
    doc.add_picture(io.BytesIO(png), width=Cm(lebar_cm))
    par = doc.paragraphs[-1]
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    par.paragraph_format.keep_with_next = True
    doc_pr = par._p.xpath(".//wp:docPr")[0]
    doc_pr.set("descr", str(img.get("alt", "")))
    cap = figure.find("figcaption")
    if cap is not None:
        doc.add_paragraph(teks(cap), style="Caption").alignment = WD_ALIGN_PARAGRAPH.CENTER
