"""Letter grades and labels: SAKIP evaluation score and capaian predikat.

The SAKIP scale is national (PermenPANRB 88/2021). The capaian scale varies by pemda, so it is
data (``SkalaCapaian``) that a pemda can load from its own configuration.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from lkip.core.numbers import bulatkan

# Decimals a capaian is printed with (fmt.persen's default): the precision it is banded at.
DESIMAL_CAPAIAN = 2


class Predikat(NamedTuple):
    huruf: str
    interpretasi: str


# (exclusive lower bound, predikat), highest first; the last band also includes its bound (0).
SKALA_SAKIP: tuple[tuple[float, Predikat], ...] = (
    (90.0, Predikat("AA", "Sangat Memuaskan")),
    (80.0, Predikat("A", "Memuaskan")),
    (70.0, Predikat("BB", "Sangat Baik")),
    (60.0, Predikat("B", "Baik")),
    (50.0, Predikat("CC", "Cukup (Memadai)")),
    (30.0, Predikat("C", "Kurang")),
    (0.0, Predikat("D", "Sangat Kurang")),
)


def predikat_sakip(nilai: float) -> Predikat:
    """Predikat of a SAKIP evaluation score 0-100 (PermenPANRB 88/2021).

    Bands are open below: AA > 90-100, A > 80-90, ..., D 0-30, so exactly 80 is BB and 90 is A.
    """
    nilai = float(nilai)
    if math.isnan(nilai) or not 0 <= nilai <= 100:
        raise ValueError(f"nilai SAKIP {nilai} di luar rentang 0–100")
    return next((p for batas, p in SKALA_SAKIP if nilai > batas), SKALA_SAKIP[-1][1])


@dataclass(frozen=True)
class SkalaCapaian:
    """A capaian scale: (inclusive lower bound, label), highest bound first.

    Use ``-inf`` as the lowest bound for a catch-all label; without one, a capaian below the
    lowest bound is an error, because the scale does not say what to call it.
    """

    tingkat: tuple[tuple[float, str], ...]
    nama: str = ""

    def __post_init__(self) -> None:
        batas = [b for b, _ in self.tingkat]
        if not batas:
            raise ValueError("skala capaian kosong")
        if batas != sorted(set(batas), reverse=True):
            raise ValueError(f"batas skala capaian harus menurun tanpa duplikat: {batas}")


SKALA_CAPAIAN_PERMENDAGRI_86 = SkalaCapaian(
    tingkat=(
        (91.0, "Sangat Tinggi"),
        (76.0, "Tinggi"),
        (66.0, "Sedang"),
        (51.0, "Rendah"),
        (-math.inf, "Sangat Rendah"),
    ),
    nama="Permendagri 86/2017",
)


def skala_capaian_dari(data: list[Mapping], nama: str = "") -> SkalaCapaian:
    """Build a scale from configuration rows ``{"batas_bawah": 91, "label": "Sangat Tinggi"}``.

    A row without ``batas_bawah`` (or with null) is the catch-all for everything below the other
    bounds. Rows may come in any order.
    """
    tingkat = []
    for baris in data:
        label = baris.get("label")
        if not isinstance(label, str) or not label.strip():
            raise ValueError(f"baris skala capaian tanpa label: {baris!r}")
        batas = baris.get("batas_bawah")
        tingkat.append((-math.inf if batas is None else float(batas), label.strip()))
    return SkalaCapaian(tuple(sorted(tingkat, key=lambda t: t[0], reverse=True)), nama=nama)


def predikat_capaian(
    capaian: float | None, skala: SkalaCapaian = SKALA_CAPAIAN_PERMENDAGRI_86
) -> str | None:
    """Label of a capaian (percent) on a pemda's scale; the default is Permendagri 86/2017 style.

    Bounds are inclusive from below (>= 91 Sangat Tinggi, >= 76 Tinggi, ...) and apply to the
    capaian as printed, rounded half-up to :data:`DESIMAL_CAPAIAN` decimals, as IKM mutu is
    banded on the printed IKM: a reader who sees "91 %" beside "Tinggi" would rightly object.
    This also keeps 45,864 / 50,4 × 100 (exactly 91, 90.99999999999999 in binary floating point)
    Sangat Tinggi. None when the capaian itself is undefined.
    """
    if capaian is None or math.isnan(capaian):
        return None
    dicetak = bulatkan(capaian, DESIMAL_CAPAIAN)
    for batas, label in skala.tingkat:
        if dicetak >= batas:
            return label
    raise ValueError(f"capaian {capaian} di bawah batas terendah skala {skala.nama!r}")
