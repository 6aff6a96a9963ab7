"""The report's A4 PDF, laid out part by part so that a rebuild lays out only what changed.

WeasyPrint spends most of a report's PDF time laying pages out, and every chapter of the
report starts on a new page. So the PDF is made of parts, each laid out as a document of its
own and then joined (``lkip.build.pdf_gabung``): the front matter (cover, front chapters and
Daftar Isi), each chapter from BAB I, and the closing note on the last page. A chapter's first
page number is written into its HTML, and the Daftar Isi, laid out last, is given the page
numbers the chapters got; so a part's HTML says everything about its pages, and a laid-out part
is cached under the hash of that HTML. Editing a chapter lays out that chapter again; the
chapters after it, the Daftar Isi and the closing note follow only when their HTML changed too
(the edited chapter's page count or headings changed, or the closing note's text did).

Links between parts (the Daftar Isi's entries) cannot be resolved by WeasyPrint, which sees one
part at a time: they are taken out of the layout and added to the joined PDF, pointing at the
same spot WeasyPrint would have used.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from lkip.core.sidik import sidik, sidik_json

if TYPE_CHECKING:
    from weasyprint import Document
    from weasyprint.text.fonts import FontConfiguration

    from lkip.build.assemble import Bab, Naskah, ReportMeta
    from lkip.build.cache import Cache

log = logging.getLogger(__name__)

PX_KE_PT = 0.75  # CSS pixels (1/96 in) to PDF points (1/72 in)
# Each part is laid out as PDF/A-3b (fonts embedded, sRGB output intent, XMP metadata), the
# archival form that allows the attached inputs (lkip.build.pdf_lampiran); the join keeps the
# first part's output intent and XMP metadata for the whole document. Each part is tagged for
# accessibility, and the join merges the parts' structure trees (lkip.build.pdf_tag).
VARIAN_PDF = "pdf/a-3b"
OPSI_PDF = {"pdf_variant": VARIAN_PDF, "pdf_tags": True}
_HURUF = threading.local()  # each thread's FontConfiguration (_konfigurasi_huruf)


@dataclass(frozen=True)
class Tata:
    """One laid-out part: its PDF and where its anchors and outgoing links lie."""

    pdf: bytes
    halaman: int  # number of pages
    # anchor -> (page index in the part, x, y in PDF points)
    jangkar: dict[str, tuple[int, float, float]]
    # links to anchors of other parts: (page index in the part, anchor, rectangle in PDF points)
    tautan: list[tuple[int, str, tuple[float, float, float, float]]]

    def json(self) -> bytes:
        d = {"halaman": self.halaman, "jangkar": self.jangkar, "tautan": self.tautan}
        return json.dumps(d).encode("utf-8")

    @classmethod
    def dari(cls, pdf: bytes, data: str) -> Tata:
        d = json.loads(data)
        return cls(
            pdf=pdf,
            halaman=d["halaman"],
            jangkar={k: (v[0], v[1], v[2]) for k, v in d["jangkar"].items()},
            tautan=[(i, a, (r[0], r[1], r[2], r[3])) for i, a, r in d["tautan"]],
        )


class Ringkasan(NamedTuple):
    """What a PDF run did: parts laid out now, of all the parts joined, and the page number
    each Daftar Isi entry got (anchor -> "3", or "ii" in the front matter) for the HTML."""

    ditata: int
    bagian: int
    halaman: Mapping[str, str] = MappingProxyType({})


def write_pdf(
    naskah: Naskah,
    pdf_path: Path,
    cache: Cache | None = None,
    kunci: str = "",
    penata: Callable[[str], Tata] | None = None,
) -> Ringkasan:
    """Lay out ``naskah`` part by part (parts found in ``cache`` are reused) and join them;
    ``penata`` lays a part out (default :func:`tata_letak`, here)."""
    baru: list[bool] = []  # per part: laid out now rather than taken from the cache

    def tata(html: str) -> Tata:
        hasil, ditata = _tata(html, cache, kunci, penata or tata_letak)
        baru.append(ditata)
        return hasil

    bab: list[Tata] = []
    halaman: dict[str, int] = {}  # anchor -> page number printed in the Daftar Isi
    awal = 1
    for i in range(len(naskah.utama)):
        bab.append(tata(naskah.html_bab(i, awal)))
        halaman |= {a: awal + p for a, (p, _, _) in bab[-1].jangkar.items()}
        awal += bab[-1].halaman
    kaki = naskah.html_kaki(awal)
    depan = tata(naskah.html_depan(halaman))
    bagian = [depan, *bab, *([tata(kaki)] if kaki is not None else [])]
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    pdf_path.write_bytes(gabung(bagian))
    nomor = _nomor_depan(naskah, depan) | {a: str(n) for a, n in halaman.items()}
    return Ringkasan(ditata=sum(baru), bagian=len(bagian), halaman=nomor)


def _nomor_depan(naskah: Naskah, depan: Tata) -> dict[str, str]:
    """The front matter's page numbers (i, ii, ...), as its @page counter gives them: the
    cover is not counted, the first front chapter starts at i."""
    hal = {e.anchor: depan.jangkar[e.anchor][0] for e in naskah.toc if e.depan}
    if not hal:
        return {}
    pertama = min(hal.values())
    return {a: romawi(p - pertama + 1) for a, p in hal.items()}


def romawi(n: int) -> str:
    """``n`` (1-3999) in lower-case Roman numerals, as CSS lower-roman counts: 4 -> "iv"."""
    if not 1 <= n <= 3999:
        raise ValueError(f"no Roman numeral for {n}")
    hasil = ""
    for nilai, huruf in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        jumlah, n = divmod(n, nilai)
        hasil += huruf * jumlah
    return hasil


def tata_letak(html: str) -> Tata:
    """Lay out one part with WeasyPrint; only data: URLs may be loaded."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    doc = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).render(
        font_config=_konfigurasi_huruf(), **OPSI_PDF
    )
    tautan = _lepas_tautan_keluar(doc)
    return Tata(
        pdf=doc.write_pdf(**OPSI_PDF),
        halaman=len(doc.pages),
        jangkar=_jangkar(doc),
        tautan=tautan,
    )


