"""What a render keeps in the cache (:mod:`lkip.build.cache`): each chapter's key and HTML
fragment, the whole report, and the checks an entry passes before it is used.

A reader checks a cache entry whose hashes matched before using it (``ch.Periksa``): a failure
discards the entry and the part is built again.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from lkip.build import cache as ch
from lkip.build.eksekusi import periksa_notebook
from lkip.build.kernel import KERNEL
from lkip.build.pdf import periksa_pdf
from lkip.core.sidik import sidik, sidik_json


def kunci_bab(
    notebook: Path,
    tahun: int,
    bacaan: Iterable[str],
    bagian: Mapping[str, str],
    kode: str,
    versi: Mapping[str, str | None],
) -> str:
    """Hash of everything an executed chapter depends on: its ``notebook``, the year, the
    kernel, the processed parts it reads (``bacaan``, hashed in ``bagian``), the lkip sources
    (``kode``) and the dependency versions."""
    return sidik_json(
        {
            "notebook": sidik(notebook.read_bytes()),
            "parameter": {"tahun": tahun},
            "kernel": KERNEL,
            "bacaan": {b: bagian.get(b) for b in sorted(bacaan)},
            "kode": kode,
            "versi": dict(versi),
        }
    )


def bab_html(nb: Path, kunci_bab: str, perakit: str, cache: ch.Cache | None) -> str:
    """A chapter's HTML fragment: from the cache when its notebook and the assembler
    (``perakit``: hash of the lkip sources and templates) did not change."""
    from lkip.build.assemble import chapter_html

    kunci = sidik_json({"bab": kunci_bab, "perakit": perakit})
    isi = cache.baca("html", kunci, periksa_teks("bab.html")) if cache is not None else None
    if isi is not None:
        return isi["bab.html"].decode("utf-8")
    fragmen = chapter_html(nb)
    if cache is not None:
        cache.simpan("html", kunci, {"bab.html": fragmen.encode("utf-8")})
    return fragmen


def dari_cache_penuh(
    cache: ch.Cache,
    kunci_mentah: str,
    staging: Path,
    html: Path,
    pdf: Path,
    chapters: Sequence[str],
) -> bool:
    """Restore into ``staging`` a whole report stored for exactly these raw files, sources and
    versions (``kunci_mentah``)."""
    isi = cache.baca("penunjuk", kunci_mentah, periksa_penunjuk(chapters))
    if isi is None:
        return False
    penunjuk = json.loads(isi["penunjuk.json"])
    nb_folder = staging / "notebooks"
    periksa = periksa_laporan(html.name, pdf.name)
    ok = all(
        cache.ambil("bab", penunjuk["bab"][b], nb_folder, periksa_notebook(f"{b}.ipynb"))
        for b in chapters
    ) and cache.ambil("laporan", penunjuk["laporan"], staging, periksa)
    if not ok:  # part of the cache was removed: start again from an empty staging folder
        shutil.rmtree(staging)
        staging.mkdir()
    return bool(ok)


def periksa_penunjuk(chapters: Sequence[str]) -> ch.Periksa:
    """A pointer entry names the report entry and one entry per chapter."""

    def periksa(isi: Mapping[str, bytes]) -> None:
        penunjuk = json.loads(isi["penunjuk.json"])
        if not isinstance(penunjuk["laporan"], str) or not all(
            isinstance(penunjuk["bab"][b], str) for b in chapters
        ):
            raise ValueError("penunjuk tidak sah")

    return periksa


def periksa_teks(*nama: str) -> ch.Periksa:
    def periksa(isi: Mapping[str, bytes]) -> None:
        for n in nama:
            isi[n].decode("utf-8")

    return periksa


def periksa_laporan(html: str, pdf: str) -> ch.Periksa:
    def periksa(isi: Mapping[str, bytes]) -> None:
        periksa_teks(html, "reviu.csv")(isi)
        periksa_pdf(isi[pdf])

    return periksa
