"""The parts' accessibility tags survive the join as one structure tree."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from lkip.build.assemble import susun_naskah
from lkip.build.pdf import tata_letak
from tests.test_pdf import META, laporan, tulis

pytestmark = pytest.mark.slow


def periksa_struktur(reader: PdfReader) -> dict[str, int]:
    """Walk the structure tree; fail on anything that points outside the document.

    Returns how many elements of each type the tree holds.
    """
    root = reader.root_object
    assert bool(root["/MarkInfo"]["/Marked"])
    st = root["/StructTreeRoot"]
    halaman = {p.indirect_reference.idnum for p in reader.pages}
    annots = {a.idnum for p in reader.pages for a in (p.get("/Annots") or [])}
    nums = st["/ParentTree"]["/Nums"]
    kunci = [int(k) for k in nums[::2]]
    assert kunci == sorted(set(kunci)), "ParentTree keys must be unique and sorted"
    if "/ParentTreeNextKey" in st:  # the join writes it; WeasyPrint does not
        assert int(st["/ParentTreeNextKey"]) == max(kunci) + 1
    # every page's marked content is found through the ParentTree
    struct_parents = [int(p["/StructParents"]) for p in reader.pages]
    assert len(set(struct_parents)) == len(struct_parents)
    assert set(struct_parents) <= set(kunci)
    jenis: dict[str, int] = {}

    def jalan(ref: IndirectObject, induk: IndirectObject) -> None:
        el = ref.get_object()
        assert el.raw_get("/P").idnum == induk.idnum, "parent link"
        jenis[str(el["/S"])] = jenis.get(str(el["/S"]), 0) + 1
        if "/Pg" in el:
            assert el.raw_get("/Pg").idnum in halaman
        k = el.raw_get("/K") if "/K" in el else None
        for c in k if isinstance(k, ArrayObject) else [] if k is None else [k]:
            if isinstance(c, IndirectObject | DictionaryObject):
                o = c.get_object()
                if o.get("/Type") == "/OBJR":
                    assert o.raw_get("/Obj").idnum in annots
                elif o.get("/Type") == "/MCR":
                    assert o.raw_get("/Pg").idnum in halaman
                else:
                    jalan(c, ref)

    for anak in st["/K"]:
        jalan(anak, root.raw_get("/StructTreeRoot"))
    return jenis


def test_joined_pdf_keeps_every_parts_tags(tmp_path: Path) -> None:
    reader = tulis(tmp_path / "l.pdf", laporan())
    jenis = periksa_struktur(reader)
    assert "/ParentTreeNextKey" in reader.root_object["/StructTreeRoot"]
    # one Document per part: front matter, three chapters, closing note
    assert jenis["/Document"] == 5
    assert jenis["/H1"] == 5  # KATA PENGANTAR, DAFTAR ISI, BAB I–III
    assert jenis["/H2"] == 3
    # nothing lost or duplicated: the joined tree holds exactly the elements of the parts
    naskah = susun_naskah(laporan(), META, daftar_isi_setelah=1)
    bagian = [
        naskah.html_depan({}),
        *(naskah.html_bab(i, 1) for i in range(3)),
        naskah.html_kaki(1),
    ]
    jumlah: Counter[str] = Counter()
    for html in bagian:
        jumlah.update(periksa_struktur(PdfReader(io.BytesIO(tata_letak(html).pdf))))
    assert jenis == dict(jumlah)
