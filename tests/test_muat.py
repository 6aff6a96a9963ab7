"""``lkip.processed.muat`` reads a processed year once while its files stay the same (a chapter
kernel runs several chapters of one office in a row), gives every caller a copy of its own,
and reads the year again once it was rebuilt."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lkip import processed
from lkip.model.laporan import Laporan
from tests.conftest import SHIPPED_RAW


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SHIPPED_RAW, tmp_path / "data" / "raw" / "panarukan")
    monkeypatch.setattr(processed, "_terakhir", None)  # nothing read yet in this process
    return tmp_path


@pytest.fixture
def dibaca(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders ``Laporan.baca`` read, in order."""
    daftar: list[Path] = []
    asli = Laporan.baca.__func__  # type: ignore[attr-defined]

    def baca(cls: type[Laporan], folder: Path) -> Laporan:
        daftar.append(folder)
        return asli(cls, folder)

    monkeypatch.setattr(Laporan, "baca", classmethod(baca))
    return daftar


def _jumlah_pegawai(laporan: Laporan) -> int:
    return int(laporan.tabel["pegawai"]["jumlah"].sum())


def test_a_year_read_again_is_read_once_and_every_reader_gets_its_own_copy(
    root: Path, dibaca: list[Path]
) -> None:
    pertama = processed.muat(2023, root)  # computed, written, read
    assert len(dibaca) == 1
    kedua = processed.muat(2023, root)
    assert len(dibaca) == 1  # the same files: not read again
    assert kedua is not pertama and kedua.tabel["pegawai"] is not pertama.tabel["pegawai"]
    asli = _jumlah_pegawai(kedua)
    pertama.tabel["pegawai"].loc[0, "jumlah"] += 1000  # a chapter changing what it was given
    pertama.profil["instansi"] = "diubah"
    ketiga = processed.muat(2023, root)
    assert _jumlah_pegawai(ketiga) == asli and ketiga.profil["instansi"] != "diubah"


def test_a_year_rebuilt_from_changed_inputs_is_read_again(
    root: Path, dibaca: list[Path]
) -> None:
    sebelum = _jumlah_pegawai(processed.muat(2023, root))
    pegawai = root / "data" / "raw" / "panarukan" / "2023" / "pegawai.csv"
    baris = pegawai.read_text(encoding="utf-8").splitlines()
    kepala = baris[0].split(",")
    sel = baris[1].split(",")
    kolom = kepala.index("jumlah")
    sel[kolom] = str(int(sel[kolom]) + 7)
    baris[1] = ",".join(sel)
    pegawai.write_text("\n".join(baris) + "\n", encoding="utf-8")
    assert _jumlah_pegawai(processed.muat(2023, root)) == sebelum + 7
    assert len(dibaca) == 2  # the first year, then the one rebuilt (the stale one: kept)
