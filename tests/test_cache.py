"""The chapter cache: each part of the key invalidates, nothing else does, nothing half-written.

Rendering uses a fake two-chapter report whose execution and assembly are recorded instead of
run, so every key is exercised in seconds; the processed data is computed from the real raw
files, as in a real run.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat
import pytest

from lkip.build import assemble, format_kantor, pdf, pipeline
from lkip.build import cache as ch
from lkip.build import eksekusi as ek
from lkip.build.pdf import Ringkasan
from lkip.core.sidik import sidik, sidik_json, sidik_kode, sidik_mentah
from lkip.core.versi import sidik_huruf, versi_dependensi

BAB_PEGAWAI, BAB_KINERJA = "a_pegawai", "b_kinerja"


def _notebook(path: Path, sumber: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("tahun = None"), nbformat.v4.new_code_cell(sumber)]
    nb.cells[0].metadata["tags"] = ["parameters"]
    nbformat.write(nb, path)


class KolamPalsu:
    """A kernel pool without kernels: the work it is given runs in this process."""

    def siapkan(self, jumlah: int) -> None:
        pass

    @contextmanager
    def pinjam(self, env: object, *sehat: object, prioritas: object = None) -> Iterator[None]:
        yield None

    def kerjakan(
        self, env: object, modul: str, fungsi: str, *argumen: object, prioritas: object
    ) -> None:
        getattr(importlib.import_module(modul), fungsi)(*argumen)

    def tutup(self) -> None:
        pass


class Rekaman:
    """What the fake report run executed and assembled."""

    def __init__(self) -> None:
        self.dijalankan: list[str] = []
        self.dirakit = 0


@pytest.fixture(name="palsu")
def fixture_palsu(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Rekaman:
    """A two-chapter report: one reads the pegawai table, the other the kinerja table."""
    nb_dir = tmp_path / "nb"
    nb_dir.mkdir()
    _notebook(nb_dir / f"{BAB_PEGAWAI}.ipynb", "L.tabel['pegawai']")
    _notebook(nb_dir / f"{BAB_KINERJA}.ipynb", "L.kinerja")
    monkeypatch.setenv("LKIP_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(pipeline, "notebooks_dir", lambda: nb_dir)
    monkeypatch.setattr(pipeline, "CHAPTERS", (BAB_PEGAWAI, BAB_KINERJA))
    monkeypatch.setattr(
        pipeline,
        "BACAAN",
        {BAB_PEGAWAI: frozenset({"tabel:pegawai"}), BAB_KINERJA: frozenset({"tabel:kinerja"})},
    )
    rekaman = Rekaman()

    def eksekusi(notebook: Path, tahun: int, keluaran: Path, km: object = None) -> None:
        assert km is None  # the fake run starts no kernel
        rekaman.dijalankan.append(notebook.stem)
        nb = nbformat.read(notebook, as_version=4)
        nb.metadata["dijalankan_untuk"] = tahun
        nbformat.write(nb, keluaran)

    def rakit(chapters, meta, html: Path, pdf: Path, *argumen: object) -> Ringkasan:
        rekaman.dirakit += 1
        teks = " ".join(c.nama for c in chapters)
        _, _, _, sebelum_tata, _ = argumen
        sebelum_tata(teks)  # the Word and Excel copies start from the HTML
        html.write_text(teks, encoding="utf-8")
        pdf.write_bytes(b"%PDF-1.7\n% palsu\n%%EOF\n")
        return Ringkasan(ditata=1, bagian=1)

    def tulis_kantor(html: str, docx: str, xlsx: str, *_: object) -> None:  # the name called
        for p in (docx, xlsx):
            Path(p).write_bytes(b"palsu")

    monkeypatch.setattr(ek, "jalankan_notebook", eksekusi)
    monkeypatch.setattr(format_kantor, "tulis_kantor", tulis_kantor)
    monkeypatch.setattr(pipeline, "_lampirkan", lambda *_: None)
    monkeypatch.setattr(ek, "kolam_kernel", lambda jumlah: KolamPalsu())
    monkeypatch.setattr(pdf, "write_report", rakit)
    return rekaman


def _render(root: Path, rekaman: Rekaman, **kw: object) -> list[str]:
    """Render 2023 and return the chapters it executed."""
    rekaman.dijalankan.clear()
    pipeline.render(2023, root=root, lapor=lambda _: None, **kw)
    return sorted(rekaman.dijalankan)


def test_second_run_executes_nothing_and_reuses_the_report(root: Path, palsu: Rekaman) -> None:
    assert _render(root, palsu) == [BAB_PEGAWAI, BAB_KINERJA]
    assert palsu.dirakit == 1
    pesan: list[str] = []
    pipeline.render(2023, root=root, lapor=pesan.append)
    assert palsu.dijalankan == [BAB_PEGAWAI, BAB_KINERJA]  # unchanged: nothing ran again
    assert palsu.dirakit == 1
    assert pesan == ["Tidak ada yang berubah: laporan diambil dari cache"]
    out = root / "outputs" / "panarukan" / "2023"
    assert (out / "lkip-2023.html").read_text() == f"{BAB_PEGAWAI} {BAB_KINERJA}"
    nb = nbformat.read(out / "notebooks" / f"{BAB_KINERJA}.ipynb", as_version=4)
    assert nb.metadata["dijalankan_untuk"] == 2023


def test_changing_an_input_reexecutes_only_the_chapter_that_reads_it(
    root: Path, palsu: Rekaman
) -> None:
    _render(root, palsu)
    pegawai = root / "data" / "raw" / "panarukan" / "2023" / "pegawai.csv"
    pegawai.write_text(pegawai.read_text().replace("Golongan II,2", "Golongan II,3"))
    assert _render(root, palsu) == [BAB_PEGAWAI]
    assert palsu.dirakit == 2


@pytest.fixture
def dikonversi(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The chapters whose notebook is converted to HTML, in order (the rest come from cache)."""
    daftar: list[str] = []
    asli = assemble.chapter_html

    def hitung(nb: Path) -> str:
        daftar.append(Path(nb).stem)
        return asli(nb)

    monkeypatch.setattr(assemble, "chapter_html", hitung)
    return daftar


