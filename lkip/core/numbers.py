"""Reading numbers typed the Indonesian way or the plain way, and the decimal of a computed one.

Analysts copy figures straight from DPA/APBD printouts and Excel in an Indonesian locale, so a
cell may hold "Rp 2.008.940.215", "96,82%" or "82,4" as well as "3.58". Every form that has one
reading is accepted; a form with two readings ("1.500") is refused with an explanation rather
than guessed, because a silent 1000x error in a report is worse than a question to the analyst.
"""

from __future__ import annotations

import numbers
import re
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

__all__ = ["AngkaTidakJelas", "AngkaTidakValid", "baca_angka", "bulatkan", "ke_desimal"]

# Significant digits a computed float keeps when it becomes a decimal. A double holds 15-17;
# the few arithmetic steps of a formula disturb only the last one or two, so 13 drops that
# noise and keeps far more digits than any figure is printed with.
ANGKA_BERARTI = 13

_PREFIX_RUPIAH = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)
_SIGN = re.compile(r"^[+-]")
_DIGITS = re.compile(r"^\d+$")
_THOUSANDS_ID = re.compile(r"^\d{1,3}(\.\d{3})+$")
_THOUSANDS_ID_DECIMAL = re.compile(r"^\d{1,3}(\.\d{3})+,\d+$")
_THOUSANDS_EN = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$")
_DECIMAL_DOT = re.compile(r"^\d+\.\d+$")

CONTOH = "misalnya 1500000, 1.500.000, 82,4, 82.4 atau 96,82%"
CONTOH_BULAT = "misalnya 1500000 atau 1.500.000"


class AngkaTidakValid(ValueError):
    """A cell that should hold a number but cannot be read as one."""


class AngkaTidakJelas(AngkaTidakValid):
    """A cell such as "1.500" that reads as 1500 or as 1,5 depending on the convention."""


def baca_angka(teks: str, bulat: bool = False) -> float | int | None:
    """Read one cell as a number; ``None`` for an empty cell.

    ``bulat`` marks integer-valued columns (rupiah, counts): there "1.500" can only be thousands
    grouping, and a fractional value is an error. Elsewhere a single dot group ("1.500") is
    ambiguous and refused, while "2.008.940.215" (several dots) can only be thousands.
    Non-integer columns give a float. A trailing "%" is dropped without dividing by 100
    ("96,82%" -> 96.82), as percentages are stored as percent points. "Rp"/"Rp."/"IDR"
    prefixes are dropped.
    """
    asli = teks
    teks = teks.replace("\u00a0", " ").strip()
    if not teks:
        return None
    teks = _PREFIX_RUPIAH.sub("", teks)
    if teks.endswith("%"):
        teks = teks[:-1].rstrip()
    teks = teks.replace("\u2212", "-")  # Unicode minus sign, as pasted from Word
    tanda = -1 if teks.startswith("-") else 1
    teks = _SIGN.sub("", teks)

    nilai = _baca_tanpa_tanda(teks, asli, bulat)
    nilai = tanda * nilai
    if not bulat:
        return float(nilai)
    if nilai != int(nilai):
        raise AngkaTidakValid(f"harus berupa bilangan bulat, {CONTOH_BULAT}")
    return int(nilai)


def _baca_tanpa_tanda(teks: str, asli: str, bulat: bool) -> int | float:
    """Parse an unsigned number body; the branch order decides every ambiguity."""
    contoh = CONTOH_BULAT if bulat else CONTOH
    if _DIGITS.match(teks):
        return int(teks)
    if _THOUSANDS_ID.match(teks):
        if bulat or teks.count(".") > 1:  # two dots cannot be one decimal mark
            return int(teks.replace(".", ""))
        utuh, *kelompok = teks.split(".")
        desimal = "".join(kelompok).rstrip("0") or "0"
        raise AngkaTidakJelas(
            f'"{asli.strip()}" bisa berarti {teks.replace(".", "")} (titik sebagai pemisah '
            f"ribuan) atau {utuh},{desimal} (titik sebagai desimal); tulis "
            f"{teks.replace('.', '')} untuk ribuan atau {utuh},{desimal} untuk desimal"
        )
    if _THOUSANDS_ID_DECIMAL.match(teks):
        ribuan, desimal = teks.split(",")
        return float(ribuan.replace(".", "") + "." + desimal)
    if _THOUSANDS_EN.match(teks) and (teks.count(",") > 1 or "." in teks):
        raise AngkaTidakValid(
            "memakai pemisah ribuan gaya Inggris (koma); tulis dengan titik sebagai pemisah "
            "ribuan dan koma sebagai desimal (1.234,5) atau tanpa pemisah ribuan (1234.5)"
        )
    if _DECIMAL_COMMA.match(teks):
        return float(teks.replace(",", "."))
    if _DECIMAL_DOT.match(teks):
        return float(teks)
    raise AngkaTidakValid(f"harus berupa angka, {contoh}")


def ke_desimal(x: int | float | Decimal) -> Decimal:
    """The decimal value of a number as exact arithmetic on the typed figures would give it.

    Binary floating point turns exact ties into near misses: 41,3512 / 81,28 × 100 is exactly
    50,875 but comes out as 50.87499999999999, and 2,675 − 1 as 1.6749999999999998, which
    half-up rounding would print as 50,87 and 1,67. Rounded to :data:`ANGKA_BERARTI`
    significant digits first, the tie is a tie again and prints as 50,88 and 1,68. Integers
    and Decimals are exact already and are kept as they are.
    """
    if isinstance(x, Decimal):
        return x
    if isinstance(x, numbers.Integral):
        return Decimal(int(x))
    d = Decimal(repr(float(x)))
    if not d.is_finite() or d.is_zero():
        return d
    langkah = Decimal(1).scaleb(d.adjusted() - ANGKA_BERARTI + 1)
    return d.quantize(langkah, rounding=ROUND_HALF_EVEN)


def bulatkan(x: int | float | Decimal, desimal: int) -> Decimal:
    """``x`` rounded half-up to ``desimal`` places, as the report prints it (96,825 is 96,83)."""
    return ke_desimal(x).quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)
