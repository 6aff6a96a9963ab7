"""Staff counts for Bab I "Kondisi Pegawai" (PermenPANRB 53/2014, Pendahuluan).

Golongan and pendidikan each classify every staff member once, so their totals must be the
same headcount; jabatan counts only structural posts and is smaller.
"""

from __future__ import annotations

import pandas as pd

KELOMPOK = ("golongan", "jabatan", "pendidikan")


def _cek(pegawai: pd.DataFrame) -> None:
    hilang = {"kelompok", "kategori", "jumlah"} - set(pegawai.columns)
    if hilang:
        raise ValueError(f"data pegawai tidak memiliki kolom {sorted(hilang)}")
    asing = sorted(set(pegawai["kelompok"]) - set(KELOMPOK))
    if asing:
        raise ValueError(f"kelompok pegawai tidak dikenal: {asing} ({' | '.join(KELOMPOK)})")
    for nilai in pegawai["jumlah"]:
        if pd.isna(nilai) or float(nilai) != int(nilai) or nilai < 0:
            raise ValueError(f"jumlah pegawai harus bilangan bulat ≥ 0, bukan {nilai!r}")


def rekap_pegawai(pegawai: pd.DataFrame) -> pd.DataFrame:
    """Headcount per kelompok (golongan, jabatan, pendidikan), in that order.

    Only kelompok present in the data appear: a missing kelompok is unknown, not zero.
    """
    _cek(pegawai)
    jumlah = pegawai["jumlah"].astype("int64").groupby(pegawai["kelompok"]).sum()
    urut = [k for k in KELOMPOK if k in jumlah.index]
    return pd.DataFrame({"kelompok": urut, "jumlah": jumlah.reindex(urut).to_numpy()})


def total_konsisten(pegawai: pd.DataFrame) -> bool:
    """Whether golongan and pendidikan add up to the same headcount (seed 2023: 24 and 24).

    A kelompok absent from the data counts as 0, so a file listing only one of them fails.
    """
    _cek(pegawai)
    jumlah = pegawai["jumlah"].astype("int64").groupby(pegawai["kelompok"]).sum()
    return int(jumlah.get("golongan", 0)) == int(jumlah.get("pendidikan", 0))
