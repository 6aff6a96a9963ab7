"""Budget absorption (serapan) and its reconciliation across groupings.

Realisasi is APBD spending as recorded under PP 12/2019 (pengelolaan keuangan daerah). The
ratio realisasi / pagu × 100 is the tingkat capaian anggaran of the evaluasi Renja tables in
Permendagri 86/2017; sisa and tingkat efisiensi = sisa / pagu × 100 are not set by a regulation
but follow the seed's efficiency table (columns 9 = 7 − 8 and 10 = 9 / 7 × 100).
"""

from __future__ import annotations

import pandas as pd

KOLOM_ANGKA = ["pagu", "realisasi"]


def _rupiah(nilai: float, nama: str) -> int:
    """Rupiah amounts are whole numbers; a fraction means the input was misread."""
    if pd.isna(nilai) or float(nilai) != int(nilai) or nilai < 0:
        raise ValueError(f"{nama} harus rupiah bulat ≥ 0, bukan {nilai!r}")
    return int(nilai)


def serapan(pagu: float, realisasi: float) -> float | None:
    """Serapan anggaran in percent: realisasi / pagu × 100 (Permendagri 86/2017).

    None when pagu is 0: nothing was allocated, so there is no share to report.
    """
    pagu, realisasi = _rupiah(pagu, "pagu"), _rupiah(realisasi, "realisasi")
    return None if pagu == 0 else realisasi / pagu * 100


def sisa(pagu: float, realisasi: float) -> int:
    """Unspent budget, pagu − realisasi, in rupiah (seed efficiency table, column 9)."""
    return _rupiah(pagu, "pagu") - _rupiah(realisasi, "realisasi")


def efisiensi(pagu: float, realisasi: float) -> float | None:
    """Tingkat efisiensi as in the seed: sisa / pagu × 100; None when pagu is 0.

    The seed calls spending "efisien" by this share only when the performance target was met;
    that judgement belongs to the report, this is just the number.
    """
    s = sisa(pagu, realisasi)
    return None if pagu == 0 else s / _rupiah(pagu, "pagu") * 100


def _cek_anggaran(anggaran: pd.DataFrame, by: list[str]) -> None:
    hilang = set(KOLOM_ANGKA + by) - set(anggaran.columns)
    if hilang:
        raise ValueError(f"data anggaran tidak memiliki kolom {sorted(hilang)}")
    for kolom in KOLOM_ANGKA:
        for nilai in anggaran[kolom]:
            _rupiah(nilai, kolom)


def rekap(anggaran: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Sum pagu and realisasi per group, with sisa, serapan and efisiensi of each group.

    Groups keep their order of first appearance (the order of the DPA), not alphabetical, and
    rows with a blank key are kept as their own group so no rupiah drops out of a total.
    ``by=[]`` gives the one-row grand total. Serapan and efisiensi are NaN where pagu is 0.
    """
    _cek_anggaran(anggaran, by)
    angka = anggaran[KOLOM_ANGKA].astype("int64")
    if by:
        hasil = angka.groupby([anggaran[k] for k in by], sort=False, dropna=False).sum()
        hasil = hasil.reset_index()
    else:
        hasil = angka.sum().to_frame().T.reset_index(drop=True)
    hasil[KOLOM_ANGKA] = hasil[KOLOM_ANGKA].astype("int64")
    hasil["sisa"] = hasil["pagu"] - hasil["realisasi"]
    pagu = hasil["pagu"].where(hasil["pagu"] != 0)
    hasil["serapan"] = hasil["realisasi"] / pagu * 100
    hasil["efisiensi"] = hasil["sisa"] / pagu * 100
    return hasil[[*by, "pagu", "realisasi", "sisa", "serapan", "efisiensi"]]


def rekonsiliasi(anggaran: pd.DataFrame) -> dict:
    """Program totals, sasaran totals and the grand total of the same rows, and whether they agree.

    Both groupings come from the same rows, so they always agree here; the check exists so the
    report can state it, against LKIPs (like the 2023 seed) whose program and sasaran tables
    were typed separately and do not add up. Keys: ``per_program`` and ``per_sasaran``
    (:func:`rekap` tables), ``total`` ({"pagu", "realisasi"} in rupiah) and ``sesuai`` (bool).
    """
    per_program = rekap(anggaran, ["program"])
    per_sasaran = rekap(anggaran, ["sasaran"])
    total = rekap(anggaran, []).iloc[0]
    total = {k: int(total[k]) for k in KOLOM_ANGKA}
    sesuai = all(
        int(tabel[k].sum()) == total[k] for tabel in (per_program, per_sasaran) for k in KOLOM_ANGKA
    )
    return {
        "per_program": per_program,
        "per_sasaran": per_sasaran,
        "total": total,
        "sesuai": sesuai,
    }