def test_only_the_changed_chapter_is_converted_to_html_again(
    root: Path, palsu: Rekaman, dikonversi: list[str]
) -> None:
    _render(root, palsu)
    assert sorted(dikonversi) == [BAB_PEGAWAI, BAB_KINERJA]
    dikonversi.clear()
    pegawai = root / "data" / "raw" / "panarukan" / "2023" / "pegawai.csv"
    pegawai.write_text(pegawai.read_text().replace("Golongan II,2", "Golongan II,3"))
    _render(root, palsu)
    assert dikonversi == [BAB_PEGAWAI]


def test_raw_change_without_effect_on_processed_data_executes_nothing(
    root: Path, palsu: Rekaman
) -> None:
    _render(root, palsu)
    pegawai = root / "data" / "raw" / "panarukan" / "2023" / "pegawai.csv"
    pegawai.write_text(pegawai.read_text() + "\n")  # a trailing blank line: same table
    pesan: list[str] = []
    palsu.dijalankan.clear()
    pipeline.render(2023, root=root, lapor=pesan.append)
    assert palsu.dijalankan == []
    assert f"Bab {BAB_PEGAWAI}: dari cache" in pesan
    # The report itself is assembled again: its last page prints the digest of the inputs,
    # and the input file did change.
    assert palsu.dirakit == 2


def test_footer_names_the_commit_and_the_inputs(root: Path, palsu: Rekaman) -> None:
    """A report served from the cache never prints another run's provenance line."""
    _render(root, palsu)
    kaki = {"x": "Dibuat dari commit aaa · sidik data masukan 111"}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline, "catatan_kaki", lambda asal: kaki["x"])
        _render(root, palsu)
        assert palsu.dirakit == 2 and palsu.dijalankan == []
        _render(root, palsu)
        assert palsu.dirakit == 2  # same footer: served from the cache
        kaki["x"] = "Dibuat dari commit bbb · sidik data masukan 111"
        _render(root, palsu)
        assert palsu.dirakit == 3