def _konfigurasi_huruf() -> FontConfiguration:
    """The fonts WeasyPrint lays out with, made once per thread and kept for every part it lays
    out: each part made its own, Pango's font map set up anew, some 4 % of the report's
    layout time. The stylesheet declares no ``@font-face``, so nothing one part loads can
    change the next part's PDF; WeasyPrint does not promise that one configuration may be
    used from several threads at once, hence one per thread."""
    if not hasattr(_HURUF, "konfigurasi"):
        from weasyprint.text.fonts import FontConfiguration

        _HURUF.konfigurasi = FontConfiguration()
    konfigurasi: FontConfiguration = _HURUF.konfigurasi
    return konfigurasi


def tata_berkas(html: str, pdf: str) -> None:
    """Lay out the part in the file ``html``: its PDF to ``pdf``, its layout data next to it
    (``<pdf>.json``). Plain arguments, so a kernel can be given the call (:mod:`lkip.build.batch`
    lays its offices' parts out in kernels)."""
    tata = tata_letak(Path(html).read_text(encoding="utf-8"))
    Path(pdf).write_bytes(tata.pdf)
    Path(pdf + ".json").write_bytes(tata.json())


def gabung(bagian: list[Tata]) -> bytes:
    """One PDF of the parts in order, with the links between parts, outline and metadata."""
    from lkip.build.pdf_gabung import Gabungan

    dok = Gabungan(bagian[0].pdf)
    awal = [0, *(dok.tambah(tata.pdf) for tata in bagian[1:])]
    tujuan: dict[str, tuple[int, float, float]] = {}
    for mulai, tata in zip(awal, bagian, strict=True):
        for nama, (p, x, y) in tata.jangkar.items():
            tujuan.setdefault(nama, (mulai + p, x, y))  # the first anchor wins, as in WeasyPrint
    for mulai, tata in zip(awal, bagian, strict=True):
        for p, nama, kotak in tata.tautan:
            if nama not in tujuan:
                log.error("No anchor #%s for internal link on page %d", nama, mulai + p + 1)
                continue
            dok.tautan(mulai + p, kotak, *tujuan[nama])
    return dok.simpan()


