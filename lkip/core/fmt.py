"""Indonesian formatting of every figure the report prints.

One place for the conventions (dots for thousands, comma for decimals, "22 Januari 2024") so
that tables, prose and charts agree. Numbers are rounded half-up with ``decimal`` before Babel
sees them: official reports round half-up, while Babel (like Python) rounds half-even, which
would print 0,125 as "0,12".
"""

from __future__ import annotations

import datetime
import numbers
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

import pandas as pd
from babel.dates import format_date
from babel.numbers import format_decimal

from lkip.core.numbers import bulatkan, ke_desimal

if TYPE_CHECKING:  # matplotlib only for the charts' axes: processing a year never loads it
    from matplotlib.ticker import FuncFormatter

LOCALE = "id_ID"
KOSONG = "–"
"""Printed in place of a missing value (en dash)."""

_SATUAN_TANPA_TULISAN = {"", "indeks", "nilai"}
_SATUAN_RUPIAH = {"rp", "rupiah"}

_SATUAN_KATA = (
    *("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"),
    *("sepuluh", "sebelas"),
)

_SKALA_RUPIAH = ((10**12, "T"), (10**9, "M"), (10**6, "jt"))
"""Abbreviations used on Indonesian budget charts: triliun, miliar, juta."""


def kosong(x: object) -> bool:
    """True for None, NaN, pd.NA and NaT: the values printed as ``KOSONG``."""
    return x is None or (pd.api.types.is_scalar(x) and bool(pd.isna(x)))


def tanpa_teks(x: object) -> bool:
    """True for a text that says nothing: missing (:func:`kosong`), or blank, as a processed
    table reads an empty text cell back ("" where the computed table had None)."""
    return kosong(x) or not str(x).strip()


def _desimal(x: object) -> Decimal:
    """The decimal of ``x`` (:func:`lkip.core.numbers.ke_desimal`: 50.87499999999999 is 50.875)."""
    if isinstance(x, bool) or not isinstance(x, numbers.Number | Decimal):
        raise TypeError(f"not a number: {x!r}")
    d = ke_desimal(x)
    if not d.is_finite():
        raise ValueError(f"cannot print a non-finite number: {x!r}")
    return d


def _bulatkan(x: object, desimal: int) -> Decimal:
    """Round half-up to ``desimal`` places; a result of zero loses its sign ("-0" never prints)."""
    if desimal < 0:
        raise ValueError(f"desimal must be >= 0, got {desimal}")
    d = bulatkan(_desimal(x), desimal)
    return d.copy_abs() if d.is_zero() else d


def angka(x: object, desimal: int = 2, tetap: bool = False) -> str:
    """A number in Indonesian notation: "1.234,5"; ``tetap`` keeps trailing zeros ("3,70")."""
    if kosong(x):
        return KOSONG
    pola = "#,##0"
    if desimal > 0:
        pola += "." + ("0" if tetap else "#") * desimal
    return format_decimal(_bulatkan(x, desimal), format=pola, locale=LOCALE)


def rupiah(x: object) -> str:
    """Whole rupiah as budgets are printed: "Rp 2.008.940.215", negative "Rp -5.000"."""
    if kosong(x):
        return KOSONG
    return f"Rp {angka(x, 0)}"


def persen(x: object, desimal: int = 2, tetap: bool = False) -> str:
    """A percentage with a normal space before the sign: "96,82 %", "125 %"."""
    if kosong(x):
        return KOSONG
    return f"{angka(x, desimal, tetap)} %"


def bertanda(x: object, desimal: int = 2, tetap: bool = True) -> str:
    """A change with its sign, "+0,08" or "-0,25", so gains and losses read apart; a change
    that prints as zero gets no sign. ``tetap`` keeps trailing zeros, as :func:`angka`."""
    if kosong(x):
        return KOSONG
    teks = angka(x, desimal, tetap)
    return f"+{teks}" if _bulatkan(x, desimal) > 0 else teks