def test_changing_a_notebook_reexecutes_that_chapter(root: Path, palsu: Rekaman) -> None:
    _render(root, palsu)
    _notebook(pipeline.notebooks_dir() / f"{BAB_KINERJA}.ipynb", "L.kinerja.head()")
    assert _render(root, palsu) == [BAB_KINERJA]


def test_changing_the_lkip_source_reexecutes_everything(
    root: Path, palsu: Rekaman, monkeypatch: pytest.MonkeyPatch
) -> None:
    _render(root, palsu)
    asli = sidik_kode
    monkeypatch.setattr(pipeline, "sidik_kode", lambda template=False: asli(template) + "-diubah")
    assert _render(root, palsu) == [BAB_PEGAWAI, BAB_KINERJA]


def test_changing_a_dependency_version_reexecutes_everything(
    root: Path, palsu: Rekaman, monkeypatch: pytest.MonkeyPatch
) -> None:
    _render(root, palsu)
    asli = versi_dependensi()
    monkeypatch.setattr(pipeline, "versi_dependensi", lambda: asli | {"pandas": "99.0"})
    assert _render(root, palsu) == [BAB_PEGAWAI, BAB_KINERJA]


def _fc_list(folder: Path, daftar: str) -> None:
    """A stand-in for fontconfig's fc-list that lists ``daftar``."""
    program = folder / "fc-list"
    program.write_text(f"#!/bin/sh\nprintf '{daftar}'\n")
    program.chmod(0o755)


def test_the_installed_fonts_are_in_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert sidik_huruf() == "-"  # no fontconfig tools: nothing to list
    _fc_list(tmp_path, "/usr/share/fonts/DejaVuSans.ttf|155320\\n")
    lama = sidik_huruf()
    assert lama != "-"
    _fc_list(tmp_path, "/usr/share/fonts/DejaVuSans.ttf|155321\\n")  # the font was updated
    assert sidik_huruf() != lama
    assert versi_dependensi()["huruf"] == sidik_huruf()


def test_the_parameters_and_the_parts_read_are_in_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _notebook(tmp_path / f"{BAB_KINERJA}.ipynb", "L.kinerja")
    monkeypatch.setattr(pipeline, "notebooks_dir", lambda: tmp_path)
    monkeypatch.setattr(pipeline, "BACAAN", {BAB_KINERJA: frozenset({"tabel:kinerja"})})
    bagian = {"tabel:kinerja": "a", "tabel:pegawai": "b"}

    def kunci(tahun: int = 2023, **ubah: str) -> str:
        return pipeline._kunci_bab(BAB_KINERJA, tahun, bagian | ubah, "kode", {"pandas": "3"})

    assert kunci() == kunci()
    assert kunci(tahun=2024) != kunci()
    assert kunci(**{"tabel:kinerja": "z"}) != kunci()
    assert kunci(**{"tabel:pegawai": "z"}) == kunci()  # not read by this chapter


def test_a_chapter_not_in_the_table_depends_on_every_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _notebook(tmp_path / "baru.ipynb", "L")
    monkeypatch.setattr(pipeline, "notebooks_dir", lambda: tmp_path)
    bagian = {"tabel:kinerja": "a", "sumber": "b"}
    kunci = pipeline._kunci_bab("baru", 2023, bagian, "kode", {})
    assert pipeline._kunci_bab("baru", 2023, bagian | {"sumber": "c"}, "kode", {}) != kunci


def test_without_cache_everything_runs_and_nothing_is_stored(root: Path, palsu: Rekaman) -> None:
    assert _render(root, palsu, pakai_cache=False) == [BAB_PEGAWAI, BAB_KINERJA]
    assert _render(root, palsu, pakai_cache=False) == [BAB_PEGAWAI, BAB_KINERJA]
    assert not ch.cache_dir(root).exists()


