"""The accessibility tags of the parts of the PDF, merged into one structure tree at the join.

WeasyPrint tags each part it lays out (``pdf_tags``): a structure tree of headings, paragraphs,
tables, figures and links whose leaves are the marked content of the pages, found through the
page's ``/StructParents`` number in the tree's ``/ParentTree``. Appending a part's pages to
another document copies the pages but not the tree, which is the part's catalog's. So the join
(:mod:`lkip.build.pdf_gabung`) keeps the first part's tree and hands every later part to
:class:`Struktur`, which copies the part's tree into the joined document under the one root,
shifting the part's ``/StructParents`` and ``/StructParent`` numbers past those of the parts
before it. The part's pages are appended first, so the copied elements' page and annotation
references land on the copied pages (qpdf maps each object of a part to one copy).
"""

from __future__ import annotations

from pikepdf import Array, Dictionary, Name, Object, Pdf


class Struktur:
    """The structure tree of ``pdf`` (the joined document, started from its first part),
    growing by the trees of the parts appended after it."""

    def __init__(self, pdf: Pdf) -> None:
        self.pdf = pdf
        st = pdf.Root.get("/StructTreeRoot")
        self.ada = st is not None
        if st is None:
            st = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        self.akar = st
        k = st.get("/K")
        self.anak = Array() if k is None else Array(k) if isinstance(k, Array) else Array([k])
        self.nums = Array(_nums(st))
        self.geser = _berikut(self.nums)  # the next free /StructParents number

    def tambah(self, bagian: Pdf, halaman_awal: int) -> None:
        """Merge the tree of ``bagian``, whose pages were appended from ``halaman_awal`` on."""
        st = bagian.Root.get("/StructTreeRoot")
        if st is None:
            return
        self.ada = True
        geser = self.geser
        for page in self.pdf.pages[halaman_awal : halaman_awal + len(bagian.pages)]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + geser
            for annot in page.obj.get("/Annots") or []:
                if "/StructParent" in annot:
                    annot.StructParent = int(annot.StructParent) + geser
        salinan = salin(self.pdf, bagian, st)
        k = salinan.get("/K")
        for elemen in k if isinstance(k, Array) else [] if k is None else [k]:
            if isinstance(elemen, Dictionary):
                elemen.P = self.akar  # was the part's root, a copy nothing else refers to
            self.anak.append(elemen)
        nums = _nums(salinan)
        for j in range(0, len(nums), 2):
            self.nums.append(int(nums[j]) + geser)
            self.nums.append(nums[j + 1])
        self.geser = geser + _berikut(nums)

    def pasang(self) -> None:
        """Install the merged tree as the document's, and mark the document as tagged."""
        if not self.ada:
            return
        self.akar.K = self.anak
        self.akar.ParentTree = self.pdf.make_indirect(Dictionary(Nums=self.nums))
        self.akar.ParentTreeNextKey = self.geser
        self.pdf.Root.StructTreeRoot = self.akar
        self.pdf.Root.MarkInfo = Dictionary(Marked=True)


def salin(pdf: Pdf, bagian: Pdf, obj: Object) -> Object:
    """A copy in ``pdf`` of ``obj`` of ``bagian`` (qpdf copies only indirect objects)."""
    return pdf.copy_foreign(obj if obj.is_indirect else bagian.make_indirect(obj))


def _nums(st: Dictionary) -> Array:
    """The flat ``/Nums`` of a structure tree's ``/ParentTree`` (WeasyPrint writes no kids)."""
    pohon = st.get("/ParentTree")
    return Array() if pohon is None else pohon.get("/Nums", Array())


def _berikut(nums: Array) -> int:
    """One past the largest key of a number tree's ``/Nums`` (0 when it has none)."""
    return max((int(nums[j]) for j in range(0, len(nums), 2)), default=-1) + 1
