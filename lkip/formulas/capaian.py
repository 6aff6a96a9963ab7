"""Capaian kinerja: how far a realisasi reaches its target.

PermenPANRB 53/2014 asks the Laporan Kinerja to compare realisasi with the Perjanjian Kinerja
target for every indicator but leaves the formula to the agency. For lower-is-better indicators
agencies differ, so the convention is a parameter and the report states the one it used
(``KONVENSI_TEKS``).
"""

from __future__ import annotations

from typing import Literal, get_args

import pandas as pd

Polaritas = Literal["naik", "turun"]
KonvensiTurun = Literal["rasio", "selisih"]

KONVENSI_TEKS: dict[str, str] = {
    "rasio": (
        "Capaian indikator yang semakin kecil semakin baik dihitung sebagai target dibagi "
        "realisasi dikali 100%."
    ),
    "selisih": (
        "Capaian indikator yang semakin kecil semakin baik dihitung sebagai (2 × target − "
        "realisasi) dibagi target dikali 100%, dengan capaian terendah 0%."
    ),
}


def _hilang(nilai: float | None) -> bool:
    """Missing = None or NaN/NA, because values arrive both from YAML and from pandas cells."""
    return nilai is None or bool(pd.isna(nilai))


def _cek_polaritas(polaritas: str) -> None:
    if polaritas not in get_args(Polaritas):
        raise ValueError(f"polaritas tidak dikenal: {polaritas!r} (naik | turun)")


def capaian(
    target: float | None,
    realisasi: float | None,
    polaritas: Polaritas,
    konvensi_turun: KonvensiTurun = "rasio",
    batas: float | None = None,
) -> float | None:
    """Capaian in percent (PermenPANRB 53/2014, measured as in the 2023 seed).

    - naik (higher is better): realisasi / target × 100.
    - turun, ``rasio`` (the seed's convention): target / realisasi × 100; 10 → 8 gives 125.
    - turun, ``selisih`` (used by other published LKjIPs): (2 × target − realisasi) / target
      × 100, floored at 0 because a negative achievement has no meaning; 10 → 8 gives 120.

    Returns None (shown as "–") when target or realisasi is missing, or when the formula would
    divide by zero: a target of 0 (naik, selisih) gives no scale to measure against, and a
    realisasi of 0 under ``rasio`` is an unbounded ratio, not a number worth printing.
    ``batas`` caps the result for agencies that cap capaian (e.g. at 100 or 120).
    """
    _cek_polaritas(polaritas)
    if konvensi_turun not in get_args(KonvensiTurun):
        raise ValueError(f"konvensi_turun tidak dikenal: {konvensi_turun!r} (rasio | selisih)")
    if batas is not None and batas <= 0:
        raise ValueError(f"batas capaian harus positif, bukan {batas!r}")
    if _hilang(target) or _hilang(realisasi):
        return None
    target, realisasi = float(target), float(realisasi)
    if polaritas == "naik":
        if target == 0:
            return None
        hasil = realisasi / target * 100
    elif konvensi_turun == "rasio":
        if realisasi == 0:
            return None
        hasil = target / realisasi * 100
    else:
        if target == 0:
            return None
        hasil = max((2 * target - realisasi) / target * 100, 0.0)
    return hasil if batas is None else min(hasil, batas)


def tercapai(target: float | None, realisasi: float | None, polaritas: Polaritas) -> bool | None:
    """Whether the target is met: naik realisasi >= target, turun realisasi <= target.

    Judged on the raw values, not on capaian, so the answer does not depend on the convention
    or cap chosen. None when either value is missing.
    """
    _cek_polaritas(polaritas)
    if _hilang(target) or _hilang(realisasi):
        return None
    if polaritas == "naik":
        return float(realisasi) >= float(target)
    return float(realisasi) <= float(target)
