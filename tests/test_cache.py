"""The chapter cache: each part of the key invalidates, nothing else does, nothing half-written.

Rendering uses a fake two-chapter report whose execution and assembly are recorded instead of
run, so every key is exercised in seconds; the processed data is computed from the real raw
files, as in a real run.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from lkip import assemble, pipeline
from lkip import cache as ch
from lkip.pdf import Ringkasan

BAB_PEGAWAI, BAB_KINERJA = "a_pegawai", "b_kinerja"


def _notebook(path: Path, sumber: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("year = None"), nbformat.v4.new_code_cell(sumber)]
    nb.cells[0].metadata["tags"] = ["parameters"]
    nbformat.write(nb, path)


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

    def eksekusi(bab: str, tahun: int, keluaran: Path, km: object = None) -> None:
        assert km is None  # the fake run starts no kernel
        rekaman.dijalankan.append(bab)
        nb = nbformat.read(nb_dir / f"{bab}.ipynb", as_version=4)
        nb.metadata["dijalankan_untuk"] = tahun
        nbformat.write(nb, keluaran)

    def rakit(chapters, meta, html: Path, pdf: Path, *_: object, **__: object) -> Ringkasan:
        rekaman.dirakit += 1
        html.write_text(" ".join(c.nama for c in chapters), encoding="utf-8")
        pdf.write_bytes(b"%PDF-palsu")
        return Ringkasan(ditata=1, bagian=1)

    monkeypatch.setattr(pipeline, "_eksekusi", eksekusi)
    monkeypatch.setattr(pipeline, "_kernel_hangat", lambda jumlah, root: None)
    monkeypatch.setattr(assemble, "write_report", rakit)
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


def test_only_the_changed_chapter_is_converted_to_html_again(
    root: Path, palsu: Rekaman, monkeypatch: pytest.MonkeyPatch
) -> None:
    dikonversi: list[str] = []
    asli = assemble.chapter_html

    def hitung(nb: Path) -> str:
        dikonversi.append(Path(nb).stem)
        return asli(nb)

    monkeypatch.setattr(assemble, "chapter_html", hitung)
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
        mp.setattr(pipeline, "catatan_kaki", lambda tahun, root: kaki["x"])
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
    asli = ch.sidik_kode
    monkeypatch.setattr(ch, "sidik_kode", lambda template=False: asli(template) + "-diubah")
    assert _render(root, palsu) == [BAB_PEGAWAI, BAB_KINERJA]


def test_changing_a_dependency_version_reexecutes_everything(
    root: Path, palsu: Rekaman, monkeypatch: pytest.MonkeyPatch
) -> None:
    _render(root, palsu)
    asli = ch.versi_dependensi()
    monkeypatch.setattr(ch, "versi_dependensi", lambda: asli | {"pandas": "99.0"})
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
    assert ch.sidik_huruf() == "-"  # no fontconfig tools: nothing to list
    _fc_list(tmp_path, "/usr/share/fonts/DejaVuSans.ttf|155320\\n")
    lama = ch.sidik_huruf()
    assert lama != "-"
    _fc_list(tmp_path, "/usr/share/fonts/DejaVuSans.ttf|155321\\n")  # the font was updated
    assert ch.sidik_huruf() != lama
    assert ch.versi_dependensi()["huruf"] == ch.sidik_huruf()


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
    cache.bersihkan()
    assert not cache.folder.exists()


def test_an_interrupted_store_leaves_no_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ch.Cache(tmp_path / "c")
    src = tmp_path / "x"
    src.write_text("isi")

    def putus(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ch.shutil, "copyfile", putus)
    with pytest.raises(KeyboardInterrupt):
        cache.simpan("bab", "k1", {"a": src})
    assert list((cache.folder / "bab").iterdir()) == []


def test_processed_parts_hash_each_table_and_each_laporan_key(tmp_path: Path) -> None:
    (tmp_path / "kinerja.csv").write_text("a\n1\n")
    (tmp_path / "pegawai.csv").write_text("a\n2\n")
    meta = {"tahun": 2023, "profil": {"x": 1}, "sumber": {"2023/a.csv": "h"}}
    (tmp_path / "laporan.json").write_text(json.dumps(meta))
    bagian = ch.bagian_olahan(tmp_path)
    assert set(bagian) == {"tabel:kinerja", "tabel:pegawai", "tahun", "profil", "sumber"}
    assert bagian["tabel:kinerja"] == ch.sidik(b"a\n1\n")
    assert bagian["profil"] == ch.sidik_json({"x": 1})


def test_sidik_json_ignores_key_order() -> None:
    assert ch.sidik_json({"a": 1, "b": [1, 2]}) == ch.sidik_json({"b": [1, 2], "a": 1})
    assert ch.sidik_json({"a": 1}) != ch.sidik_json({"a": 2})


def test_raw_fingerprint_covers_earlier_years_only(root: Path) -> None:
    sidik = ch.sidik_mentah(2022, root)
    assert sidik and all(k.startswith("2022/") for k in sidik)
    assert set(sidik) < set(ch.sidik_mentah(2023, root))