def test_a_partly_cleared_cache_is_never_half_used(root: Path, palsu: Rekaman) -> None:
    _render(root, palsu)
    bab = ch.cache_dir(root) / "bab"
    for entri in bab.iterdir():
        if (entri / f"{BAB_KINERJA}.ipynb").exists():
            shutil.rmtree(entri)
    assert _render(root, palsu) == [BAB_KINERJA]
    assert palsu.dirakit == 1  # the assembled report of the same chapters is still valid


def test_cache_lives_outside_outputs_and_honours_lkip_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LKIP_CACHE", raising=False)
    assert ch.cache_dir(tmp_path) == tmp_path / ".cache" / "lkip"
    monkeypatch.setenv("LKIP_CACHE", str(tmp_path / "lain"))
    assert ch.cache_dir(tmp_path) == tmp_path / "lain"


def test_entries_are_stored_whole_and_read_back(tmp_path: Path) -> None:
    cache = ch.Cache(tmp_path / "c")
    src = tmp_path / "x.ipynb"
    src.write_text("isi")
    assert cache.ambil("bab", "k1", tmp_path / "ke") is None
    cache.simpan("bab", "k1", {"x.ipynb": src, "sub/y.json": b'{"a": 1}'})
    src.write_text("berubah")  # the entry holds a copy, not the file
    got = cache.ambil("bab", "k1", tmp_path / "ke")
    assert got is not None
    assert (tmp_path / "ke" / "x.ipynb").read_text() == "isi"
    assert json.loads((tmp_path / "ke" / "sub" / "y.json").read_text()) == {"a": 1}
    cache.simpan("bab", "k1", {"x.ipynb": src})  # an existing entry is kept as it is
    assert (cache.folder / "bab" / "k1" / "x.ipynb").read_text() == "isi"
    assert [p.name for p in (cache.folder / "bab").iterdir()] == ["k1"]  # no temporary left


def test_an_interrupted_store_leaves_no_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ch.Cache(tmp_path / "c")
    src = tmp_path / "x"
    src.write_text("isi")

    def putus(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ch, "sidik", putus)  # after the first file is written
    with pytest.raises(KeyboardInterrupt):
        cache.simpan("bab", "k1", {"a": src, "b": src})
    assert list((cache.folder / "bab").iterdir()) == []


def test_processed_parts_hash_each_table_and_each_laporan_key(tmp_path: Path) -> None:
    (tmp_path / "kinerja.csv").write_text("a\n1\n")
    (tmp_path / "pegawai.csv").write_text("a\n2\n")
    meta = {"tahun": 2023, "profil": {"x": 1}, "sumber": {"2023/a.csv": "h"}}
    (tmp_path / "laporan.json").write_text(json.dumps(meta))
    bagian = ch.bagian_olahan(tmp_path)
    assert set(bagian) == {"tabel:kinerja", "tabel:pegawai", "tahun", "profil", "sumber"}
    assert bagian["tabel:kinerja"] == sidik(b"a\n1\n")
    assert bagian["profil"] == sidik_json({"x": 1})


def test_sidik_json_ignores_key_order() -> None:
    assert sidik_json({"a": 1, "b": [1, 2]}) == sidik_json({"b": [1, 2], "a": 1})
    assert sidik_json({"a": 1}) != sidik_json({"a": 2})


def test_raw_fingerprint_covers_earlier_years_only(root: Path) -> None:
    sidik = sidik_mentah(2022, root)
    assert sidik and all(k.startswith("2022/") for k in sidik)
    assert set(sidik) < set(sidik_mentah(2023, root))


# --- A cache that checks itself: every entry lists its files' sha256, checked on every read


def _acak(path: Path) -> None:
    path.write_bytes(os.urandom(4096))


def _potong(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])


def _asing(entri: Path) -> None:
    """The entry of another key copied over this one."""
    lain = entri.parent / "k2"
    shutil.rmtree(entri)
    shutil.copytree(lain, entri)


