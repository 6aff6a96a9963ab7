"""The recipe for a new input file: one entry in ``schemas.TABEL`` makes the table read,
validated, scaffolded by ``new-year`` and ``new-instansi``, and handed to the model."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pandera.pandas as pa
import pytest

from lkip.core.errors import DataTidakValid
from lkip.inputs import schemas
from lkip.inputs.instansi_baru import buat_instansi_baru
from lkip.inputs.tahun import muat_tahun
from lkip.inputs.tahun_baru import buat_tahun_baru
from lkip.model import hitung as lap

BUMDES = "desa,unit_usaha,omzet\nPeleyan,Air bersih,12.500.000\nKilensari,Simpan pinjam,8000000\n"


def _bumdes(_lengkap: bool) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "desa": pa.Column(str, unique=True, report_duplicates="exclude_first"),
            "unit_usaha": pa.Column(str),
            "omzet": pa.Column("Int64", pa.Check.ge(0, error="tidak boleh negatif")),
        },
        name="bumdes",
    )


@pytest.fixture
def bumdes(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The registry with a ``bumdes`` table, and its file in the shipped 2023 folder."""
    monkeypatch.setitem(
        schemas.TABEL,
        "bumdes",
        schemas.Tabel(
            _bumdes,
            {"omzet": True},
            tahunan=("omzet",),
            petunjuk="`omzet` tiap BUMDes (rupiah)",
        ),
    )
    path = root / "data" / "raw" / "panarukan" / "2023" / "bumdes.csv"
    path.write_text(BUMDES, encoding="utf-8")
    return path


def test_a_registered_table_is_read_with_its_numbers(root: Path, bumdes: Path) -> None:
    mentah = muat_tahun(2023, root)
    tabel = mentah.tabel["bumdes"]
    assert tabel["omzet"].tolist() == [12_500_000, 8_000_000]  # Indonesian thousands parsed
    assert str(tabel["omzet"].dtype) == "Int64"
    assert mentah.bumdes is tabel
    assert mentah.files["bumdes.csv"] == bumdes
    assert mentah.label["bumdes"] == "2023/bumdes.csv"


def test_an_invalid_cell_of_a_registered_table_is_named(root: Path, bumdes: Path) -> None:
    bumdes.write_text(BUMDES.replace("8000000", "-5") + "Peleyan,Wisata,1\n", encoding="utf-8")
    with pytest.raises(DataTidakValid) as info:
        muat_tahun(2023, root)
    tempat = {(m.berkas, m.baris, m.kolom, m.nilai): m.pesan for m in info.value.masalah}
    assert tempat == {
        ("2023/bumdes.csv", 4, "desa", "Peleyan"): schemas.UNIK,
        ("2023/bumdes.csv", 3, "omzet", "-5"): "tidak boleh negatif",
    }


def test_a_required_registered_table_that_is_missing_is_named(
    root: Path, bumdes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(
        schemas.TABEL, "bumdes", schemas.Tabel(_bumdes, {"omzet": True}, wajib=True)
    )
    bumdes.unlink()
    with pytest.raises(DataTidakValid) as info:
        muat_tahun(2023, root)
    [m] = info.value.masalah
    assert (m.berkas, m.baris, m.kolom) == ("2023/bumdes.csv", None, None)
    assert m.pesan.startswith("berkas wajib tidak ditemukan")
    assert "desa, unit_usaha, omzet" in m.pesan
    assert muat_tahun(2023, root, wajib_lengkap=False).tabel.get("bumdes") is None


def test_new_year_scaffolds_a_registered_table(root: Path, bumdes: Path) -> None:
    baru = buat_tahun_baru(2024, root)
    csv = pd.read_csv(baru.folder / "bumdes.csv", dtype=str, keep_default_na=False)
    assert csv.to_dict("list") == {
        "desa": ["Peleyan", "Kilensari"],
        "unit_usaha": ["Air bersih", "Simpan pinjam"],
        "omzet": ["", ""],  # the year's figures emptied
    }
    lembar = openpyxl.load_workbook(baru.buku)["bumdes"]
    assert [[c.value for c in baris] for baris in lembar.iter_rows()] == [
        ["desa", "unit_usaha", "omzet"],
        ["Peleyan", "Air bersih", None],
        ["Kilensari", "Simpan pinjam", None],
    ]
    petunjuk = (baru.folder / "README-TAHUN-BARU.md").read_text(encoding="utf-8")
    assert "- `bumdes.csv`: `omzet` tiap BUMDes (rupiah) (2 baris)." in petunjuk
    with pytest.raises(DataTidakValid) as info:
        muat_tahun(2024, root)
    kosong = {(m.berkas, m.baris, m.kolom) for m in info.value.masalah if "bumdes" in m.berkas}
    assert kosong == {("2024/bumdes.csv", 2, "omzet"), ("2024/bumdes.csv", 3, "omzet")}


def test_new_instansi_keeps_only_the_columns_of_a_registered_table(
    root: Path, bumdes: Path
) -> None:
    baru = buat_instansi_baru("kendit", "panarukan", root)
    assert (baru.folder / "bumdes.csv").read_text(encoding="utf-8") == "desa,unit_usaha,omzet\n"


def test_the_model_receives_a_registered_table(
    root: Path, bumdes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dilihat: dict[int, pd.DataFrame | None] = {}
    asli = lap.hitung_kinerja

    def hitung_kinerja(mentah, *args, **kwargs):
        dilihat[mentah.tahun] = mentah.tabel.get("bumdes")
        return asli(mentah, *args, **kwargs)

    monkeypatch.setattr(lap, "hitung_kinerja", hitung_kinerja)
    lap.hitung_laporan(2023, root, {})
    assert dilihat[2023]["desa"].tolist() == ["Peleyan", "Kilensari"]
    assert all(t == 2023 or v is None for t, v in dilihat.items())  # no file in history years
