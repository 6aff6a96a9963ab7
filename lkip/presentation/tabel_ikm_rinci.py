"""Display tables (strings) of the detailed IKM-change analysis (:mod:`lkip.model.ikm_rinci`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from lkip.core import fmt
from lkip.formulas.ikm import UNSUR
from lkip.formulas.ikm_bootstrap import TINGKAT_SELANG
from lkip.formulas.komentar import LAINNYA
from lkip.presentation.kalimat_ikm import unsur as nama_unsur

SELANG = f"Selang {TINGKAT_SELANG} % (bootstrap)"


def _a(x: Any) -> str:
    return fmt.KOSONG if fmt.kosong(x) else fmt.angka(x, 2, tetap=True)


def _b(x: Any) -> str:
    return fmt.KOSONG if fmt.kosong(x) else fmt.bertanda(x)


def periode(df: pd.DataFrame) -> pd.DataFrame:
    """IKM of each period with its respondents and bootstrap interval."""
    return pd.DataFrame(
        {
            "Periode": df["label"],
            "Responden": [fmt.angka(v, 0) for v in df["n"]],
            "IKM": [_a(v) for v in df["ikm"]],
            SELANG: [
                fmt.KOSONG if fmt.kosong(a) else f"{_a(a)} s.d. {_a(b)}"
                for a, b in zip(df["bawah"], df["atas"], strict=True)
            ],
        }
    )


def sel_segmen(df: pd.DataFrame, tahun_lalu: int, tahun_kini: int) -> pd.DataFrame:
    """Per segment: respondents, IKM in both years, its within and composition terms summed
    over the unsur; the last row adds up to ΔIKM."""
    hasil = pd.DataFrame(
        {
            "Kelompok": df["segmen"],
            f"Responden {tahun_lalu}": [fmt.angka(v, 0) for v in df["n_lalu"]],
            f"Responden {tahun_kini}": [fmt.angka(v, 0) for v in df["n_kini"]],
            f"IKM {tahun_lalu}": [_a(v) for v in df["ikm_lalu"]],
            f"IKM {tahun_kini}": [_a(v) for v in df["ikm_kini"]],
            "Perubahan di dalam kelompok": [_b(v) for v in df["dalam"]],
            "Pergeseran komposisi": [_b(v) for v in df["komposisi"]],
        }
    )
    total = {c: "" for c in hasil.columns} | {
        "Kelompok": "Jumlah (= perubahan IKM)",
        "Perubahan di dalam kelompok": _b(df["dalam"].sum()),
        "Pergeseran komposisi": _b(df["komposisi"].sum()),
    }
    return pd.concat([hasil, pd.DataFrame([total])], ignore_index=True)


def sel_turun(df: pd.DataFrame, tahun_lalu: int, tahun_kini: int) -> pd.DataFrame:
    """The cells that pulled the IKM down most: NRR in both years and their points."""
    return pd.DataFrame(
        {
            "Kelompok": df["segmen"],
            "Unsur": [nama_unsur(u) for u in df["unsur"]],
            f"NRR {tahun_lalu}": [_a(v) for v in df["nrr_lalu"]],
            f"NRR {tahun_kini}": [_a(v) for v in df["nrr_kini"]],
            "Perubahan NRR": [_b(v) for v in df["delta_nrr"]],
            "Sumbangan ke perubahan IKM": [_b(v) for v in df["dalam"]],
        }
    )


def komentar(df: pd.DataFrame, kolom: str) -> pd.DataFrame:
    """Comment counts per unsur (rows) and per category of ``kolom`` (columns), with totals.
    ``df`` is the long table ``ikm_komentar`` (kolom, kategori, unsur, jumlah)."""
    bagian = df[df["kolom"] == kolom]
    lebar = bagian.pivot_table(
        index="unsur", columns="kategori", values="jumlah", aggfunc="sum", sort=False
    )
    urutan = [k for k, _ in UNSUR] + [LAINNYA]
    lebar = lebar.reindex(
        index=[u for u in urutan if u in lebar.index], columns=pd.unique(bagian["kategori"])
    )  # periods in calendar order, as stored
    hasil = pd.DataFrame({"Unsur": [nama_unsur(u) for u in lebar.index]})
    for k in lebar.columns:
        hasil[str(k)] = [fmt.angka(v, 0) for v in lebar[k]]
    hasil["Jumlah"] = [fmt.angka(v, 0) for v in lebar.sum(axis=1)]
    return hasil


def uji(u: Mapping[str, Any]) -> pd.DataFrame:
    """The three checks of "is the change real", each with whether it says so."""
    a, b = u["selang_delta"]
    alfa = fmt.angka(u["alfa"], 2)
    p = "< 0,001" if u["p"] < 0.001 else fmt.angka(u["p"], 3, tetap=True)
    return pd.DataFrame(
        {
            "Ukuran": [
                f"{SELANG} perubahan IKM",
                'Uji permutasi "tidak ada perubahan" (p)',
                f"Perubahan terkecil yang dapat dideteksi (α = {alfa}, daya "
                f"{fmt.persen(100 * u['daya'], 0)})",
            ],
            "Nilai": [f"{_a(a)} s.d. {_a(b)}", p, _a(u["mdc"])],
            "Perubahan nyata?": [
                "ya" if not a <= 0 <= b else "tidak",
                "ya" if u["signifikan"] else "tidak",
                "ya" if abs(u["delta"]) >= u["mdc"] else "tidak",
            ],
        }
    )