def nilai(x: object, satuan: str, desimal: int = 2) -> str:
    """A value with its unit as the report writes it: "100 %", "8 menit", "82,4" for indices."""
    if kosong(x):
        return KOSONG
    kunci = (satuan or "").strip().lower()
    if kunci == "%":
        return persen(x, desimal)
    if kunci in _SATUAN_RUPIAH:
        return rupiah(x)
    if kunci in _SATUAN_TANPA_TULISAN:
        return angka(x, desimal)
    return f"{angka(x, desimal)} {satuan.strip()}"


def dengan_huruf(huruf: str | None, x: object, desimal: int = 2) -> str:
    """A score with its letter grade (mutu IKM, predikat SAKIP): "A (82,4)"; no letter: "82,4"."""
    if kosong(x):
        return KOSONG
    teks = angka(x, desimal)
    if tanpa_teks(huruf):
        return teks
    return f"{str(huruf).strip()} ({teks})"


def tanggal(d: datetime.date | str | None) -> str:
    """A date as the report prints it: "22 Januari 2024"; strings must be ISO (2024-01-22)."""
    if kosong(d):
        return KOSONG
    if isinstance(d, str):
        d = datetime.date.fromisoformat(d.strip())
    return format_date(d, format="d MMMM y", locale=LOCALE)


def _kata(n: int) -> str:
    """Indonesian number words for 0..999 (Babel has no spell-out rules)."""
    if n < 12:
        return _SATUAN_KATA[n]
    if n < 20:
        return f"{_SATUAN_KATA[n - 10]} belas"
    if n < 100:
        puluhan, sisa = divmod(n, 10)
        return f"{_SATUAN_KATA[puluhan]} puluh" + (f" {_SATUAN_KATA[sisa]}" if sisa else "")
    ratusan, sisa = divmod(n, 100)
    kepala = "seratus" if ratusan == 1 else f"{_SATUAN_KATA[ratusan]} ratus"
    return kepala + (f" {_kata(sisa)}" if sisa else "")


def terbilang(n: int) -> str:
    """Words for a count 0..999: "tiga", "sebelas", "seratus dua puluh lima"."""
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(f"terbilang needs an integer, got {n!r}")
    if not 0 <= n <= 999:
        raise ValueError(f"terbilang covers 0..999, got {n}")
    return _kata(int(n))


def terbilang_jumlah(n: int) -> str:
    """A count as official prose writes it, digits then words: "3 (tiga)"."""
    return f"{angka(n, 0)} ({terbilang(n)})"


def rupiah_ringkas(x: object, skala: int, singkatan: str, desimal: int = 2) -> str:
    """Rupiah in a larger unit for chart axes: "Rp 1,5 M" (miliar), "Rp 250 jt" (juta)."""
    if kosong(x):
        return KOSONG
    d = _desimal(x)
    if d.is_zero():
        return "Rp 0"
    return f"Rp {angka(d / skala, desimal)} {singkatan}".rstrip()


def skala_rupiah(maks: float) -> tuple[int, str]:
    """The unit (divisor, abbreviation) that keeps axis labels short for amounts up to ``maks``."""
    for skala, singkatan in _SKALA_RUPIAH:
        if abs(maks) >= skala:
            return skala, singkatan
    return 1, ""


def sumbu_angka(desimal: int = 0) -> FuncFormatter:
    """Tick formatter printing numbers in Indonesian notation."""
    return _sumbu(lambda v: angka(v, desimal))


def sumbu_persen(desimal: int = 0) -> FuncFormatter:
    """Tick formatter printing percentages: "100 %"."""
    return _sumbu(lambda v: persen(v, desimal))


def sumbu_rupiah(maks: float) -> FuncFormatter:
    """Tick formatter for rupiah axes, in the unit ``skala_rupiah(maks)`` picks: "Rp 1,5 M"."""
    skala, singkatan = skala_rupiah(maks)
    return _sumbu(lambda v: rupiah_ringkas(v, skala, singkatan))


def _sumbu(tulis: Callable[[float], str]) -> FuncFormatter:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: tulis(v))
