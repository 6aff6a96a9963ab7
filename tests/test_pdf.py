"""The PDF laid out part by part: page numbers, Daftar Isi, links, outline and the part cache."""

from __future__ import annotations

import logging
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pypdf import PdfReader

from lkip.build import pdf
from lkip.build.assemble import BabHtml, ReportMeta, susun_naskah
from lkip.build.cache import Cache
from lkip.build.pdf import write_pdf

pytestmark = pytest.mark.slow

META = ReportMeta("Kecamatan Panarukan", "Situbondo", 2023, catatan_kaki="commit abc1234")


def tabel(baris: int, judul: str) -> str:
    rows = "".join(f"<tr><td>Baris {judul} {i}</td></tr>" for i in range(1, baris + 1))
    return f'<figure class="tabel"><table><tbody>{rows}</tbody></table></figure>'


def bab(nama: str, judul: str, *isi: str) -> BabHtml:
    return BabHtml(nama, f'<h1 class="bab">{judul}</h1>' + "".join(isi))


def laporan(baris_bab1: int = 3, kata: str = "Isi") -> list[BabHtml]:
    """Kata Pengantar, then three chapters; BAB II spans several pages."""
    return [
        bab("00", "KATA PENGANTAR", f"<p>{kata} pengantar.</p>"),
        bab("01", "BAB I PENDAHULUAN", "<h2>1.1 Latar Belakang</h2>", tabel(baris_bab1, "I")),
        bab(
            "02",
            "BAB II ANGGARAN",
            "<h2>2.1 Realisasi</h2>",
            tabel(150, "II"),
            "<h2>2.2 Catatan Akhir</h2>",
            f"<p>{kata} catatan.</p>",
        ),
        bab("03", "BAB III PENUTUP", '<p>Lihat <a href="#2-1-realisasi">subbab 2.1</a>.</p>'),
    ]


def tulis(path: Path, bab: list[BabHtml], cache: Cache | None = None) -> PdfReader:
    write_pdf(susun_naskah(bab, META, daftar_isi_setelah=1), path, cache, "kunci-uji")
    return PdfReader(path)


def teks(reader: PdfReader) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in reader.pages]


def nomor_halaman(halaman: str) -> str | None:
    nomor = re.findall(r"Halaman (\w+)", halaman)
    return nomor[-1] if nomor else None


def daftar_isi(reader: PdfReader) -> dict[str, str]:
    """Entry label -> the page number printed after its dot leader."""
    halaman = next(
        p.extract_text(extraction_mode="layout")
        for p in reader.pages
        if "DAFTAR ISI" in p.extract_text() and "...." in p.extract_text()
    )
    return {
        " ".join(line.split()[:-1]).rstrip(". "): line.split()[-1]
        for line in halaman.splitlines()
        if "...." in line
    }


def tautan(reader: PdfReader) -> list[tuple[int, int]]:
    """(page of the link, page it leads to) for every internal link, in page order."""
    hasil = []
    for i, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            dest = a.get("/Dest")
            if isinstance(dest, str):
                dest = reader.named_destinations[dest]
                hasil.append((i, reader.get_destination_page_number(dest)))
            elif dest is not None:
                hasil.append((i, reader.get_page_number(dest[0].get_object())))
    return hasil


def test_pages_are_numbered_across_parts(tmp_path: Path) -> None:
    reader = tulis(tmp_path / "lkip.pdf", laporan())
    halaman = teks(reader)
    nomor = [nomor_halaman(h) for h in halaman]
    assert nomor[0] is None  # the cover
    assert nomor[1:3] == ["i", "ii"]  # Kata Pengantar, Daftar Isi
    assert nomor[3:] == [str(n) for n in range(1, len(halaman) - 2)]
    assert "BAB II ANGGARAN" in halaman[4] and "BAB III PENUTUP" in halaman[-2]
    assert META.catatan_kaki in halaman[-1]  # the closing note on the last page
    assert not any(META.catatan_kaki in h for h in halaman[:-1])


def test_without_a_closing_note_the_last_chapter_ends_the_pdf(tmp_path: Path) -> None:
    path = tmp_path / "lkip.pdf"
    meta = ReportMeta("Kecamatan Panarukan", "Situbondo", 2023)
    write_pdf(susun_naskah(laporan(), meta, daftar_isi_setelah=1), path)
    assert "BAB III PENUTUP" in teks(PdfReader(path))[-1]


