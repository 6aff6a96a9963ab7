"""The accessibility tags of the parts of the PDF, merged into one structure tree at the join.

WeasyPrint tags each part it lays out (``pdf_tags``): a structure tree of headings, paragraphs,
tables, figures and links whose leaves are the marked content of the pages, found through the
page's ``/StructParents`` number in the tree's ``/ParentTree``. pypdf's join keeps the pages
but drops all of it (the structure tree is the catalog's, and ``/StructParents`` is removed
from appended pages). So the join hands every appended part to :class:`Struktur`, which
clones the part's tree into the joined document under one root, shifting the part's
``/StructParents`` and ``/StructParent`` numbers past those of the parts before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
)

if TYPE_CHECKING:
    from pypdf import PdfReader, PdfWriter


class Struktur:
    """Collects the structure trees of the parts appended to ``writer``, in order."""

    def __init__(self, writer: PdfWriter) -> None:
        self.writer = writer
        self.akar = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
        self.ref = writer._add_object(self.akar)
        self.anak = ArrayObject()
        self.nums = ArrayObject()
        self.geser = 0  # the next free /StructParents number
        self.ada = False

    def tambah(self, reader: PdfReader, halaman_awal: int) -> None:
        """Merge the tree of ``reader``, whose pages were appended from ``halaman_awal`` on."""
        st = reader.root_object.get("/StructTreeRoot")
        if st is None:
            return
        st = st.get_object()
        self.ada = True
        geser = self.geser
        for i, asli in enumerate(reader.pages):
            baru = self.writer.pages[halaman_awal + i]
            if "/StructParents" in asli:
                baru[NameObject("/StructParents")] = NumberObject(asli["/StructParents"] + geser)
            for annot in baru.get("/Annots") or []:
                annot = annot.get_object()
                if "/StructParent" in annot:
                    annot[NameObject("/StructParent")] = NumberObject(
                        annot["/StructParent"] + geser
                    )
        k = st.raw_get("/K")
        k = k.get_object() if isinstance(k, IndirectObject) else k
        # Cloned without their parent links (that would clone the part's root), set again below.
        for elemen in k if isinstance(k, ArrayObject) else [k]:
            self.anak.append(elemen.clone(self.writer, ignore_fields=["/P"]))
        nums = st["/ParentTree"].get_object().get("/Nums", ArrayObject())
        terbesar = -1
        for j in range(0, len(nums), 2):
            kunci = int(nums[j])
            terbesar = max(terbesar, kunci)
            self.nums.append(NumberObject(kunci + geser))
            self.nums.append(nums[j + 1].clone(self.writer, ignore_fields=["/P"]))
        self.geser = geser + terbesar + 1

    def pasang(self) -> None:
        """Install the merged tree as the document's, and mark the document as tagged."""
        if not self.ada:
            return
        for elemen in self.anak:
            _hubungkan(elemen, self.ref)
        self.akar[NameObject("/K")] = self.anak
        pohon = DictionaryObject({NameObject("/Nums"): self.nums})
        self.akar[NameObject("/ParentTree")] = self.writer._add_object(pohon)
        self.akar[NameObject("/ParentTreeNextKey")] = NumberObject(self.geser)
        root = self.writer.root_object
        root[NameObject("/StructTreeRoot")] = self.ref
        root[NameObject("/MarkInfo")] = DictionaryObject(
            {NameObject("/Marked"): BooleanObject(True)}
        )


def _hubungkan(ref: PdfObject, induk: IndirectObject) -> None:
    """Set the ``/P`` of the structure element ``ref`` and, below it, of every descendant."""
    elemen = ref.get_object()
    if not isinstance(elemen, DictionaryObject) or "/S" not in elemen:
        return  # a marked-content id, or a reference to marked content or an annotation
    elemen[NameObject("/P")] = induk
    anak = elemen.raw_get("/K") if "/K" in elemen else None
    if isinstance(anak, IndirectObject) and isinstance(anak.get_object(), ArrayObject):
        anak = anak.get_object()
    daftar = list(anak) if isinstance(anak, ArrayObject) else [] if anak is None else [anak]
    sendiri = ref if isinstance(ref, IndirectObject) else elemen.indirect_reference
    for a in daftar:
        if isinstance(a, IndirectObject | DictionaryObject):
            _hubungkan(a, sendiri)