@pytest.mark.parametrize(
    ("rusakkan", "alasan"),
    [
        (lambda e: _acak(e / "a.ipynb"), "sidik a.ipynb tidak cocok"),
        (lambda e: _potong(e / "a.ipynb"), "sidik a.ipynb tidak cocok"),
        (lambda e: (e / "sub" / "b.json").write_bytes(b""), "sidik sub/b.json tidak cocok"),
        (lambda e: (e / "sub" / "b.json").unlink(), "berkas sub/b.json hilang"),
        (lambda e: (e / "lain.html").write_text("x"), "berkas lain.html asing"),
        (lambda e: (e / ch.DAFTAR).unlink(), "daftar sidiknya tidak ada"),
        (lambda e: _acak(e / ch.DAFTAR), "daftar sidiknya tidak terbaca"),
        (lambda e: (e / ch.DAFTAR).write_text(""), "daftar sidiknya tidak terbaca"),
        (lambda e: (e / ch.DAFTAR).write_text("[]"), "daftar sidiknya kosong atau tidak sah"),
        (lambda e: (shutil.rmtree(e), e.write_text("x")), "bukan folder entri"),
        (_asing, "entri milik kunci lain"),
    ],
    ids=[
        "acak",
        "terpotong",
        "kosong",
        "hilang",
        "asing",
        "tanpa-daftar",
        "daftar-acak",
        "daftar-kosong",
        "daftar-salah",
        "bukan-folder",
        "milik-kunci-lain",
    ],
)
def test_a_damaged_entry_is_discarded_said_and_stored_again(
    tmp_path: Path, rusakkan, alasan: str
) -> None:
    pesan: list[str] = []
    cache = ch.Cache(tmp_path / "c", pesan.append)
    isi = {"a.ipynb": b'{"cells": []}', "sub/b.json": b'{"a": 1}'}
    cache.simpan("bab", "k1", isi)
    cache.simpan("bab", "k2", {"a.ipynb": b'{"cells": [1]}', "sub/b.json": b"{}"})
    rusakkan(cache.folder / "bab" / "k1")
    tujuan = tmp_path / "ke"
    assert cache.ambil("bab", "k1", tujuan) is None
    assert not tujuan.exists()  # nothing unverified is written out
    assert pesan == [f"Cache bab k1 rusak ({alasan}): dibuang dan dibuat ulang"]
    assert not (cache.folder / "bab" / "k1").exists()
    assert [p.name for p in (cache.folder / "bab").iterdir()] == ["k2"]  # nothing else left
    cache.simpan("bab", "k1", isi)  # the rebuilt entry is stored and then served
    assert cache.baca("bab", "k1") == isi
    assert len(pesan) == 1


def test_an_entry_whose_content_the_reader_cannot_use_is_discarded(tmp_path: Path) -> None:
    pesan: list[str] = []
    cache = ch.Cache(tmp_path / "c", pesan.append)
    cache.simpan("penunjuk", "k1", {"penunjuk.json": b"bukan json"})  # hashes match
    assert cache.baca("penunjuk", "k1", lambda isi: json.loads(isi["penunjuk.json"])) is None
    assert pesan == [
        "Cache penunjuk k1 rusak (isinya tidak dapat dipakai (JSONDecodeError)): "
        "dibuang dan dibuat ulang"
    ]
    assert cache.baca("penunjuk", "k1") is None  # gone: a miss, said no more
    assert len(pesan) == 1


def test_an_entry_lists_each_file_with_its_hash_and_its_own_key(tmp_path: Path) -> None:
    cache = ch.Cache(tmp_path / "c")
    cache.simpan("pdf", "k1", {"bagian.pdf": b"%PDF-1.7", "tata.json": b"{}"})
    daftar = json.loads((cache.folder / "pdf" / "k1" / ch.DAFTAR).read_text())
    assert daftar == {
        "jenis": "pdf",
        "kunci": "k1",
        "berkas": {"bagian.pdf": sidik(b"%PDF-1.7"), "tata.json": sidik(b"{}")},
    }


def _entri_dengan(root: Path, jenis: str, nama: str) -> list[Path]:
    """The files named ``nama`` in the cache entries of ``jenis``."""
    return sorted((ch.cache_dir(root) / jenis).glob(f"*/{nama}"))


