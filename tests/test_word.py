"""The Word copy: real headings, Word tables with repeating headers, charts at print resolution."""

from __future__ import annotations

import base64
import io
import zipfile
from pathlib import Path

import docx
import pytest
from matplotlib.figure import Figure
from PIL import Image

from lkip.build.cache import Cache
from lkip.build.word import DPI_GAMBAR, _penanda, _periksa_png, tulis_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def svg_grafik() -> str:
    fig = Figure(figsize=(6, 3))
    fig.add_subplot().bar(["a", "b"], [1, 2])
    buf = io.BytesIO()
    fig.savefig(buf, format="svg")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def html_laporan() -> str:
    return f"""<!DOCTYPE html><html lang="id"><head><title>LKIP Kecamatan X Tahun 2023</title>
</head><body>
<section class="sampul" id="sampul"><p class="sampul-judul">LAPORAN KINERJA</p>
<p class="sampul-instansi">Kecamatan X</p><p class="sampul-tahun">Tahun 2023</p></section>
<section class="bab depan"><h1 class="bab" id="kata">KATA PENGANTAR</h1>
<p>Puji <strong>syukur</strong>.</p>
</section>
<nav class="daftar-isi"><h1 id="daftar-isi">DAFTAR ISI</h1><ul>
<li><a href="#kata">KATA PENGANTAR</a></li>
<li><a href="#bab-i">BAB I PENDAHULUAN</a></li></ul></nav>
<section class="bab"><h1 class="bab" id="bab-i">BAB I<br>PENDAHULUAN</h1>
<h2>1.1 Latar Belakang</h2><ol type="a"><li>satu</li><li>dua</li></ol>
<figure class="tabel"><figcaption>Tabel 1.1 : Anggaran</figcaption><div class="tabel-wrap"><table>
<thead><tr><th rowspan="2">Program</th><th colspan="2">Anggaran</th></tr>
<tr><th>Pagu</th><th>Realisasi</th></tr></thead>
<tbody><tr><td>A</td><td class="angka">1.000</td><td class="angka">900</td></tr></tbody>
</table></div><p class="catatan">Sumber: DPA.</p></figure>
<figure class="grafik"><img src="data:image/svg+xml;base64,{svg_grafik()}"
 alt="Pagu A 1.000, realisasi 900">
<figcaption>Gambar 1.1 : Pagu dan realisasi</figcaption></figure>
</section>
<footer class="catatan-kaki" id="catatan-kaki"><p class="catatan-kaki-judul">Asal dokumen</p>
<p>Dibuat dari commit abc · sidik data masukan 0123456789ab</p></footer>
</body></html>"""


@pytest.fixture(scope="module")
def dokumen(tmp_path_factory: pytest.TempPathFactory) -> docx.document.Document:
    path = tulis_docx(html_laporan(), tmp_path_factory.mktemp("word") / "t.docx")
    return docx.Document(str(path))


def judul(doc) -> list[tuple[str, str]]:
    return [
        (p.style.name, " ".join(p.text.split()))
        for p in doc.paragraphs
        if p.style.name.startswith("Heading")
    ]


def test_headings_are_word_headings(dokumen) -> None:
    assert judul(dokumen) == [
        ("Heading 1", "KATA PENGANTAR"),
        ("Heading 1", "DAFTAR ISI"),
        ("Heading 1", "BAB I PENDAHULUAN"),
        ("Heading 2", "1.1 Latar Belakang"),
    ]


def test_cover_first_then_a4_pages_numbered(dokumen) -> None:
    teks = [p.text for p in dokumen.paragraphs if p.text]
    assert teks[:3] == ["LAPORAN KINERJA", "Kecamatan X", "Tahun 2023"]
    s = dokumen.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)  # A4
    assert s.different_first_page_header_footer  # no number on the cover
    instr = [e.text.strip() for e in s.footer._element.iter(f"{W}instrText")]
    assert instr == ["PAGE"]
    assert dokumen.core_properties.title == "LKIP Kecamatan X Tahun 2023"


def test_daftar_isi_is_a_word_toc_field_updated_on_open(dokumen) -> None:
    body = dokumen.element.body
    instr = [e.text.strip() for e in body.iter(f"{W}instrText")]
    assert instr == ['TOC \\o "1-2" \\h \\z \\u']
    assert dokumen.settings.element.find(f"{W}updateFields").get(f"{W}val") == "true"


def test_lists_keep_their_letters_and_inline_bold(dokumen) -> None:
    teks = [p.text for p in dokumen.paragraphs]
    assert "a.\tsatu" in teks and "b.\tdua" in teks
    [puji] = [p for p in dokumen.paragraphs if p.text == "Puji syukur."]
    assert [r.bold for r in puji.runs] == [None, True, None]


