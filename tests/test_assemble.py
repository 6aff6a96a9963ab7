"""Assembling chapter notebooks into the report: content, Daftar Isi, self-containment, PDF."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import (
    new_code_cell,
    new_markdown_cell,
    new_notebook,
    new_output,
    new_raw_cell,
)
from pypdf import PdfReader

from lkip.build.assemble import (
    TABEL_PANJANG_BARIS,
    ReportMeta,
    chapter_html,
    css_string,
    render_html,
    slug,
    susun_naskah,
)
from lkip.build.pdf import write_pdf, write_report
from lkip.build.tabel_html import TABEL_LEBAR_KOLOM

META = ReportMeta(
    instansi="Kecamatan Panarukan",
    kabupaten="Situbondo",
    tahun=2023,
    alamat="Jalan Raya Panarukan No. 02",
    motto="PAKEM: Pelayanan Aktif, Kreatif, Efektif, Efisien dan Memuaskan",
    catatan_kaki="commit abc1234, sha256 masukan 9f86d081",
)
KODE = "RAHASIA_KODE = hitung_capaian()"
STREAM = "UserWarning: PERINGATAN_STREAM dari pandas"


def html_output(fragment: str) -> nbformat.NotebookNode:
    return new_output(
        "display_data", data={"text/html": fragment, "text/plain": "<IPython HTML object>"}
    )


def notebook(*fragments: str, extra_outputs: tuple = ()) -> nbformat.NotebookNode:
    """An executed chapter: one code cell per displayed HTML fragment."""
    nb = new_notebook()
    for i, fragment in enumerate(fragments):
        cell = new_code_cell(f"{KODE}  # sel {i}", execution_count=i + 1)
        cell.outputs = [html_output(fragment)]
        nb.cells.append(cell)
    nb.cells[0].outputs.extend(extra_outputs)
    return nb


def tabel(baris: int, judul: str) -> str:
    rows = "".join(
        f'<tr><td>Sub kegiatan {i}</td><td class="angka">{i * 1000}</td></tr>'
        for i in range(1, baris + 1)
    )
    return (
        f'<figure class="tabel"><figcaption>{judul}</figcaption><div class="tabel-wrap">'
        f"<table><thead><tr><th>Uraian</th><th>Pagu (Rp)</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div></figure>"
    )


def paragraf(teks: str) -> str:
    return f"<p>{teks}</p>"


@pytest.fixture
def pengantar() -> nbformat.NotebookNode:
    stream = new_output("stream", name="stderr", text=STREAM)
    return notebook(
        '<h1 class="bab">KATA PENGANTAR</h1>',
        paragraf("Laporan ini disusun berdasarkan Perpres 29/2014."),
        extra_outputs=(stream,),
    )


@pytest.fixture
def bab1() -> nbformat.NotebookNode:
    return notebook(
        '<h1 class="bab">BAB I<br>PENDAHULUAN</h1>',
        "<h2>1.1 Latar Belakang</h2>",
        paragraf("Isi latar belakang."),
        "<h3>1.1.1 Bukan entri daftar isi</h3>",
        "<h2>1.2 Landasan Hukum</h2>",
        "<ol><li>UU 23/2014</li></ol>",
    )


@pytest.fixture
def bab3() -> nbformat.NotebookNode:
    return notebook(
        '<h1 class="bab">BAB III<br>AKUNTABILITAS KINERJA</h1>',
        "<h2>3.1 Pengukuran Capaian Kinerja</h2>",
        tabel(3, "Tabel 3.1.1.1 Capaian"),
    )


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def toc_entries(html: str) -> list[tuple[str, str]]:
    return [(a.get_text(), a["href"]) for a in soup_of(html).select("nav.daftar-isi li a")]


def external_urls(html: str) -> list[str]:
    soup = soup_of(html)
    urls = [v for t in soup.find_all(True) for k, v in t.attrs.items() if k in ("src", "href")]
    return [u for u in urls if re.match(r"\s*(https?:)?//", u)]


# ---------- chapter_html ----------


def test_chapter_keeps_html_and_drops_code_and_streams(pengantar, caplog):
    with caplog.at_level(logging.WARNING, logger="lkip.build.assemble"):
        body = chapter_html(pengantar)
    assert '<h1 class="bab">KATA PENGANTAR</h1>' in body
    assert "<p>Laporan ini disusun berdasarkan Perpres 29/2014.</p>" in body
    assert "RAHASIA_KODE" not in body
    assert "PERINGATAN_STREAM" not in body
    assert "In [" not in body and "Out[" not in body
    assert any("PERINGATAN_STREAM" in r.getMessage() for r in caplog.records)


def test_chapter_from_file_equals_chapter_from_node(bab1, tmp_path):
    path = tmp_path / "bab1.ipynb"
    nbformat.write(bab1, path)
    assert chapter_html(path) == chapter_html(bab1)


def test_chapter_does_not_modify_the_given_notebook(pengantar):
    chapter_html(pengantar)
    assert [o.output_type for o in pengantar.cells[0].outputs] == ["display_data", "stream"]


def test_chapter_drops_plain_reprs_javascript_and_errors(caplog):
    nb = notebook("<p>tampil</p>")
    nb.cells[0].outputs += [
        new_output("execute_result", data={"text/plain": "REPR_TEKS_42"}, execution_count=1),
        new_output(
            "display_data",
            data={"application/javascript": "alert('JS')", "text/html": "<p>versi html</p>"},
        ),
        new_output("error", ename="ValueError", evalue="NILAI_SALAH", traceback=["TRACE_X"]),
    ]
    with caplog.at_level(logging.WARNING, logger="lkip.build.assemble"):
        body = chapter_html(nb)
    assert "<p>tampil</p>" in body and "<p>versi html</p>" in body
    for hidden in ("REPR_TEKS_42", "alert", "NILAI_SALAH", "TRACE_X", "<script"):
        assert hidden not in body
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "NILAI_SALAH" in messages and "text/plain" in messages


def test_chapter_drops_markdown_and_raw_cells():
    # every chapter notebook opens with a markdown note for analysts: never report text
    nb = notebook("<p>isi</p>")
    nb.cells.insert(0, new_markdown_cell("# Bab II\n\nCATATAN_ANALIS: dieksekusi papermill."))
    nb.cells.append(new_raw_cell("<p>SEL_MENTAH</p>", metadata={"format": "text/html"}))
    body = chapter_html(nb)
    assert "CATATAN_ANALIS" not in body and "SEL_MENTAH" not in body
    assert [t.name for t in soup_of(body).find_all(True)] == ["p"]


def test_chapter_keeps_markdown_outputs_without_anchor_links():
    nb = notebook("<p>isi</p>")
    nb.cells[0].outputs.append(
        new_output("display_data", data={"text/markdown": "## 2.1 Rencana Strategis"})
    )
    body = chapter_html(nb)
    assert "2.1 Rencana Strategis" in soup_of(body).find("h2").get_text()
    assert "anchor-link" not in body and "¶" not in body


def test_chapter_is_flat_without_nbconvert_wrappers(bab1):
    soup = soup_of(chapter_html(bab1))
    top = [t.name for t in soup.find_all(True, recursive=False)]
    assert top == ["h1", "h2", "p", "h3", "h2", "ol"]
    assert not soup.select(".output_area, .cell, .output_subarea")


def test_chapter_removes_everything_that_fetches(caplog):
    nb = notebook(
        '<script src="https://cdn.example.org/require.js"></script>'
        '<link rel="stylesheet" href="http://cdn.example.org/a.css">'
        "<style>@import url(https://fonts.example.org/x.css);</style>"
        '<p style="background: url(http://x.example.org/b.png)">latar</p>'
        '<img src="https://x.example.org/logo.png" alt="logo">'
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="lokal">'
        '<a href="https://kecamatan.example.org">situs kecamatan</a>'
        '<a href="#bab-i">ke BAB I</a>'
        '<iframe src="//video.example.org/v"></iframe>'
        '<p onclick="steal()">klik</p>'
    )
    with caplog.at_level(logging.WARNING, logger="lkip.build.assemble"):
        body = chapter_html(nb)
    soup = soup_of(body)
    assert external_urls(body) == []
    assert not soup.find_all(["script", "link", "iframe", "style"])
    assert "url(" not in body and "onclick" not in body
    assert soup.find("img", alt="lokal")["src"].startswith("data:image/png")
    assert soup.find("a", string="ke BAB I")["href"] == "#bab-i"
    assert "situs kecamatan" in soup.get_text()
    assert any("logo.png" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("baris", "panjang"),
    [(3, False), (TABEL_PANJANG_BARIS, False), (TABEL_PANJANG_BARIS + 1, True)],
)
def test_only_long_tables_may_split(baris, panjang):
    figure = soup_of(chapter_html(notebook(tabel(baris, "Tabel 1")))).find("figure")
    assert ("tabel-panjang" in figure["class"]) is panjang


def test_wide_tables_are_marked_to_print_smaller():
    def lebar(kolom: int) -> bool:
        sel = "".join(f"<td>{i}</td>" for i in range(kolom - 2))
        html = f'<figure class="tabel"><table><tr><td colspan="2">a</td>{sel}</tr></table></figure>'
        return "tabel-lebar" in soup_of(chapter_html(notebook(html))).find("figure")["class"]

    assert not lebar(TABEL_LEBAR_KOLOM - 1)
    assert lebar(TABEL_LEBAR_KOLOM)  # the colspan counts as two columns


# ---------- render_html ----------


def test_cover_shows_meta(pengantar, bab1):
    soup = soup_of(render_html([pengantar, bab1], META))
    cover = soup.find("section", class_="sampul")
    text = " ".join(cover.get_text(" ").split())
    for expected in (
        "LAPORAN KINERJA INSTANSI PEMERINTAH (LKIP)",
        "Kecamatan Panarukan",
        "Kabupaten Situbondo",
        "Tahun 2023",
        "Jalan Raya Panarukan No. 02",
        "PAKEM: Pelayanan Aktif",
    ):
        assert expected in text
    assert soup.body.find(True) is cover
    assert "LKIP Kecamatan Panarukan Tahun 2023" in soup.title.get_text()
    assert soup.find(class_="catatan-kaki-asal").get_text() == META.catatan_kaki


def test_optional_meta_left_out_when_empty(bab1):
    soup = soup_of(render_html([bab1], ReportMeta("Kecamatan X", "Y", 2024)))
    assert not soup.select(".sampul-motto, .sampul-alamat, .catatan-kaki")


def test_chapters_in_given_order_each_in_own_section(pengantar, bab1, bab3):
    html = render_html([bab3, pengantar, bab1], META)
    sections = soup_of(html).select("section.bab")
    assert [" ".join(s.h1.get_text(" ").split()) for s in sections] == [
        "BAB III AKUNTABILITAS KINERJA",
        "KATA PENGANTAR",
        "BAB I PENDAHULUAN",
    ]


def test_daftar_isi_lists_h1_h2_in_order_with_working_anchors(pengantar, bab1, bab3):
    html = render_html([pengantar, bab1, bab3], META, daftar_isi_setelah=1)
    assert toc_entries(html) == [
        ("KATA PENGANTAR", "#kata-pengantar"),
        ("DAFTAR ISI", "#daftar-isi"),
        ("BAB I PENDAHULUAN", "#bab-i-pendahuluan"),
        ("1.1 Latar Belakang", "#1-1-latar-belakang"),
        ("1.2 Landasan Hukum", "#1-2-landasan-hukum"),
        ("BAB III AKUNTABILITAS KINERJA", "#bab-iii-akuntabilitas-kinerja"),
        ("3.1 Pengukuran Capaian Kinerja", "#3-1-pengukuran-capaian-kinerja"),
    ]
    soup = soup_of(html)
    for _, href in toc_entries(html):
        target = soup.find_all(id=href[1:])
        assert len(target) == 1 and target[0].name in ("h1", "h2")
    ids = [t["id"] for t in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_daftar_isi_placed_after_first_n_chapters(pengantar, bab1, bab3):
    soup = soup_of(render_html([pengantar, bab1, bab3], META, daftar_isi_setelah=1))
    blocks = soup.body.find_all(["section", "nav"], recursive=False)
    labels = ["SAMPUL" if "sampul" in b["class"] else b.h1.get_text(" ") for b in blocks]
    assert labels == [
        "SAMPUL",
        "KATA PENGANTAR",
        "DAFTAR ISI",
        "BAB I PENDAHULUAN",
        "BAB III AKUNTABILITAS KINERJA",
    ]
    front = [a.get_text() for a in soup.select("nav.daftar-isi li.toc-depan a")]
    assert front == ["KATA PENGANTAR", "DAFTAR ISI"]
    assert [s.h1.get_text() for s in soup.select("section.bab.depan")] == ["KATA PENGANTAR"]


def test_daftar_isi_right_after_cover_by_default(pengantar, bab1):
    soup = soup_of(render_html([pengantar, bab1], META))
    blocks = soup.body.find_all(["section", "nav"], recursive=False)
    assert blocks[1].name == "nav" and blocks[1].h1.get_text() == "DAFTAR ISI"
    assert toc_entries(str(soup))[0] == ("DAFTAR ISI", "#daftar-isi")


@pytest.mark.parametrize("n", [-1, 3])
def test_daftar_isi_position_out_of_range(pengantar, bab1, n):
    with pytest.raises(ValueError, match="daftar_isi_setelah"):
        render_html([pengantar, bab1], META, daftar_isi_setelah=n)


def test_repeated_and_reserved_heading_ids_made_unique():
    nb = notebook(
        "<h1>DAFTAR ISI</h1>",
        "<h2>Analisis</h2>",
        "<h2>Analisis</h2>",
        '<h2 id="sasaran-1">Sasaran 1</h2>',
    )
    html = render_html([nb], META)
    hrefs = [href for _, href in toc_entries(html)]
    assert hrefs == ["#daftar-isi", "#daftar-isi-2", "#analisis", "#analisis-2", "#sasaran-1"]


def test_report_has_no_code_streams_scripts_or_external_urls(pengantar, bab1, bab3):
    html = render_html([pengantar, bab1, bab3], META)
    assert "RAHASIA_KODE" not in html
    assert "PERINGATAN_STREAM" not in html
    assert "<script" not in html.lower()
    assert external_urls(html) == []
    assert "@import" not in html and "@font-face" not in html
    style = soup_of(html).find("style").get_text()
    assert "size: A4" in style and "target-counter(attr(href), page)" in style


def test_meta_is_escaped(bab1):
    meta = ReportMeta(
        instansi='Kecamatan <b>Uji</b> & "Co"</style><script>x()</script>',
        kabupaten="<i>Situbondo</i>",
        tahun=2023,
        motto="<img src=x>",
    )
    html = render_html([bab1], meta)
    assert "<b>Uji" not in html and "<i>Situbondo" not in html and "<img src=x>" not in html
    assert "<script" not in html.lower()
    assert "Kecamatan &lt;b&gt;Uji&lt;/b&gt; &amp;" in html
    cover = soup_of(html).find("section", class_="sampul").get_text()
    assert 'Kecamatan <b>Uji</b> & "Co"' in cover


def test_css_string_escapes_quotes_backslash_and_markup():
    assert css_string('a"b\\c</style>') == '"a\\000022b\\00005cc\\00003c\\00002fstyle\\00003e"'
    assert css_string("LKIP Kecamatan Panarukan Tahun 2023") == (
        '"LKIP Kecamatan Panarukan Tahun 2023"'
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.1 Latar Belakang", "1-1-latar-belakang"),
        ("BAB I PENDAHULUAN", "bab-i-pendahuluan"),
        ("Ékonomi Désa", "ekonomi-desa"),
        ("***", "bagian"),
    ],
)
def test_slug(text, expected):
    assert slug(text) == expected


# ---------- PDF ----------


def pdf_page_count(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


def pdf_pages_text(pdf: Path) -> list[str]:
    """Each page's text with its layout (columns, dot leaders) kept, as a reader sees it."""
    return [page.extract_text(extraction_mode="layout") for page in PdfReader(pdf).pages]


