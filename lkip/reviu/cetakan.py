"""Reading a figure as printed ("92,86", "Rp 2.326.586.175", "B (baik)", "8 menit") and statements.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from lkip.core.numbers import AngkaTidakValid, baca_angka, ke_desimal


@dataclass(frozen=True)
class Cetakan:
    """A printed number: its value, how many decimals were printed, and its letter if any."""

    nilai: Decimal
    desimal: int
    huruf: str | None = None


_HURUF = re.compile(r"^([A-D]{1,2})\s*\(\s*(.+?)\s*\)$")


_TEKS_KURUNG = re.compile(r"\s*\([^()]*[A-Za-z][^()]*\)")  # "3 (tiga)", "5 (lima) Program"


_SATUAN = re.compile(r"\s*[A-Za-z][A-Za-z.]*$")  # "8 menit", "10 Menit", "8 ment"


def baca_cetakan(teks: str, bulat: bool = False) -> Cetakan:
    """Read a printed number: "2.252.576.244,00", "96,82%", "A ( 88, 75 )", "8 menit", "3 (tiga)".

    Raises :class:`lkip.core.numbers.AngkaTidakValid` (with an Indonesian message) when unreadable.
    """
    s = str(teks).replace("\u00a0", " ").strip()
    huruf = None
    m = _HURUF.match(s)
    if m:
        huruf, s = m.group(1), m.group(2)
    s = _TEKS_KURUNG.sub("", s)
    s = re.sub(r"^(rp\.?|idr)\s*", "", s, flags=re.IGNORECASE).strip()
    s = s.rstrip("%").strip()
    s = _SATUAN.sub("", s)
    s = re.sub(r"\s+", "", s)
    nilai = baca_angka(s, bulat=bulat)
    if nilai is None:
        raise AngkaTidakValid("tidak memuat angka")
    if "," in s:
        desimal = len(s.rsplit(",", 1)[1])
    elif re.fullmatch(r"[+-]?\d+\.\d+", s) and not bulat:
        desimal = len(s.rsplit(".", 1)[1])
    else:
        desimal = 0
    return Cetakan(ke_desimal(nilai).quantize(_langkah(desimal)), desimal, huruf)


def _langkah(desimal: int) -> Decimal:
    return Decimal(1).scaleb(-desimal)


_NEGATIF = ("belum", "tidak", "gagal", "turun", "nurun", "kurang")


_POSITIF = ("capai", "menuhi", "lebih", "berhasil", "efisien", "effisien", "ningkat", "naik", "ya")


def baca_status(teks: str) -> bool:
    """A printed yes/no statement: "belum mencapai target" False, "melebihi target" True.

    Words are matched on their stems, so "tercapainya", "pencapaian" and "keberhasilan" count;
    a negation anywhere ("belum", "tidak", "penurunan") wins.
    """
    kata = re.findall(r"[a-z]+", str(teks).lower())
    if any(n in k for k in kata for n in _NEGATIF):
        return False
    if any(p in k for k in kata for p in _POSITIF):
        return True
    raise ValueError(
        "tidak dikenali sebagai pernyataan ya/tidak (misalnya tercapai, belum tercapai)"
    )


def baca_arah(teks: str) -> str:
    """A printed direction of change: "mengalami penurunan" is menurun."""
    kata = re.findall(r"[a-z]+", str(teks).lower())
    for arah, tanda in (
        ("menurun", "turun"),
        ("menurun", "nurun"),
        ("meningkat", "ningkat"),
        ("meningkat", "naik"),
        ("tetap", "tetap"),
        ("tetap", "sama"),
    ):
        if any(tanda in k for k in kata):
            return arah
    raise ValueError("tidak dikenali sebagai arah perubahan (meningkat, menurun atau tetap)")


_AWALAN_LABEL = ("kategori", "status", "mutu", "predikat", "interpretasi", "kinerja", "desa")


def _label(teks: str) -> str:
    kata = re.findall(r"[0-9a-z]+", str(teks).lower())
    while kata and kata[0] in _AWALAN_LABEL and len(kata) > 1:
        kata = kata[1:]
    return " ".join(kata)


def _daftar(teks: str | Iterable[str]) -> set[str]:
    bagian = re.split(r",|;|\bdan\b", teks) if isinstance(teks, str) else list(teks)
    return {_label(b) for b in bagian if _label(b)}


_SISI = re.compile(r"\s*[/÷]\s*")  # "pembilang / penyebut"


_ABAIKAN_RUMUS = {"jumlah", "yang", "di", "dan", "serta", "x", "nya", "dengan", "per"}


def _kata_rumus(teks: str) -> set[str]:
    return {
        k
        for k in re.findall(r"[a-z]+", teks.lower())
        if k not in _ABAIKAN_RUMUS and not k.isdigit()
    }