def test_a_corrupt_cached_report_is_rebuilt_and_never_published(root: Path, palsu: Rekaman) -> None:
    _render(root, palsu)
    out = root / "outputs" / "panarukan" / "2023"
    benar = (out / "lkip-2023.pdf").read_bytes()
    [pdf] = _entri_dengan(root, "laporan", "lkip-2023.pdf")
    _acak(pdf)
    pesan: list[str] = []
    pipeline.render(2023, root=root, lapor=pesan.append)
    assert "Tidak ada yang berubah: laporan diambil dari cache" not in pesan
    assert any(
        p.startswith("Cache laporan ") and "rusak (sidik lkip-2023.pdf tidak cocok)" in p
        for p in pesan
    )
    assert palsu.dirakit == 2  # assembled again, from the chapters kept in the cache
    assert (out / "lkip-2023.pdf").read_bytes() == benar
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["keluaran"]["lkip-2023.pdf"] == sidik(benar)
    pesan.clear()
    pipeline.render(2023, root=root, lapor=pesan.append)  # the rebuilt entry is served
    assert pesan == ["Tidak ada yang berubah: laporan diambil dari cache"]


def test_a_garbage_cached_notebook_is_executed_again(root: Path, palsu: Rekaman) -> None:
    _render(root, palsu)
    [nb] = _entri_dengan(root, "bab", f"{BAB_KINERJA}.ipynb")
    nb.write_text('{"cells": "sampah"}')
    assert _render(root, palsu) == [BAB_KINERJA]
    terbit = root / "outputs" / "panarukan" / "2023" / "notebooks" / f"{BAB_KINERJA}.ipynb"
    assert nbformat.read(terbit, as_version=4).metadata["dijalankan_untuk"] == 2023


@pytest.mark.parametrize("isi", [b"", b"{", b'{"bab": {}}', b"[]"])
def test_garbage_or_empty_cached_json_is_a_miss_not_a_traceback(
    root: Path, palsu: Rekaman, isi: bytes
) -> None:
    _render(root, palsu)
    [penunjuk] = _entri_dengan(root, "penunjuk", "penunjuk.json")
    entri = penunjuk.parent
    penunjuk.write_bytes(isi)
    # even with a list that matches, content a reader cannot use is not used
    daftar = json.loads((entri / ch.DAFTAR).read_text())
    daftar["berkas"]["penunjuk.json"] = sidik(isi)
    (entri / ch.DAFTAR).write_text(json.dumps(daftar))
    pesan: list[str] = []
    pipeline.render(2023, root=root, lapor=pesan.append)
    assert any(p.startswith("Cache penunjuk ") and "isinya tidak dapat dipakai" in p for p in pesan)
    assert "HTML dan PDF dari cache" in pesan  # every other entry was sound and is used
    assert sorted(palsu.dijalankan) == [BAB_PEGAWAI, BAB_KINERJA]  # from the first run only
    pesan.clear()
    pipeline.render(2023, root=root, lapor=pesan.append)
    assert pesan == ["Tidak ada yang berubah: laporan diambil dari cache"]


def test_garbage_cached_html_fragments_are_converted_again(
    root: Path, palsu: Rekaman, dikonversi: list[str]
) -> None:
    _render(root, palsu)
    fragmen = {p: p.read_bytes() for p in _entri_dengan(root, "html", "bab.html")}
    for p in fragmen:
        p.write_bytes(b"\xff\xfe<p>sampah</p>")
    shutil.rmtree(ch.cache_dir(root) / "laporan")  # so that the report is assembled again
    dikonversi.clear()
    pesan: list[str] = []
    pipeline.render(2023, root=root, lapor=pesan.append)
    assert sorted(dikonversi) == [BAB_PEGAWAI, BAB_KINERJA]
    assert sum(p.startswith("Cache html ") and "rusak" in p for p in pesan) == 2
    assert {p: p.read_bytes() for p in _entri_dengan(root, "html", "bab.html")} == fragmen