def _tata(
    html: str, cache: Cache | None, kunci: str, penata: Callable[[str], Tata]
) -> tuple[Tata, bool]:
    """The laid-out part for ``html``, and whether it was laid out now (and stored) rather than
    taken from the cache."""
    k = sidik_json({"html": sidik(html.encode("utf-8")), "kunci": kunci})
    if cache is not None:
        isi = cache.baca("pdf", k, _periksa_bagian)
        if isi is not None:
            return Tata.dari(isi["bagian.pdf"], isi["tata.json"].decode("utf-8")), False
    tata = penata(html)
    if cache is not None:
        cache.simpan("pdf", k, {"bagian.pdf": tata.pdf, "tata.json": tata.json()})
    return tata, True


def periksa_pdf(data: bytes) -> None:
    """Raise ValueError unless ``data`` starts and ends as a PDF does (not garbage, not cut)."""
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise ValueError("bukan PDF yang utuh")


def _periksa_bagian(isi: Mapping[str, bytes]) -> None:
    """A cached part is usable when its PDF is whole and its layout data reads as a Tata."""
    periksa_pdf(isi["bagian.pdf"])
    tata = Tata.dari(isi["bagian.pdf"], isi["tata.json"].decode("utf-8"))
    if not isinstance(tata.halaman, int) or tata.halaman < 1:
        raise ValueError("jumlah halaman tidak sah")


def _jangkar(doc: Document) -> dict[str, tuple[int, float, float]]:
    jangkar: dict[str, tuple[int, float, float]] = {}
    for i, page in enumerate(doc.pages):
        tinggi = page.height * PX_KE_PT
        for nama, (x, y, _, _) in page.anchors.items():
            jangkar.setdefault(nama, (i, x * PX_KE_PT, tinggi - y * PX_KE_PT))
    return jangkar


def _lepas_tautan_keluar(doc: Document) -> list[tuple[int, str, tuple[float, float, float, float]]]:
    """Take out of ``doc`` the internal links to anchors it lacks; return them in PDF points.

    A link is drawn as one box per line or inline part; a box inside another of the same link
    adds nothing, so only the outermost are kept.
    """
    ada = {nama for page in doc.pages for nama in page.anchors}
    keluar = []
    for i, page in enumerate(doc.pages):
        tinggi = page.height * PX_KE_PT
        kotak: dict[str, list[tuple[float, float, float, float]]] = {}
        tetap = []
        for link in page.links:
            jenis, target, (x1, y1, x2, y2), _ = link
            if jenis == "internal" and target not in ada:
                kotak.setdefault(target, []).append((x1, y1, x2, y2))
            else:
                tetap.append(link)
        page.links[:] = tetap
        for target, semua in kotak.items():
            unik = sorted(set(semua))
            for x1, y1, x2, y2 in unik:
                if any(_di_dalam((x1, y1, x2, y2), b) for b in unik if b != (x1, y1, x2, y2)):
                    continue
                rect = (
                    x1 * PX_KE_PT,
                    tinggi - y2 * PX_KE_PT,
                    x2 * PX_KE_PT,
                    tinggi - y1 * PX_KE_PT,
                )
                keluar.append((i, target, rect))
    return keluar


def _di_dalam(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return b[0] <= a[0] and b[1] <= a[1] and a[2] <= b[2] and a[3] <= b[3]


def write_report(
    chapters: Sequence[Bab],
    meta: ReportMeta,
    html_path: Path,
    pdf_path: Path,
    daftar_isi_setelah: int = 0,
    cache: Cache | None = None,
    kunci: str = "",
    sebelum_tata: Callable[[str], None] | None = None,
    penata: Callable[[str], Tata] | None = None,
) -> Ringkasan:
    """Write the PDF, then the HTML report with the PDF's page numbers in its Daftar Isi.

    ``cache`` keeps laid-out PDF parts between runs, under keys that also hold ``kunci`` (the
    caller's hash of the code and versions that shape a layout). ``sebelum_tata`` is given the
    report's HTML without page numbers before the PDF is laid out.
    """
    from lkip.build.assemble import susun_naskah  # nbconvert: only when a report is laid out

    naskah = susun_naskah(chapters, meta, daftar_isi_setelah)
    if sebelum_tata is not None:
        sebelum_tata(naskah.html())
    ringkas = write_pdf(naskah, pdf_path, cache, kunci, penata)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(naskah.html(ringkas.halaman), encoding="utf-8")
    return ringkas
