"""Display tables (strings) of the IKM analysis: respondent profile and the change since last
year, for the report's IKM section and the exploration notebook.

They take the computed tables (``lkip.model.skm_tahun``, ``lkip.model.ikm_perubahan``) or their
stored copies in ``Laporan.tabel``/``Laporan.nilai``, so both places print the same figures the
same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from lkip.core import fmt
from lkip.formulas.ikm_bootstrap import TINGKAT_SELANG
from lkip.inputs.kolom_skm import KOLOM_PROFIL

JUMLAH = "Jumlah"


def _a(x: Any) -> str:
    return fmt.angka(x, 2, tetap=True)


def nama_kolom(kolom: str) -> str:
    """How the report names a profile or segment column (``kelompok_umur``: age's bands)."""
    kolom = "umur" if kolom == "kelompok_umur" else kolom
    return KOLOM_PROFIL.get(kolom, kolom.replace("_", " ").capitalize())


def profil(df: pd.DataFrame) -> pd.DataFrame:
    """Respondent profile: characteristic, category, count, share."""
    kolom = [str(k) for k in df["kolom"]]
    awal = [i == 0 or k != kolom[i - 1] for i, k in enumerate(kolom)]
    return pd.DataFrame(
        {
            "Karakteristik": [
                nama_kolom(k) if a else "" for k, a in zip(df["kolom"], awal, strict=True)
            ],
            "Kategori": df["kategori"],
            "Jumlah": [fmt.angka(v, 0) for v in df["jumlah"]],
            "Persentase": [fmt.persen(v, 2) for v in df["persen"]],
        }
    )


def perubahan_unsur(df: pd.DataFrame, tahun_lalu: int, tahun_kini: int) -> pd.DataFrame:
    """NRR per unsur in both years and each unsur's share of ΔIKM; the last row is their sum,
    which equals ΔIKM exactly (IKM is linear in the NRR, PermenPANRB 14/2017)."""
    baris = pd.DataFrame(
        {
            "No.": df["unsur"],
            "Unsur Pelayanan": df["nama"],
            f"NRR {tahun_lalu}": [_a(v) for v in df["nrr_lalu"]],
            f"NRR {tahun_kini}": [_a(v) for v in df["nrr_kini"]],
            "Perubahan NRR": [fmt.bertanda(v) for v in df["delta_nrr"]],
            "Sumbangan ke perubahan IKM": [fmt.bertanda(v) for v in df["kontribusi"]],
        }
    )
    total = {c: "" for c in baris.columns} | {
        "Unsur Pelayanan": f"{JUMLAH} (= perubahan IKM)",
        "Sumbangan ke perubahan IKM": fmt.bertanda(df["kontribusi"].sum()),
    }
    return pd.concat([baris, pd.DataFrame([total])], ignore_index=True)


CATATAN_SEGMEN = (
    "Efek komposisi: perubahan porsi responden kelompok dikali selisih IKM kelompok dari IKM "
    "keseluruhan (keduanya rata-rata dua tahun); kelompok dengan IKM di bawah rata-rata yang "
    "porsinya naik menurunkan IKM. Efek di dalam kelompok: perubahan IKM kelompok dikali "
    "rata-rata porsinya."
)
"""What the segment table's two effect columns mean (:func:`segmen`), printed under it."""


def segmen(df: pd.DataFrame, tahun_lalu: int, tahun_kini: int) -> pd.DataFrame:
    """One segment column's groups: respondents, share and IKM per year, and each group's
    composition and within-group parts of ΔIKM (Kitagawa). A group absent in a year shows "–"
    for that year's IKM: it was not observed."""

    def ikm_teks(v: Any, n: Any) -> str:
        return _a(v) if int(n) > 0 else fmt.KOSONG

    return pd.DataFrame(
        {
            "Kelompok": df["segmen"],
            f"Responden {tahun_lalu}": [
                f"{fmt.angka(n, 0)} ({fmt.persen(100 * s, 1)})"
                for n, s in zip(df["n_lalu"], df["s_lalu"], strict=True)
            ],
            f"Responden {tahun_kini}": [
                f"{fmt.angka(n, 0)} ({fmt.persen(100 * s, 1)})"
                for n, s in zip(df["n_kini"], df["s_kini"], strict=True)
            ],
            f"IKM {tahun_lalu}": [
                ikm_teks(v, n) for v, n in zip(df["ikm_lalu"], df["n_lalu"], strict=True)
            ],
            f"IKM {tahun_kini}": [
                ikm_teks(v, n) for v, n in zip(df["ikm_kini"], df["n_kini"], strict=True)
            ],
            "Efek komposisi": [fmt.bertanda(v) for v in df["komposisi"]],
            "Efek di dalam kelompok": [fmt.bertanda(v) for v in df["dalam"]],
        }
    )


def kitagawa(ringkas: Mapping[str, Any]) -> pd.DataFrame:
    """ΔIKM split into composition, within-group and residual (unanswered items); they add up
    to ΔIKM (Kitagawa 1955). ``ringkas`` has komposisi, dalam, residu, delta."""
    baris = [
        ("Pergeseran komposisi responden", ringkas["komposisi"]),
        ("Perubahan di dalam tiap kelompok", ringkas["dalam"]),
        ("Sisa karena jawaban kosong (jumlah penjawab tiap unsur berbeda)", ringkas["residu"]),
        ("Perubahan IKM", ringkas["delta"]),
    ]
    return pd.DataFrame(
        {"Komponen": [b[0] for b in baris], "Poin": [fmt.bertanda(b[1]) for b in baris]}
    )


def selang(ringkas: Mapping[str, Any]) -> pd.DataFrame:
    """Each year's IKM and ΔIKM with their 95 % bootstrap intervals."""
    lalu, kini = ringkas["tahun_lalu"], ringkas["tahun_kini"]
    baris = [
        (f"IKM {lalu}", _a(ringkas["ikm_lalu"]), ringkas.get("selang_lalu")),
        (f"IKM {kini}", _a(ringkas["ikm_kini"]), ringkas.get("selang_kini")),
        ("Perubahan IKM", fmt.bertanda(ringkas["delta"]), ringkas.get("selang_delta")),
    ]
    return pd.DataFrame(
        {
            "Besaran": [b[0] for b in baris],
            "Nilai": [b[1] for b in baris],
            f"Selang {TINGKAT_SELANG} % (bootstrap)": [
                f"{_a(s[0])} s.d. {_a(s[1])}" if s else fmt.KOSONG for _, _, s in baris
            ],
        }
    )


def nrr_segmen(df: pd.DataFrame) -> pd.DataFrame:
    """NRR per unsur (rows) within each group (columns), as
    :func:`lkip.model.skm_tahun.nrr_per_segmen`."""
    hasil = pd.DataFrame({"No.": df["unsur"], "Unsur Pelayanan": df["nama"]})
    for kolom in df.columns[2:]:
        hasil[str(kolom)] = [_a(v) if not fmt.kosong(v) else fmt.KOSONG for v in df[kolom]]
    return hasil


def unsur(df: pd.DataFrame) -> pd.DataFrame:
    """The unsur table of one year, with how many answered each unsur when known (the NRR
    denominator, PermenPANRB 14/2017)."""
    hasil = pd.DataFrame(
        {
            "No.": df["unsur"],
            "Unsur Pelayanan": df["nama"],
            "Nilai Rata-rata (NRR)": [_a(v) for v in df["nrr"]],
            "Mutu": df["mutu"],
            "Kinerja": df["kinerja"],
            "Peringkat": [str(int(v)) for v in df["peringkat"]],
        }
    )
    if "n_jawab" in df.columns:
        hasil.insert(3, "Jumlah penjawab", [fmt.angka(v, 0) for v in df["n_jawab"]])
    return hasil