def test_daftar_isi_gives_the_page_each_heading_is_on(tmp_path: Path) -> None:
    reader = tulis(tmp_path / "lkip.pdf", laporan())
    halaman = teks(reader)
    isi = daftar_isi(reader)
    judul = [
        "KATA PENGANTAR",
        "DAFTAR ISI",
        "BAB I PENDAHULUAN",
        "1.1 Latar Belakang",
        "BAB II ANGGARAN",
        "2.1 Realisasi",
        "2.2 Catatan Akhir",
        "BAB III PENUTUP",
    ]
    assert list(isi) == judul
    isi_di = next(h for h in halaman if "DAFTAR ISI" in h and "...." in h)
    assert isi["DAFTAR ISI"] == nomor_halaman(isi_di) == "ii"
    for label in judul[2:] + judul[:1]:
        di = [nomor_halaman(h) for h in halaman if label in h and "...." not in h]
        assert isi[label] in di, label
    assert int(isi["2.2 Catatan Akhir"]) > int(isi["2.1 Realisasi"])  # BAB II spans pages


def test_links_lead_to_the_page_of_their_heading(tmp_path: Path) -> None:
    reader = tulis(tmp_path / "lkip.pdf", laporan())
    halaman = teks(reader)
    nomor = [nomor_halaman(h) for h in halaman]
    isi_di = next(i for i, h in enumerate(halaman) if "DAFTAR ISI" in h and "...." in h)
    # the Daftar Isi links every entry to the page whose number it prints, and nowhere else
    dari_isi = {ke for i, ke in tautan(reader) if i == isi_di}
    assert dari_isi == {nomor.index(n) for n in daftar_isi(reader).values()}
    halaman_2_1 = next(i for i, h in enumerate(halaman) if "2.1 Realisasi" in h and "...." not in h)
    bab3 = next(i for i, h in enumerate(halaman) if "BAB III PENUTUP" in h and "...." not in h)
    assert (bab3, halaman_2_1) in tautan(reader)  # a link from one chapter into another


def test_outline_lists_the_headings_at_their_pages(tmp_path: Path) -> None:
    reader = tulis(tmp_path / "lkip.pdf", laporan())
    halaman = teks(reader)

    def rata(items: list) -> list:
        return [x for i in items for x in (rata(i) if isinstance(i, list) else [i])]

    outline = rata(reader.outline)
    judul = [o.title for o in outline]
    assert judul[:3] == ["KATA PENGANTAR", "DAFTAR ISI", "BAB I PENDAHULUAN"]
    assert judul.index("2.2 Catatan Akhir") < judul.index("BAB III PENUTUP")
    for o in outline:
        assert o.title in halaman[reader.get_destination_page_number(o)], o.title


def test_link_to_a_missing_anchor_is_dropped_with_an_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    bab_ = [*laporan(), bab("04", "LAMPIRAN", '<p><a href="#tidak-ada">rusak</a></p>')]
    with caplog.at_level(logging.ERROR, logger="lkip.build.pdf"):
        reader = tulis(tmp_path / "lkip.pdf", bab_)
    assert "No anchor #tidak-ada" in caplog.text
    lampiran = next(i for i, h in enumerate(teks(reader)) if "LAMPIRAN" in h and "...." not in h)
    assert not any(i == lampiran for i, _ in tautan(reader))