def test_table_is_a_word_table_with_repeating_merged_header(dokumen) -> None:
    [t] = dokumen.tables
    rows = [[c.text for c in r.cells] for r in t.rows]
    # python-docx repeats a merged cell in every slot it covers
    assert rows == [
        ["Program", "Anggaran", "Anggaran"],
        ["Program", "Pagu", "Realisasi"],
        ["A", "1.000", "900"],
    ]
    header = [
        r._tr.trPr is not None and r._tr.trPr.find(f"{W}tblHeader") is not None for r in t.rows
    ]
    assert header == [True, True, False]
    cap = [p for p in dokumen.paragraphs if p.style.name == "Caption"]
    assert [p.text for p in cap] == ["Tabel 1.1 : Anggaran", "Gambar 1.1 : Pagu dan realisasi"]
    assert "Sumber: DPA." in [p.text for p in dokumen.paragraphs]


def test_chart_is_a_png_at_print_resolution_with_its_alt_text(dokumen) -> None:
    [shape] = dokumen.inline_shapes
    blip = shape._inline.graphic.graphicData.pic.blipFill.blip
    png = dokumen.part.related_parts[blip.embed].blob
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG"
    inci = shape.width / 914400
    assert img.size[0] / inci >= DPI_GAMBAR - 1
    assert shape._inline.docPr.get("descr") == "Pagu A 1.000, realisasi 900"


def test_closing_note_is_kept(dokumen) -> None:
    assert "Dibuat dari commit abc · sidik data masukan 0123456789ab" in [
        p.text for p in dokumen.paragraphs
    ]


@pytest.mark.parametrize(
    ("jenis", "n", "penanda"),
    [("1", 3, "3"), ("a", 1, "a"), ("a", 27, "aa"), ("A", 2, "B"), ("i", 4, "iv"), ("I", 9, "IX")],
)
def test_list_markers(jenis: str, n: int, penanda: str) -> None:
    assert _penanda(jenis, n) == penanda


def test_writes_into_a_new_folder(tmp_path: Path) -> None:
    assert tulis_docx(html_laporan(), tmp_path / "baru" / "x.docx").is_file()


def _bagian_docx(path: Path) -> dict[str, bytes]:
    """The parts of a .docx (a zip whose entries carry the time they were written)."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_charts_drawn_once_are_taken_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cairosvg

    digambar: list[bytes] = []
    asli = cairosvg.svg2png

    def svg2png(**kw: object) -> bytes:
        digambar.append(kw["bytestring"])
        return asli(**kw)

    monkeypatch.setattr(cairosvg, "svg2png", svg2png)
    cache = Cache(tmp_path / "cache")
    html = html_laporan()  # the chart's SVG differs on each drawing (its ids and date)
    tanpa = tulis_docx(html, tmp_path / "tanpa.docx")
    assert len(digambar) == 1
    pertama = tulis_docx(html, tmp_path / "pertama.docx", cache, "kunci-1")
    kedua = tulis_docx(html, tmp_path / "kedua.docx", cache, "kunci-1")
    assert len(digambar) == 2  # drawn for the first cached run only
    assert _bagian_docx(kedua) == _bagian_docx(pertama) == _bagian_docx(tanpa)
    tulis_docx(html, tmp_path / "lain.docx", cache, "kunci-2")
    assert len(digambar) == 3  # other sources or versions: drawn again


def test_a_damaged_cached_chart_is_drawn_again(tmp_path: Path) -> None:
    pesan: list[str] = []
    cache = Cache(tmp_path / "cache", pesan.append)
    html = html_laporan()
    asli = tulis_docx(html, tmp_path / "asli.docx", cache, "k")
    [entri] = (tmp_path / "cache" / "png").iterdir()
    (entri / "grafik.png").write_bytes(b"bukan gambar")
    ulang = tulis_docx(html, tmp_path / "ulang.docx", cache, "k")
    assert _bagian_docx(ulang) == _bagian_docx(asli)
    assert len(pesan) == 1 and "rusak" in pesan[0]


def test_a_cached_chart_must_be_a_png() -> None:
    def gambar(format: str) -> bytes:
        buf = io.BytesIO()
        Image.new("RGB", (2, 2)).save(buf, format=format)
        return buf.getvalue()

    _periksa_png({"grafik.png": gambar("PNG")})
    with pytest.raises(ValueError, match="bukan PNG"):
        _periksa_png({"grafik.png": gambar("JPEG")})
