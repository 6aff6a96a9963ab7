"""The join of whole PDFs: the first one's catalog, the others' bookmarks, anchors and tags."""

from __future__ import annotations

import io
import time

import pytest
from pypdf import PdfReader

from lkip.build.pdf import OPSI_PDF
from lkip.build.pdf_gabung import Gabungan
from tests.test_pdf_tag import periksa_struktur

pytestmark = pytest.mark.slow


def _pdf(html: str, tag: bool = True) -> bytes:
    from weasyprint import HTML

    return HTML(string=f'<html lang="id"><title>Uji</title>{html}</html>').write_pdf(
        **(OPSI_PDF if tag else {})
    )


def _halaman(*bagian: str) -> str:
    """One page per piece of HTML."""
    return "".join(f'<section style="break-before: page">{b}</section>' for b in bagian)


def _gabung(*pdf: bytes) -> tuple[PdfReader, list[int]]:
    dok = Gabungan(pdf[0])
    awal = [0, *(dok.tambah(p) for p in pdf[1:])]
    return PdfReader(io.BytesIO(dok.simpan())), awal


def _tujuan(reader: PdfReader) -> dict[str, int]:
    """Named destination -> the page it leads to."""
    return {
        nama: reader.get_destination_page_number(d)
        for nama, d in reader.named_destinations.items()
    }


def _kerangka(reader: PdfReader, items: list | None = None) -> list:
    """The outline as (title, page) and nested lists, as it is shown."""
    hasil = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            hasil.append(_kerangka(reader, item))
        else:
            hasil.append((item.title, reader.get_destination_page_number(item)))
    return hasil


def test_parts_keep_their_bookmarks_anchors_and_pages() -> None:
    a = _pdf(_halaman('<p id="sampul">Sampul</p>'))  # no headings: no outline of its own
    b = _pdf(
        _halaman('<h1 id="b1">Bab B</h1>', '<h2 id="b2">Sub B</h2><p id="sama">b</p>')
    )
    c = _pdf(_halaman('<h1 id="c1">Bab C</h1><p id="sama">c</p><a href="#c1">ke C</a>'))
    reader, awal = _gabung(a, b, c)
    assert awal == [0, 1, 3] and len(reader.pages) == 4
    teks = [p.extract_text() for p in reader.pages]
    assert ["Sampul" in teks[0], "Bab B" in teks[1], "Sub B" in teks[2], "Bab C" in teks[3]] == [
        True
    ] * 4
    assert _kerangka(reader) == [("Bab B", 1), [("Sub B", 2)], ("Bab C", 3)]
    assert reader.root_object["/Outlines"]["/Count"] == 3  # open entries, as in the parts
    # every anchor leads to the page it is on; a repeated one to its first page, as WeasyPrint
    assert _tujuan(reader) == {"sampul": 0, "b1": 1, "b2": 2, "sama": 2, "c1": 3}
    # a link inside a part still resolves, through the merged names
    [link] = [a.get_object() for a in reader.pages[3]["/Annots"]]
    assert reader.get_destination_page_number(reader.named_destinations[link["/Dest"]]) == 3


def test_the_first_parts_catalog_is_the_documents() -> None:
    """Output intent, XMP (byte for byte), language, title and viewer preferences: what the
    first part was laid out with makes the joined document PDF/A-3b."""
    a, b = _pdf(_halaman("<h1>A</h1>")), _pdf(_halaman("<h1>B</h1>", "<p>B2</p>"))
    reader, _ = _gabung(a, b)
    pertama = PdfReader(io.BytesIO(a)).root_object
    root = reader.root_object
    assert root["/Metadata"].get_object().get_data() == pertama["/Metadata"].get_object().get_data()
    [intent] = root["/OutputIntents"]
    [asli] = pertama["/OutputIntents"]
    profil = intent.get_object()["/DestOutputProfile"].get_object().get_data()
    assert profil == asli.get_object()["/DestOutputProfile"].get_object().get_data()
    assert root["/Lang"] == "id"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.title == "Uji"
    assert len(reader.trailer["/ID"]) == 2


def test_the_join_is_reproducible() -> None:
    """The same parts give the same bytes, also a second later: the file /ID follows from the
    content, not from the clock (qpdf's default)."""
    a, b = _pdf(_halaman("<h1>A</h1>")), _pdf(_halaman("<h1>B</h1>"))
    hasil = []
    for _ in range(2):
        dok = Gabungan(a)
        dok.tambah(b)
        hasil.append(dok.simpan())
        time.sleep(1.1)
    assert hasil[0] == hasil[1]


def test_tags_are_merged_and_untagged_parts_add_none() -> None:
    a = _pdf(_halaman("<h1>A</h1><p>a</p>"))
    b = _pdf(_halaman("<h1>B</h1>", "<h2>B2</h2>"))
    reader, _ = _gabung(a, b)
    jenis = periksa_struktur(reader)
    assert (jenis["/Document"], jenis["/H1"], jenis["/H2"]) == (2, 2, 1)
    assert [int(p["/StructParents"]) for p in reader.pages] == [0, 1, 2]
    polos, _ = _gabung(_pdf("<h1>A</h1>", tag=False), _pdf("<h1>B</h1>", tag=False))
    assert "/StructTreeRoot" not in polos.root_object
    assert "/MarkInfo" not in polos.root_object
