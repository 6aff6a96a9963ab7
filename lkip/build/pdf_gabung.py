"""The report's PDF parts joined into one document, with pikepdf (qpdf).

The join runs on every render, also when a single part was laid out again, so its cost is
paid by every one-change rebuild. pikepdf does it in C++: the 51-page report's nine parts join
in about 0.1 s, where pypdf, which parsed and cloned every object in Python, took about 1 s
(and the attachments, :mod:`lkip.build.pdf_lampiran`, likewise). pypdf stays where only
reading is needed (``lkip verify`` extracts the printed digest's text, which qpdf cannot).

The first part is the base: its catalog, which makes the document PDF/A-3b (output intent,
XMP metadata), gives its language, title and viewer preferences, stays as laid out; the pages
of every later part are appended to it, then the part's outline entries, named destinations
and structure tree (:mod:`lkip.build.pdf_tag`) are copied and linked after the base's. qpdf
copies each object of a part once, so a copied bookmark, destination or structure element
points at the copied page. The parts must stay open until the document is saved: their stream
data is read only then.
"""

from __future__ import annotations

import io
import warnings

from pikepdf import Array, Dictionary, Name, NameTree, ObjectStreamMode, PageCopyWarning, Pdf

from lkip.build.pdf_tag import Struktur, salin

# How the join and the attachments save: the trailer /ID (PDF/A requires one) follows from the
# bytes, so the same parts give the same file, and the XMP metadata that makes the document
# PDF/A is kept byte for byte (pikepdf would write it anew). The tags' thousands of structure
# elements go into compressed object streams (allowed from PDF/A-2 on): written one by one
# they were more than half of the report's file, which analysts send by e-mail and open on
# their phones.
OPSI_SIMPAN = {
    "deterministic_id": True,
    "fix_metadata_version": False,
    "object_stream_mode": ObjectStreamMode.generate,
}


class Gabungan:
    """One document being built from whole PDFs appended in order."""

    def __init__(self, pertama: bytes) -> None:
        self.pdf = Pdf.open(io.BytesIO(pertama))
        self.struktur = Struktur(self.pdf)
        self._bagian: list[Pdf] = []  # kept open until saved

    @property
    def halaman(self) -> int:
        return len(self.pdf.pages)

    def tambah(self, data: bytes) -> int:
        """Append the PDF ``data``; return the index its first page got."""
        bagian = Pdf.open(io.BytesIO(data))
        self._bagian.append(bagian)
        awal = self.halaman
        with warnings.catch_warnings():
            # pikepdf warns that extend() leaves the named destinations behind and points to
            # add_pages_from(), which carries only those the pages' links name and renames
            # repeated ones: _tambah_tujuan carries every anchor, the first of a name winning.
            warnings.simplefilter("ignore", PageCopyWarning)
            self.pdf.pages.extend(bagian.pages)  # first, so that what follows maps onto them
        self.struktur.tambah(bagian, awal)
        _tambah_kerangka(self.pdf, bagian)
        _tambah_tujuan(self.pdf, bagian)
        return awal

    def tautan(
        self, halaman: int, kotak: tuple[float, float, float, float], ke: int, x: float, y: float
    ) -> None:
        """A link on page ``halaman`` over ``kotak`` to page ``ke`` at (``x``, ``y``)."""
        page = self.pdf.pages[halaman].obj
        link = Dictionary(
            Type=Name.Annot,
            Subtype=Name.Link,
            Rect=Array(kotak),
            Border=Array([0, 0, 0]),
            Dest=Array([self.pdf.pages[ke].obj, Name.XYZ, x, y, 0]),
            F=4,  # printable, as PDF/A requires
            P=page,
        )
        if "/Annots" not in page:
            page.Annots = Array()
        page.Annots.append(self.pdf.make_indirect(link))

    def simpan(self) -> bytes:
        """The joined document."""
        self.struktur.pasang()
        keluar = io.BytesIO()
        self.pdf.save(keluar, **OPSI_SIMPAN)
        for dok in (self.pdf, *self._bagian):
            dok.close()
        return keluar.getvalue()


def _tambah_kerangka(pdf: Pdf, bagian: Pdf) -> None:
    """Append the top-level outline entries (bookmarks) of ``bagian`` after those of ``pdf``."""
    asal = bagian.Root.get("/Outlines")
    if asal is None or "/First" not in asal:
        return
    salinan = salin(pdf, bagian, asal)
    if "/Outlines" not in pdf.Root:
        pdf.Root.Outlines = pdf.make_indirect(Dictionary(Type=Name.Outlines, Count=0))
    akar = pdf.Root.Outlines
    item = salinan.First
    while True:
        item.Parent = akar
        if "/Next" not in item:
            break
        item = item.Next
    if "/Last" in akar:
        akar.Last.Next = salinan.First
        salinan.First.Prev = akar.Last
    else:
        akar.First = salinan.First
    akar.Last = salinan.Last
    akar.Count = int(akar.get("/Count", 0)) + int(salinan.get("/Count", 0))


def _tambah_tujuan(pdf: Pdf, bagian: Pdf) -> None:
    """Add the named destinations (anchors) of ``bagian``; a name already there keeps its
    first target, as WeasyPrint does for a repeated anchor."""
    names = bagian.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return
    asal = NameTree(salin(pdf, bagian, names.Dests))
    if "/Names" not in pdf.Root:
        pdf.Root.Names = Dictionary()
    if "/Dests" not in pdf.Root.Names:
        pdf.Root.Names.Dests = NameTree.new(pdf).obj
    tujuan = NameTree(pdf.Root.Names.Dests)
    for nama, dest in asal.items():
        if nama not in tujuan:
            tujuan[nama] = dest