@pytest.mark.slow
def test_pdf_one_page_per_short_chapter(pengantar, bab1, bab3, tmp_path, caplog):
    pdf = tmp_path / "out" / "lkip.pdf"
    with caplog.at_level(logging.WARNING):
        write_pdf(susun_naskah([pengantar, bab1, bab3], META, daftar_isi_setelah=1), pdf)
    # cover, Kata Pengantar, Daftar Isi, BAB I, BAB III, the closing note
    assert pdf_page_count(pdf) == 6
    # every CSS rule is understood by WeasyPrint and the parts join without complaint (the
    # font-subsetting notice is the machine's)
    warnings = [
        r.getMessage()
        for r in caplog.records
        if r.name.startswith(("weasyprint", "pikepdf", "pypdf", "lkip.build.pdf"))
        and "HarfBuzz" not in r.getMessage()
    ]
    assert warnings == []


@pytest.fixture
def bab_panjang() -> nbformat.NotebookNode:
    return notebook(
        '<h1 class="bab">BAB II<br>ANGGARAN</h1>',
        "<h2>2.1 Realisasi Anggaran</h2>",
        tabel(120, "Tabel 2.1 Realisasi per Sub Kegiatan"),
        "<h2>2.2 Catatan Akhir</h2>",
    )


@pytest.mark.slow
def test_write_report_long_table_spans_pages(pengantar, bab1, bab_panjang, tmp_path):
    html_path, pdf_path = tmp_path / "lkip.html", tmp_path / "lkip.pdf"
    write_report([pengantar, bab1, bab_panjang], META, html_path, pdf_path, daftar_isi_setelah=1)
    html = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    tanpa_nomor = BeautifulSoup(
        render_html([pengantar, bab1, bab_panjang], META, daftar_isi_setelah=1), "html.parser"
    )
    assert html.select_one("section.bab") == tanpa_nomor.select_one("section.bab")
    # The HTML's Daftar Isi shows the page numbers the PDF prints for every entry, the front
    # matter's (which WeasyPrint counts itself with target-counter) included.
    nomor = [
        (li.a.get_text(), li.select_one(".nomor-halaman").get_text())
        for li in html.select("nav.daftar-isi li")
    ]
    daftar_pdf = " ".join(next(t for t in pdf_pages_text(pdf_path) if "DAFTAR ISI" in t).split())
    assert nomor[0][1] == "i" and nomor[2] == ("BAB I PENDAHULUAN", "1")
    for label, n in nomor:
        assert re.search(rf"{re.escape(label)} ?\.+ {n}\b", daftar_pdf), (label, n)
    # cover, Kata Pengantar, Daftar Isi, BAB I, then BAB II over at least 3 pages (120 rows)
    assert pdf_page_count(pdf_path) >= 7