class Hitung:
    """Records which parts are laid out, by the first heading in their HTML."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.bagian: list[str] = []
        asli = pdf.tata_letak

        def tata_letak(html: str) -> pdf.Tata:
            judul = re.search(r'<h1[^>]*>([^<]+)</h1>|class="(catatan-kaki)"', html)
            assert judul is not None
            self.bagian.append(judul.group(1) or judul.group(2))
            return asli(html)

        monkeypatch.setattr(pdf, "tata_letak", tata_letak)


def test_a_rebuild_lays_out_only_the_parts_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / "cache")
    hitung = Hitung(monkeypatch)
    semua = [
        "BAB I PENDAHULUAN",
        "BAB II ANGGARAN",
        "BAB III PENUTUP",
        "catatan-kaki",
        "KATA PENGANTAR",
    ]

    def tulis_ulang(bab: list[BabHtml]) -> tuple[int, int]:
        hitung.bagian.clear()
        naskah = susun_naskah(bab, META, daftar_isi_setelah=1)
        ringkas = write_pdf(naskah, tmp_path / "lkip.pdf", cache, "kunci-uji")
        return ringkas.ditata, ringkas.bagian

    assert tulis_ulang(laporan()) == (5, 5)  # parts laid out now, of all parts
    assert sorted(hitung.bagian) == sorted(semua)

    assert tulis_ulang(laporan()) == (0, 5)  # nothing changed
    assert hitung.bagian == []

    # text changed in BAB II and in the Kata Pengantar, page counts unchanged
    assert tulis_ulang(laporan(kata="Teks baru")) == (2, 5)
    assert sorted(hitung.bagian) == ["BAB II ANGGARAN", "KATA PENGANTAR"]

    # BAB I grows by pages: the chapters after it get new numbers, so does the Daftar Isi
    assert tulis_ulang(laporan(baris_bab1=120, kata="Teks baru")) == (5, 5)
    assert sorted(hitung.bagian) == sorted(semua)


def test_the_cached_pdf_equals_one_laid_out_from_scratch(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    tulis(tmp_path / "awal.pdf", laporan(), cache)
    dari_cache = tulis(tmp_path / "cache.pdf", laporan(kata="Teks baru"), cache)
    baru = tulis(tmp_path / "baru.pdf", laporan(kata="Teks baru"))
    assert teks(dari_cache) == teks(baru)
    assert tautan(dari_cache) == tautan(baru)
    assert [o.title for o in dari_cache.outline if not isinstance(o, list)] == [
        o.title for o in baru.outline if not isinstance(o, list)
    ]
    assert dari_cache.metadata.title == baru.metadata.title == "LKIP Kecamatan Panarukan Tahun 2023"
    assert dari_cache.root_object["/Lang"] == baru.root_object["/Lang"] == "id"


def test_other_code_or_versions_lay_every_part_out_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / "cache")
    naskah = susun_naskah(laporan(), META, daftar_isi_setelah=1)
    write_pdf(naskah, tmp_path / "a.pdf", cache, "kode-1")
    hitung = Hitung(monkeypatch)
    write_pdf(naskah, tmp_path / "b.pdf", cache, "kode-2")
    assert len(hitung.bagian) == 5  # Kata Pengantar, BAB I-III, the closing note


def test_parts_laid_out_through_files_make_the_same_pdf(tmp_path: Path) -> None:
    """tata_berkas (a kernel's way of laying a part out) gives what tata_letak gives here."""
    dipanggil = []

    def lewat_berkas(html: str) -> pdf.Tata:
        masuk, keluar = tmp_path / f"{len(dipanggil)}.html", tmp_path / f"{len(dipanggil)}.pdf"
        masuk.write_text(html, encoding="utf-8")
        pdf.tata_berkas(str(masuk), str(keluar))
        dipanggil.append(keluar)
        return pdf.Tata.dari(keluar.read_bytes(), Path(f"{keluar}.json").read_text("utf-8"))

    naskah = susun_naskah(laporan(), META, daftar_isi_setelah=1)
    write_pdf(naskah, tmp_path / "berkas.pdf", penata=lewat_berkas)
    sini = tulis(tmp_path / "sini.pdf", laporan())
    berkas = PdfReader(tmp_path / "berkas.pdf")
    assert len(dipanggil) == 5  # front matter, three chapters, closing note
    assert teks(berkas) == teks(sini) and tautan(berkas) == tautan(sini)


def test_a_chart_taller_than_a_page_is_scaled_down_whole_onto_one() -> None:
    """report.css's guard: a chart of many rows drawn taller than a page's text (13 in, where
    the charts keep below charts.TINGGI_MAKS themselves) is shrunk, its shape kept, onto one
    page with its caption, not cut by the page's end."""
    from matplotlib.figure import Figure
    from weasyprint import HTML

    from lkip.presentation.display import html_gambar

    fig = Figure(figsize=(6.3, 13))
    fig.add_subplot().barh(range(30), range(30))
    grafik = html_gambar(fig, "Grafik 9 : Tinggi")
    naskah = susun_naskah([bab("01", "BAB I", "<p>Awal.</p>", grafik)], META, 0)
    halaman = [_kotak(p._page_box) for p in HTML(string=naskah.html_bab(0, 1)).render().pages]
    ((i, img),) = [
        (i, k) for i, isi in enumerate(halaman) for k in isi if "Replaced" in type(k).__name__
    ]
    cm = 2.54 / 96  # a CSS px
    assert img.height * cm == pytest.approx(21.0)
    assert img.width / img.height == pytest.approx(6.3 / 13, rel=0.01)  # not stretched
    assert "Grafik 9 : Tinggi" in "".join(getattr(k, "text", "") for k in halaman[i])


def _kotak(kotak: object) -> list[object]:
    """``kotak`` and every box inside it (WeasyPrint's layout)."""
    return [kotak, *(k for anak in getattr(kotak, "children", []) for k in _kotak(anak))]


def test_a_part_laid_out_after_others_is_the_part_laid_out_alone() -> None:
    """A thread keeps one font configuration for every part it lays out
    (``pdf._konfigurasi_huruf``): the parts laid out one after another in one thread are,
    byte for byte, those laid out each first in a thread of its own."""
    naskah = susun_naskah(laporan(), META, daftar_isi_setelah=1)
    html = [naskah.html_bab(i, 1) for i in range(len(naskah.utama))]

    def sendiri(h: str) -> bytes:
        with ThreadPoolExecutor(1) as baru:  # a new thread: no configuration kept yet
            return baru.submit(lambda: pdf.tata_letak(h).pdf).result()

    with ThreadPoolExecutor(1) as satu:
        berurutan = satu.submit(lambda: [pdf.tata_letak(h).pdf for h in html]).result()
        pertama, kedua = (satu.submit(pdf._konfigurasi_huruf).result() for _ in range(2))
    assert berurutan == [sendiri(h) for h in html]
    assert pertama is kedua
    assert pertama is not pdf._konfigurasi_huruf()  # not shared across threads
