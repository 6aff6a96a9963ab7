"""IKM and respondent profile from a table of Survei Kepuasan Masyarakat respondents.

One row per respondent, columns ``u1``..``u9`` holding 1-4 (blank: not answered) plus profile
columns, as :func:`lkip.inputs.responden.baca_responden` returns it. Pure functions: the NRR
per unsur and the IKM (PermenPANRB 14/2017), age bands, the profile counts and the
Krejcie–Morgan sample adequacy; the sentences about them are built in
:mod:`lkip.presentation.kalimat_ikm`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lkip.formulas.ikm import UNSUR, BobotIKM, ikm, nrr, ukuran_sampel

KOLOM_UNSUR = tuple(kode.lower() for kode, _ in UNSUR)
"""The respondent table's answer columns, ``u1``..``u9`` (1-4, NA = not answered)."""


def matriks_jawaban(responden: pd.DataFrame) -> np.ndarray:
    """Answers as respondents × unsur floats, NaN = not answered."""
    kolom = list(KOLOM_UNSUR)
    return responden[kolom].astype("Float64").to_numpy(dtype=float, na_value=np.nan)


__all__ = [
    "KELOMPOK_UMUR",
    "TIDAK_DIISI",
    "dengan_kelompok_umur",
    "ikm_responden",
    "kecukupan_sampel",
    "kelompok_umur",
    "nrr_unsur",
    "profil_responden",
]

BATAS_UMUR = (20, 30, 40, 50, 60)
KELOMPOK_UMUR = ("< 20", "20–29", "30–39", "40–49", "50–59", "≥ 60")
"""Age bands as SKM reports print them; ``BATAS_UMUR`` are their lower bounds."""
TIDAK_DIISI = "(tidak diisi)"
"""The category of a blank profile or segment value, so shares add up to 100 %."""


def nrr_unsur(responden: pd.DataFrame) -> pd.DataFrame:
    """NRR per unsur with its denominator: those who answered it (PermenPANRB 14/2017)."""
    baris = []
    for kolom, (kode, nama) in zip(KOLOM_UNSUR, UNSUR, strict=True):
        jawaban = responden[kolom].dropna().astype(float).tolist()
        baris.append({"unsur": kode, "nama": nama, "nrr": nrr(jawaban), "n_jawab": len(jawaban)})
    tabel = pd.DataFrame(baris)
    tabel["nrr"] = tabel["nrr"].astype(float)
    return tabel


def ikm_responden(responden: pd.DataFrame, bobot: BobotIKM = "eksak") -> float:
    """IKM of a set of respondents: NRR per unsur, then 25 × weighted mean (PermenPANRB 14/2017)."""
    tabel = nrr_unsur(responden)
    kosong = tabel.loc[tabel["n_jawab"] == 0, "unsur"].tolist()
    if kosong:
        raise ValueError(f"IKM tidak dapat dihitung: tidak ada jawaban untuk {', '.join(kosong)}")
    return ikm(tabel["nrr"].tolist(), bobot)


def kelompok_umur(umur: pd.Series) -> pd.Series:
    """Each age's band (< 20, 20–29, ..., ≥ 60); a lower bound belongs to its band."""
    kelompok = pd.cut(
        pd.to_numeric(umur, errors="coerce"),
        bins=[-float("inf"), *BATAS_UMUR, float("inf")],
        right=False,
        labels=KELOMPOK_UMUR,
    )
    return kelompok.astype("string")


def dengan_kelompok_umur(responden: pd.DataFrame) -> pd.DataFrame:
    """A copy with ``kelompok_umur`` (< 20, 20–29, ..., ≥ 60) when ``umur`` holds numbers only,
    so age can serve as a segment like the other profile columns (one group per band, not per
    year of age)."""
    hasil = responden.copy()
    if "umur" in hasil.columns:
        umur = hasil["umur"].astype("string")
        if pd.to_numeric(umur, errors="coerce").notna().sum() == umur.notna().sum():
            hasil["kelompok_umur"] = kelompok_umur(umur)
    return hasil


def profil_responden(responden: pd.DataFrame, kolom: str) -> pd.DataFrame:
    """Count and share (%) of respondents per category of one profile column.

    Numeric ages are grouped into bands (< 20, 20–29, ..., ≥ 60) as SKM reports show them;
    blanks are counted as "(tidak diisi)" so the shares add up to 100 %.
    """
    if kolom not in responden.columns:
        raise KeyError(f"kolom profil {kolom!r} tidak ada pada data responden")
    nilai = responden[kolom].astype("string")
    urutan: list[str] | None = None
    bilangan = pd.to_numeric(nilai, errors="coerce")
    if kolom == "umur" and bilangan.notna().sum() == nilai.notna().sum() and nilai.notna().any():
        nilai, urutan = kelompok_umur(nilai), list(KELOMPOK_UMUR)
    jumlah = nilai.fillna(TIDAK_DIISI).value_counts(sort=False)
    if urutan is not None:
        jumlah = jumlah.reindex([*urutan, TIDAK_DIISI]).dropna()
        jumlah = jumlah[jumlah > 0]
    else:
        jumlah = jumlah.sort_values(ascending=False, kind="stable")
    tabel = pd.DataFrame({"kategori": jumlah.index.astype(str), "jumlah": jumlah.to_numpy()})
    tabel["jumlah"] = tabel["jumlah"].astype("int64")
    tabel["persen"] = 100 * tabel["jumlah"] / len(responden) if len(responden) else float("nan")
    return tabel.reset_index(drop=True)


def kecukupan_sampel(n_responden: int, populasi: int | None) -> dict:
    """Whether the respondents reach the Krejcie–Morgan minimum for the population of service
    users (PermenPANRB 14/2017). Without a population the question cannot be answered: ``minimal``
    and ``cukup`` are None."""
    minimal = None if populasi is None else ukuran_sampel(populasi)
    return {
        "n_responden": n_responden,
        "populasi": populasi,
        "minimal": minimal,
        "cukup": None if minimal is None else n_responden >= minimal,
    }
