"""Comparing one printed value with its recomputed metrik, at the precision it was printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from lkip.core import fmt
from lkip.core.numbers import bulatkan, ke_desimal
from lkip.reviu.cetakan import (
    _SISI,
    Cetakan,
    _daftar,
    _kata_rumus,
    _label,
    _langkah,
    baca_arah,
    baca_cetakan,
    baca_status,
)
from lkip.reviu.metrik import DaftarMetrik, Metrik

SESUAI, PEMBULATAN, TIDAK_SESUAI = "sesuai", "pembulatan", "tidak sesuai"


_KOSONG = {"", "-", "–", "—"}  # the dashes a report prints for "no value"


def banding_rumus(dicetak: str, dihitung: str) -> tuple[str, str]:
    """Compare a printed formula with the IKU's: same, numerator and denominator swapped, or other.

    Wording differs between documents, so sides are matched on the words that tell the
    computed numerator from its denominator (words both share, like "PATEN", say nothing).
    """
    if _kata_rumus(dicetak) == _kata_rumus(dihitung):
        return SESUAI, ""
    cetak, hitung = _SISI.split(dicetak, maxsplit=1), _SISI.split(dihitung, maxsplit=1)
    if len(cetak) != 2 or len(hitung) != 2:
        return TIDAK_SESUAI, "rumus berbeda"
    pc, dc = (_kata_rumus(x) for x in cetak)
    ph, dh = (_kata_rumus(x) for x in hitung)
    khas_p, khas_d = ph - dh, dh - ph
    lurus = (len(pc & khas_p) > 0) + (len(dc & khas_d) > 0)
    silang = (len(pc & khas_d) > 0) + (len(dc & khas_p) > 0)
    if silang > lurus:
        return TIDAK_SESUAI, "pembilang dan penyebut tertukar"
    if lurus == 2 and silang == 0:
        return SESUAI, "kata berbeda, pembilang dan penyebut sama"
    return TIDAK_SESUAI, "rumus berbeda" + ("" if pc & khas_p else " (pembilang lain)")


def banding_angka(
    dicetak: Decimal | float, desimal_cetak: int, dihitung: float, desimal_baku: int
) -> tuple[str, str]:
    """Status of a printed number against the computed one, and how they differ.

    ``sesuai``: the printed number is the computed one rounded half-up at the printed precision,
    and printing it so loses nothing against the report's own precision ``desimal_baku``
    (87,5 for 87.5; 96,82 for 96.8186). ``pembulatan``: it differs only by rounding to fewer
    decimals (93 for 92.86) or by truncation (104 for 104.71). Otherwise ``tidak sesuai``:
    rounding 104.63 up to 104.7 is no convention a report follows.
    """
    p = ke_desimal(dicetak).quantize(_langkah(desimal_cetak))
    h = ke_desimal(dihitung)
    langkah = _langkah(desimal_cetak)
    dekat = bulatkan(h, desimal_cetak)
    if p == dekat:
        if desimal_cetak >= desimal_baku or dekat == bulatkan(h, desimal_baku):
            return SESUAI, ""
        return PEMBULATAN, f"dibulatkan ke {desimal_cetak} desimal"
    if p == h.quantize(langkah, rounding=ROUND_DOWN):
        return PEMBULATAN, f"pembulatan ke bawah (dipotong) ke {desimal_cetak} desimal"
    return TIDAK_SESUAI, ""


def _selisih(dicetak: Decimal, dihitung: float, desimal: int) -> str:
    return fmt.bertanda(dicetak - ke_desimal(dihitung), desimal, tetap=False)


@dataclass(frozen=True)
class Hasil:
    dihitung: str
    selisih: str
    status: str
    keterangan: str


def _gabung(*bagian: str) -> str:
    return "; ".join(b for b in bagian if b)


def bandingkan(m: Metrik, dilaporkan: str) -> Hasil:
    """Compare one printed value with metrik ``m``. Pure; raises ValueError if unreadable."""
    dihitung = m.cetak()
    kosong_cetak = str(dilaporkan).strip() in _KOSONG
    if kosong_cetak or m.kosong:
        if kosong_cetak and m.kosong:
            return Hasil(dihitung, "", SESUAI, "")
        ket = "tidak dapat dihitung dari data" if m.kosong else "angka tidak dicetak"
        return Hasil(dihitung, "", TIDAK_SESUAI, ket)
    if m.jenis in ("angka", "persen", "rupiah", "jumlah"):
        return _bandingkan_angka(m, dilaporkan, dihitung)
    if m.jenis == "status":
        ok = baca_status(dilaporkan) == bool(m.nilai)
        return Hasil(dihitung, "", SESUAI if ok else TIDAK_SESUAI, "")
    if m.jenis == "arah":
        ok = baca_arah(dilaporkan) == m.nilai
        return Hasil(dihitung, "", SESUAI if ok else TIDAK_SESUAI, "")
    if m.jenis == "daftar":
        cetak, hitung = _daftar(dilaporkan), _daftar(m.nilai)
        if cetak == hitung:
            return Hasil(dihitung, "", SESUAI, "")
        ket = _gabung(
            f"tidak tercantum: {', '.join(sorted(hitung - cetak))}" if hitung - cetak else "",
            f"tidak seharusnya: {', '.join(sorted(cetak - hitung))}" if cetak - hitung else "",
        )
        return Hasil(dihitung, "", TIDAK_SESUAI, ket)
    if m.jenis == "rumus":
        status, ket = banding_rumus(dilaporkan, str(m.nilai))
        return Hasil(dihitung, "", status, ket)
    if m.jenis == "nama":
        cetak, hitung = set(_label(dilaporkan).split()), set(_label(m.nilai).split())
        ok = cetak <= hitung or hitung <= cetak
        ket = "" if ok else f"kata berbeda: {', '.join(sorted(cetak ^ hitung))}"
        return Hasil(dihitung, "", SESUAI if ok else TIDAK_SESUAI, ket)
    ok = _label(dilaporkan) == _label(m.nilai)
    return Hasil(dihitung, "", SESUAI if ok else TIDAK_SESUAI, "")


def _bandingkan_angka(m: Metrik, dilaporkan: str, dihitung: str) -> Hasil:
    c = baca_cetakan(dilaporkan, bulat=m.jenis in ("rupiah", "jumlah"))
    status, ket = banding_angka(c.nilai, c.desimal, m.nilai, m.desimal)
    lebar = max(c.desimal, m.desimal)
    dihitung = m.cetak(lebar)
    selisih = "" if status == SESUAI else _selisih(c.nilai, m.nilai, lebar)
    if c.huruf and m.huruf and c.huruf != m.huruf:
        status = TIDAK_SESUAI
        ket = _gabung(ket, f"huruf {c.huruf}, seharusnya {m.huruf}")
    elif c.huruf and not m.huruf:
        ket = _gabung(ket, f"huruf {c.huruf} tidak berlaku untuk angka ini")
    return Hasil(dihitung, selisih, status, ket)


def _kembaran(m: Metrik, c: Cetakan, daftar: DaftarMetrik) -> str:
    """A related figure the wrong number equals (last year's target, the overall serapan...)."""
    awal, akhir = m.id.rsplit(".", 1)
    for lain in daftar:
        if lain.id == m.id or lain.kosong or lain.jenis != m.jenis:
            continue
        a, z = lain.id.rsplit(".", 1)
        serumpun = a == awal or (m.id.startswith("anggaran.") and z == akhir)
        if not serumpun:
            continue
        if banding_angka(c.nilai, c.desimal, lain.nilai, lain.desimal)[0] == SESUAI:
            return f"sama dengan {lain.id} ({lain.cetak()})"
    return ""


def _baris(metrik: str, lokasi: str, dilaporkan: str, hasil: Hasil) -> dict[str, str]:
    return {
        "metrik": metrik,
        "lokasi": lokasi,
        "dilaporkan": dilaporkan,
        "dihitung": hasil.dihitung,
        "selisih": hasil.selisih,
        "status": hasil.status,
        "keterangan": hasil.keterangan,
    }