@pytest.mark.slow
def test_pdf_numbering_header_and_repeated_table_header(pengantar, bab1, bab_panjang, tmp_path):
    pdf = tmp_path / "lkip.pdf"
    write_pdf(susun_naskah([pengantar, bab1, bab_panjang], META, daftar_isi_setelah=1), pdf)
    pages = pdf_pages_text(pdf)
    assert "Halaman" not in pages[0] and "LKIP Kecamatan Panarukan Tahun 2023" not in pages[0]
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH" in " ".join(pages[0].split())
    footers = [re.findall(r"Halaman (\w+)", p)[-1] for p in pages[1:]]
    assert footers[:4] == ["i", "ii", "1", "2"]
    assert footers[4:] == [str(n) for n in range(3, len(pages) - 2)]
    assert all("LKIP Kecamatan Panarukan Tahun 2023" in p for p in pages[1:])
    # Daftar Isi: front matter in roman, chapters from 1; last h2 lies on the last page
    toc = {
        " ".join(line.split()[:-1]).rstrip(". "): line.split()[-1]
        for line in pages[2].splitlines()
        if "..." in line
    }
    assert toc["KATA PENGANTAR"] == "i" and toc["DAFTAR ISI"] == "ii"
    assert toc["BAB I PENDAHULUAN"] == "1" and toc["BAB II ANGGARAN"] == "2"
    assert toc["2.2 Catatan Akhir"] == footers[-2]  # the closing note has the last page
    # the long table repeats its header row on every page it covers
    table_pages = [p for p in pages if "Sub kegiatan" in p]
    assert len(table_pages) >= 3
    assert all("Uraian" in p and "Pagu (Rp)" in p for p in table_pages)
    # no row is cut: every row number appears exactly once
    rows = re.findall(r"Sub kegiatan (\d+)\b", "\n".join(pages))
    assert sorted(map(int, rows)) == list(range(1, 121))


@pytest.mark.slow
def test_pdf_last_page_shows_catatan_kaki(pengantar, bab1, tmp_path):
    pdf = tmp_path / "lkip.pdf"
    write_pdf(susun_naskah([pengantar, bab1], META, daftar_isi_setelah=1), pdf)
    pages = [" ".join(p.split()) for p in pdf_pages_text(pdf)]
    assert META.catatan_kaki in pages[-1]
    assert not any(META.catatan_kaki in p for p in pages[:-1])
