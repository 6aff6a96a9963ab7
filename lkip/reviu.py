"""Reviu angka: every figure a report prints, checked against recomputation.

Before an LKIP is published the Inspektorat reviews it (PermenPANRB 53/2014, "Tata Cara Reviu
atas Laporan Kinerja"). The published 2023 report of Kecamatan Panarukan contradicts its own
tables in several places, so this module does that review mechanically: the figures as printed
are data (``data/raw/<year>/dilaporkan.csv``: ``metrik``, ``lokasi``, ``dilaporkan``), each is
compared with the value the pipeline computes for the same ``metrik``, and a set of checks that
need no printed figure (parts against totals, shares against their parts, statuses against
capaian) runs on every report.

Metrik ids (documented for analysts in ``data/README.md``) are dotted paths; segments are
matched ignoring case, spaces and punctuation, and a name segment (program, desa) may be
abbreviated to its first word(s) when that is unambiguous (``anggaran.program.penunjang.pagu``):

- ``kinerja.<kode>.sasaran``, ``kinerja.<kode>.indikator`` (statements);
  ``kinerja.<kode>.<f>``: f = target, realisasi, capaian, target_akhir, capaian_akhir,
  target_lalu, realisasi_lalu, capaian_lalu, capaian_lebih (capaian − 100), tercapai
  (statement), arah (realisasi against last year: meningkat / menurun / tetap);
  ``kinerja.jumlah_sasaran``, ``kinerja.jumlah_indikator``.
- ``ikm.nilai``, ``ikm.mutu``, ``ikm.kinerja``; ``ikm.<U1..U9>.nrr|peringkat|mutu|kinerja``.
- ``sakip.nilai``, ``sakip.predikat``, ``sakip.interpretasi`` (the indicator with skala sakip).
- ``idm.<desa>.skor_lalu|skor_kini|status_lalu|status_kini|meningkat``;
  ``idm.persen_meningkat``, ``idm.jumlah_desa``, ``idm.jumlah_meningkat``,
  ``idm.berubah_status`` (list of desa whose status changed).
- ``anggaran.total.<f>``, ``anggaran.sasaran.<kode>.<f>``, ``anggaran.program.<program>.<f>``,
  ``anggaran.sasaran_program.<kode>.<program>.<f>``: f = pagu, realisasi, sisa, serapan,
  efisiensi; ``anggaran.sasaran.<kode>.efisien`` (statement); ``anggaran.jumlah_program``.
- ``iku.<kode>.formula``; ``teks.instansi``, ``teks.kabupaten``.

Rows this module adds itself are named ``cek.<metrik>`` (a printed share or capaian recomputed
from the printed parts in the same ``lokasi``, or an internal check) and
``jumlah.anggaran.<level>.<f>`` (printed parts summed).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa

from lkip import fmt
from lkip import ikm as ikm_mod
from lkip.capaian import capaian as hitung_capaian
from lkip.errors import DataTidakValid, Masalah
from lkip.laporan import Laporan, huruf_skala, muat
from lkip.load import baca_tabel
from lkip.numbers import AngkaTidakValid, baca_angka, bulatkan, ke_desimal
from lkip.paths import raw_year_dir
from lkip.predikat import predikat_sakip

__all__ = [
    "KOLOM",
    "PEMBULATAN",
    "PENGANTAR",
    "SESUAI",
    "TIDAK_SESUAI",
    "DaftarMetrik",
    "Metrik",
    "MetrikTidakDikenal",
    "baca_dilaporkan",
    "banding_angka",
    "bandingkan",
    "cek_internal",
    "cetakan_laporan",
    "daftar_metrik",
    "periksa_dilaporkan",
    "reviu",
    "ringkasan",
    "tabel_temuan",
    "teks_temuan",
    "tulis_reviu",
]

BERKAS = "dilaporkan.csv"
KOLOM = ["metrik", "lokasi", "dilaporkan", "dihitung", "selisih", "status", "keterangan"]
SESUAI, PEMBULATAN, TIDAK_SESUAI = "sesuai", "pembulatan", "tidak sesuai"
LOKASI_INTERNAL = "Pemeriksaan internal (tanpa angka tercetak)"
PENGANTAR = (
    "Setiap angka dan pernyataan yang tercetak dalam laporan dibandingkan dengan hasil "
    "perhitungan ulang dari data. Sesuai berarti sama pada ketelitian yang dicetak; pembulatan "
    "berarti hanya berbeda karena pembulatan atau pemotongan desimal; tidak sesuai berarti "
    "berbeda, dengan selisih = angka dilaporkan dikurangi angka dihitung. Pemeriksaan internal "
    "mencocokkan jumlah per program dan per sasaran dengan total, persentase dengan "
    "bagian-bagiannya, dan status target dengan capaiannya."
)

_KOSONG = {"", "-", "–", "—"}  # the dashes a report prints for "no value"
_FIELD_ANGGARAN = ("pagu", "realisasi", "sisa", "serapan", "efisiensi")
_LABEL_ANGGARAN = {
    "pagu": "Pagu",
    "realisasi": "Realisasi anggaran",
    "sisa": "Sisa anggaran",
    "serapan": "Serapan",
    "efisiensi": "Tingkat efisiensi",
}
_LABEL_KINERJA = {
    "target": "Target",
    "realisasi": "Realisasi",
    "capaian": "Capaian",
    "target_akhir": "Target akhir Renstra/RPJMD",
    "capaian_akhir": "Capaian terhadap target akhir",
    "target_lalu": "Target tahun lalu",
    "realisasi_lalu": "Realisasi tahun lalu",
    "capaian_lalu": "Capaian tahun lalu",
}


# --- the registry -----------------------------------------------------------------------


@dataclass(frozen=True)
class Metrik:
    """One figure the pipeline computes, as the report would print it.

    ``jenis``: angka (a value, optionally with its letter ``huruf`` and unit ``satuan``),
    persen, rupiah, jumlah (a count), status (yes/no statement, worded by ``pilihan``),
    arah (meningkat/menurun/tetap), label (a word: mutu, status desa, predikat, a name),
    nama (a sasaran or indikator statement: agrees when one's words contain the other's),
    daftar (a list of names) or rumus (a formula "pembilang / penyebut"). ``desimal`` is the
    precision the report prints the value at.
    """

    id: str
    jenis: str
    nilai: Any
    uraian: str
    desimal: int = 2
    huruf: str | None = None
    satuan: str = ""
    pilihan: tuple[str, str] = ("ya", "tidak")

    @property
    def kosong(self) -> bool:
        return fmt.kosong(self.nilai) if not isinstance(self.nilai, tuple | list) else False

    def cetak(self, desimal: int | None = None) -> str:
        """The value formatted with the report's own functions (``lkip.fmt``), at the report's
        precision or at ``desimal`` when a printed figure shows more decimals."""
        v = self.nilai
        d = self.desimal if desimal is None else desimal
        if self.kosong:
            return fmt.KOSONG
        if self.jenis == "angka":
            if self.huruf:
                return fmt.dengan_huruf(self.huruf, v, d)
            return fmt.nilai(v, self.satuan, d)
        if self.jenis == "persen":
            return fmt.persen(v, d)
        if self.jenis in ("rupiah", "jumlah"):
            return fmt.angka(v, 0)
        if self.jenis == "status":
            return self.pilihan[0] if v else self.pilihan[1]
        if self.jenis == "daftar":
            return ", ".join(v)
        return str(v)


class MetrikTidakDikenal(KeyError):
    """A ``metrik`` id that names no figure of this report (or several)."""

    def __str__(self) -> str:
        return str(self.args[0])


def _kunci(teks: str) -> str:
    """A segment as matched: lower case, runs of anything but letters/digits become "_"."""
    return re.sub(r"[^0-9a-z]+", "_", str(teks).lower()).strip("_")


def _slug_program(nama: str) -> str:
    return _kunci(re.sub(r"^\s*program\s+", "", str(nama), flags=re.IGNORECASE))


class DaftarMetrik:
    """The metrik of one report, looked up the forgiving way analysts type them."""

    def __init__(self, metrik: Iterable[Metrik]) -> None:
        self._semua = {m.id: m for m in metrik}
        self._kunci = {tuple(_kunci(s) for s in i.split(".")): m for i, m in self._semua.items()}

    def __iter__(self) -> Iterator[Metrik]:
        return iter(self._semua.values())

    def __len__(self) -> int:
        return len(self._semua)

    def __getitem__(self, id_: str) -> Metrik:
        return self._semua[id_]

    def cari(self, id_: str) -> Metrik:
        """The metrik named ``id_``; a name segment may be a unique leading part of the name
        (whole words), and a program may be written with or without its word "Program"."""
        seg = tuple(re.sub(r"^program_", "", _kunci(s)) for s in str(id_).split("."))
        if seg in self._kunci:
            return self._kunci[seg]
        cocok = [
            m
            for k, m in self._kunci.items()
            if len(k) == len(seg)
            and all(a == b or (b and a.startswith(b + "_")) for a, b in zip(k, seg, strict=True))
        ]
        if len(cocok) == 1:
            return cocok[0]
        if cocok:
            daftar = ", ".join(m.id for m in cocok[:5])
            raise MetrikTidakDikenal(f"metrik ambigu, cocok dengan: {daftar}")
        if seg[0] == "sakip" and not any(k[0] == "sakip" for k in self._kunci):
            raise MetrikTidakDikenal(
                "metrik sakip.* butuh satu indikator bernilai SAKIP: isi kolom skala "
                "kinerja.csv dengan sakip pada indikator itu"
            )
        mirip = [m.id for k, m in self._kunci.items() if k[:2] == seg[:2]][:5]
        saran = f"; yang ada misalnya: {', '.join(mirip)}" if mirip else ""
        raise MetrikTidakDikenal(
            "metrik tidak dikenal (lihat daftar metrik di data/README.md)" + saran
        )


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) and v.strip() else None


def _angka(v: Any) -> float | None:
    return None if fmt.kosong(v) else float(v)


def _metrik_kinerja(L: Laporan) -> Iterator[Metrik]:
    k = L.kinerja
    yield Metrik(
        "kinerja.jumlah_sasaran",
        "jumlah",
        int(k.loc[k["tingkat"] == "sasaran", "sasaran"].nunique()),
        "Jumlah sasaran strategis",
        0,
    )
    yield Metrik(
        "kinerja.jumlah_indikator",
        "jumlah",
        int((k["tingkat"] == "sasaran").sum()),
        "Jumlah indikator sasaran",
        0,
    )
    for _, r in k.iterrows():
        kode, skala, satuan = r["kode"], _str(r.get("skala")), str(r["satuan"])
        nama = f"{kode} ({r['indikator']})"
        yield Metrik(
            f"kinerja.{kode}.sasaran", "nama", r["sasaran"], f"Pernyataan {r['tingkat']} {kode}"
        )
        yield Metrik(f"kinerja.{kode}.indikator", "nama", r["indikator"], f"Indikator {kode}")
        for f in ("target", "realisasi", "target_akhir", "target_lalu", "realisasi_lalu"):
            v = _angka(r.get(f))
            yield Metrik(
                f"kinerja.{kode}.{f}",
                "angka",
                v,
                f"{_LABEL_KINERJA[f]} {nama}",
                huruf=huruf_skala(skala, v),
                satuan=satuan,
            )
        for f in ("capaian", "capaian_akhir", "capaian_lalu"):
            yield Metrik(
                f"kinerja.{kode}.{f}", "persen", _angka(r.get(f)), f"{_LABEL_KINERJA[f]} {nama}"
            )
        c = _angka(r.get("capaian"))
        yield Metrik(
            f"kinerja.{kode}.capaian_lebih",
            "persen",
            None if c is None else c - 100,
            f"Capaian {nama} di atas 100 %",
        )
        t = r.get("tercapai")
        yield Metrik(
            f"kinerja.{kode}.tercapai",
            "status",
            None if fmt.kosong(t) else bool(t),
            f"Pernyataan target {nama} tercapai",
            pilihan=("tercapai", "belum tercapai"),
        )
        kini, lalu = _angka(r.get("realisasi")), _angka(r.get("realisasi_lalu"))
        arah = None
        if kini is not None and lalu is not None:
            arah = "meningkat" if kini > lalu else "menurun" if kini < lalu else "tetap"
        yield Metrik(
            f"kinerja.{kode}.arah", "arah", arah, f"Arah realisasi {nama} dibanding tahun lalu"
        )
        if skala == "sakip":
            v = _angka(r.get("realisasi"))
            p = None if v is None else predikat_sakip(v)
            yield Metrik("sakip.nilai", "angka", v, "Nilai SAKIP", huruf=p and p.huruf)
            yield Metrik("sakip.predikat", "label", p and p.huruf, "Predikat SAKIP")
            yield Metrik(
                "sakip.interpretasi", "label", p and p.interpretasi, "Interpretasi predikat SAKIP"
            )


def _metrik_ikm(L: Laporan) -> Iterator[Metrik]:
    nilai = _angka(L.nilai.get("ikm"))
    if nilai is not None:
        m = ikm_mod.mutu(nilai)
        yield Metrik("ikm.nilai", "angka", nilai, "Nilai IKM", huruf=m.huruf)
        yield Metrik("ikm.mutu", "label", m.huruf, "Mutu pelayanan (IKM)")
        yield Metrik("ikm.kinerja", "label", m.kinerja, "Kinerja unit pelayanan (IKM)")
    unsur = L.tabel.get("skm_unsur")
    if unsur is None:
        return
    for _, r in unsur.iterrows():
        u, nama = r["unsur"], f"{r['unsur']} {r['nama']}"
        yield Metrik(f"ikm.{u}.nrr", "angka", float(r["nrr"]), f"NRR {nama}")
        yield Metrik(f"ikm.{u}.peringkat", "jumlah", int(r["peringkat"]), f"Peringkat {nama}", 0)
        yield Metrik(f"ikm.{u}.mutu", "label", r["mutu"], f"Mutu {nama}")
        yield Metrik(f"ikm.{u}.kinerja", "label", r["kinerja"], f"Kinerja {nama}")


def _metrik_idm(L: Laporan) -> Iterator[Metrik]:
    d = L.tabel.get("idm")
    if d is None:
        return
    for _, r in d.iterrows():
        desa = str(r["desa"])
        slug = re.sub(r"[^0-9A-Za-z]+", "_", desa).strip("_")  # "Weringin_Anom"
        for f, label in (("skor_lalu", "Skor IDM tahun lalu"), ("skor_kini", "Skor IDM")):
            yield Metrik(f"idm.{slug}.{f}", "angka", _angka(r[f]), f"{label} Desa {desa}", 4)
        for f, label in (("status_lalu", "Status desa tahun lalu"), ("status_kini", "Status")):
            yield Metrik(f"idm.{slug}.{f}", "label", _str(r[f]), f"{label} Desa {desa}")
        naik = r["meningkat"]
        yield Metrik(
            f"idm.{slug}.meningkat",
            "status",
            None if fmt.kosong(naik) else bool(naik),
            f"IDM Desa {desa} meningkat",
            pilihan=("meningkat", "tidak meningkat"),
        )
    banding = d[d["meningkat"].notna()]
    naik = banding["meningkat"].astype(bool)
    yield Metrik(
        "idm.persen_meningkat",
        "persen",
        _angka(L.nilai.get("persen_idm_meningkat")),
        "Persentase desa yang meningkat IDM-nya",
    )
    yield Metrik("idm.jumlah_desa", "jumlah", len(banding), "Jumlah desa yang dibandingkan", 0)
    yield Metrik("idm.jumlah_meningkat", "jumlah", int(naik.sum()), "Jumlah desa meningkat", 0)
    berubah = banding[banding["status_lalu"] != banding["status_kini"]]
    yield Metrik(
        "idm.berubah_status", "daftar", tuple(berubah["desa"]), "Desa yang berubah status IDM"
    )


def _metrik_baris_anggaran(awal: str, nama: str, r: pd.Series) -> Iterator[Metrik]:
    for f in _FIELD_ANGGARAN:
        jenis = "persen" if f in ("serapan", "efisiensi") else "rupiah"
        desimal = 2 if jenis == "persen" else 0
        yield Metrik(
            f"{awal}.{f}",
            jenis,
            _angka(r[f]) if jenis == "persen" else int(r[f]),
            f"{_LABEL_ANGGARAN[f]} {nama}",
            desimal,
        )


def _metrik_anggaran(L: Laporan) -> Iterator[Metrik]:
    total = L.tabel["anggaran_total"].iloc[0]
    yield from _metrik_baris_anggaran("anggaran.total", "seluruhnya", total)
    tercapai = L.kinerja.set_index("kode")["tercapai"]
    for _, r in L.tabel["anggaran_sasaran"].iterrows():
        kode = r["sasaran"]
        yield from _metrik_baris_anggaran(f"anggaran.sasaran.{kode}", f"sasaran {kode}", r)
        if kode in tercapai.index and not fmt.kosong(tercapai[kode]):
            efisien = bool(tercapai[kode]) and float(r["sisa"]) > 0
            yield Metrik(
                f"anggaran.sasaran.{kode}.efisien",
                "status",
                efisien,
                f"Pernyataan anggaran sasaran {kode} efisien",
                pilihan=("efisien", "tidak efisien"),
            )
    program = L.tabel["anggaran_program"]
    for _, r in program.iterrows():
        slug = _slug_program(r["program"])
        yield from _metrik_baris_anggaran(f"anggaran.program.{slug}", str(r["program"]), r)
    for _, r in L.tabel["anggaran_sasaran_program"].iterrows():
        awal = f"anggaran.sasaran_program.{r['sasaran']}.{_slug_program(r['program'])}"
        yield from _metrik_baris_anggaran(awal, f"{r['program']} pada sasaran {r['sasaran']}", r)
    yield Metrik("anggaran.jumlah_program", "jumlah", len(program), "Jumlah program", 0)


def _metrik_teks(L: Laporan) -> Iterator[Metrik]:
    for kunci in ("instansi", "kabupaten"):
        if _str(L.profil.get(kunci)):
            yield Metrik(f"teks.{kunci}", "nama", L.profil[kunci], f"Nama {kunci}")
    for iku in L.narasi.get("iku") or []:
        if _str(iku.get("formula")) and _str(iku.get("kode")):
            yield Metrik(
                f"iku.{iku['kode']}.formula",
                "rumus",
                " ".join(iku["formula"].split()),
                f"Formula IKU {iku['kode']}",
            )


def daftar_metrik(L: Laporan) -> DaftarMetrik:
    """Every figure of ``L`` that a printed report can be checked against."""
    return DaftarMetrik(
        m
        for sumber in (_metrik_kinerja, _metrik_ikm, _metrik_idm, _metrik_anggaran, _metrik_teks)
        for m in sumber(L)
    )


# --- reading printed values ---------------------------------------------------------------


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

    Raises :class:`lkip.numbers.AngkaTidakValid` (with an Indonesian message) when unreadable.
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


# --- comparing ----------------------------------------------------------------------------


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


# --- the dilaporkan file --------------------------------------------------------------------

SKEMA_DILAPORKAN = pa.DataFrameSchema(
    {
        "metrik": pa.Column(
            str,
            pa.Check.str_matches(
                r"^[^.\s][^.]*(\.[^.]+)+$",
                error="harus berupa id bertitik, misalnya kinerja.S2.realisasi",
            ),
        ),
        "lokasi": pa.Column(str),
        "dilaporkan": pa.Column(str),
    },
    name="dilaporkan",
)


def periksa_dilaporkan(dilaporkan: pd.DataFrame, L: Laporan, berkas: str) -> list[Masalah]:
    """Every problem of a dilaporkan table: schema (pandera), unknown metrik, unreadable value.

    Lines are spreadsheet lines (header = 1), taken from the frame's index (row 0 = line 2).
    """
    try:
        SKEMA_DILAPORKAN.validate(dilaporkan, lazy=True)
    except pa.errors.SchemaErrors as err:
        masalah = []
        for kasus in err.failure_cases.itertuples(index=False):
            if kasus.check == "column_in_dataframe":
                pesan = "kolom wajib tidak ada; baris 1 harus memuat: metrik, lokasi, dilaporkan"
                masalah.append(Masalah(berkas, 1, str(kasus.failure_case), None, pesan))
                continue
            pesan = "wajib diisi" if kasus.check == "not_nullable" else str(kasus.check)
            nilai = None if fmt.kosong(kasus.failure_case) else str(kasus.failure_case)
            baris = None if fmt.kosong(kasus.index) else int(kasus.index) + 2
            masalah.append(Masalah(berkas, baris, kasus.column, nilai, pesan))
        return masalah
    daftar = daftar_metrik(L)
    masalah = []
    for i, r in dilaporkan.iterrows():
        try:
            m = daftar.cari(r["metrik"])
        except MetrikTidakDikenal as e:
            masalah.append(Masalah(berkas, int(i) + 2, "metrik", r["metrik"], str(e)))
            continue
        try:
            bandingkan(m, r["dilaporkan"])
        except ValueError as e:
            masalah.append(
                Masalah(berkas, int(i) + 2, "dilaporkan", r["dilaporkan"], f"{m.id}: {e}")
            )
    return masalah


def baca_dilaporkan(
    year: int, root: Path | None = None, laporan: Laporan | None = None
) -> pd.DataFrame | None:
    """``data/raw/<year>/dilaporkan.csv`` validated against the report's metrik; None if absent.

    ``laporan`` (default: :func:`lkip.laporan.muat`) resolves the metrik ids. Raises
    :class:`DataTidakValid` naming line and value of every bad row.
    """
    path = raw_year_dir(year, root) / BERKAS
    if not path.exists() and not path.is_symlink():
        return None
    tabel = baca_tabel(path, "dilaporkan", {})
    L = laporan if laporan is not None else muat(year, root)
    masalah = periksa_dilaporkan(tabel, L, f"{year}/{BERKAS}")
    if masalah:
        raise DataTidakValid(year, masalah)
    return tabel[["metrik", "lokasi", "dilaporkan"]].reset_index(drop=True)


# --- checks -------------------------------------------------------------------------------


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


def _cek_angka(
    metrik: str, lokasi: str, c: Cetakan, harapan: float, desimal: int, cetak: Callable, ket: str
) -> dict[str, str]:
    status, k = banding_angka(c.nilai, c.desimal, harapan, desimal)
    lebar = max(c.desimal, desimal)
    selisih = "" if status == SESUAI else _selisih(c.nilai, harapan, lebar)
    hasil = Hasil(cetak(harapan, lebar), selisih, status, _gabung(k, ket))
    return _baris(metrik, lokasi, cetak(c.nilai, c.desimal), hasil)


def _rp(x: Any, _desimal: int = 0) -> str:
    return fmt.angka(x, 0)


def _pct(x: Any, desimal: int = 2) -> str:
    return fmt.persen(x, desimal)


def _cek_bagian(L: Laporan, per_lokasi: dict[str, dict[str, Cetakan]]) -> list[dict[str, str]]:
    """Printed shares, sisa and capaian against the printed parts in the same lokasi."""
    ind = L.kinerja.set_index("kode")
    rows = []
    for lokasi, angka in per_lokasi.items():
        for awal in sorted({i.rsplit(".", 1)[0] for i in angka}):
            g = {i.rsplit(".", 1)[1]: c for i, c in angka.items() if i.rsplit(".", 1)[0] == awal}
            if awal.startswith("anggaran.") and {"pagu", "realisasi"} <= g.keys():
                pagu, real = g["pagu"].nilai, g["realisasi"].nilai
                sisa = g["sisa"].nilai if "sisa" in g else pagu - real
                dari = f"dari angka tercetak: {_rp(real)} / {_rp(pagu)} × 100"
                if "serapan" in g and pagu:
                    rows.append(
                        _cek_angka(
                            f"cek.{awal}.serapan",
                            lokasi,
                            g["serapan"],
                            float(real / pagu * 100),
                            2,
                            _pct,
                            dari,
                        )
                    )
                if "sisa" in g:
                    rows.append(
                        _cek_angka(
                            f"cek.{awal}.sisa",
                            lokasi,
                            g["sisa"],
                            int(pagu - real),
                            0,
                            _rp,
                            f"dari angka tercetak: {_rp(pagu)} − {_rp(real)}",
                        )
                    )
                if "efisiensi" in g and pagu:
                    rows.append(
                        _cek_angka(
                            f"cek.{awal}.efisiensi",
                            lokasi,
                            g["efisiensi"],
                            float(sisa / pagu * 100),
                            2,
                            _pct,
                            f"dari angka tercetak: {_rp(sisa)} / {_rp(pagu)} × 100",
                        )
                    )
            kode = awal.split(".")[1] if awal.startswith("kinerja.") else None
            if kode is None or kode not in ind.index:
                continue
            r = ind.loc[kode]
            for t, c in (
                ("target", "capaian"),
                ("target_akhir", "capaian_akhir"),
                ("target_lalu", "capaian_lalu"),
            ):
                real = "realisasi_lalu" if t == "target_lalu" else "realisasi"
                if not {t, real, c} <= g.keys():
                    continue
                harapan = hitung_capaian(
                    float(g[t].nilai),
                    float(g[real].nilai),
                    r["polaritas"],
                    L.konvensi.capaian_turun,
                    L.konvensi.batas_capaian,
                )
                if harapan is None:
                    continue
                ket = (
                    f"dari angka tercetak: target {fmt.angka(g[t].nilai)}, realisasi "
                    f"{fmt.angka(g[real].nilai)} (polaritas {r['polaritas']}, konvensi "
                    f"{L.konvensi.capaian_turun})"
                )
                rows.append(_cek_angka(f"cek.{awal}.{c}", lokasi, g[c], harapan, 2, _pct, ket))
    return rows


def _cek_jumlah(L: Laporan, per_lokasi: dict[str, dict[str, Cetakan]]) -> list[dict[str, str]]:
    """Printed parts (per sasaran, per program) summed against the total they should make."""
    total = L.tabel["anggaran_total"].iloc[0]
    sasaran = list(L.tabel["anggaran_sasaran"]["sasaran"])
    program = [_slug_program(p) for p in L.tabel["anggaran_program"]["program"]]
    sp = L.tabel["anggaran_sasaran_program"]
    per_sasaran = L.tabel["anggaran_sasaran"].set_index("sasaran")
    kelompok = [
        ("sasaran", [f"anggaran.sasaran.{k}" for k in sasaran], "anggaran.total", total),
        ("program", [f"anggaran.program.{p}" for p in program], "anggaran.total", total),
    ]
    for kode in sasaran:
        bagian = [
            f"anggaran.sasaran_program.{kode}.{_slug_program(p)}"
            for p in sp.loc[sp["sasaran"] == kode, "program"]
        ]
        kelompok.append(
            (f"sasaran_program.{kode}", bagian, f"anggaran.sasaran.{kode}", per_sasaran.loc[kode])
        )
    rows = []
    for lokasi, angka in per_lokasi.items():
        for nama, bagian, induk, hitung in kelompok:
            for f in ("pagu", "realisasi", "sisa"):
                ids = [f"{b}.{f}" for b in bagian]
                if len(ids) < 2 or not all(i in angka for i in ids):
                    continue
                jumlah = sum(angka[i].nilai for i in ids)
                tercetak = angka.get(f"{induk}.{f}")
                if tercetak is not None:
                    harapan, ket = int(tercetak.nilai), f"dibanding {induk}.{f} yang dicetak"
                else:
                    harapan, ket = int(hitung[f]), f"dibanding {induk}.{f} hasil perhitungan"
                ket = f"jumlah {len(ids)} angka {nama} yang dicetak, {ket}"
                rows.append(
                    _cek_angka(
                        f"jumlah.anggaran.{nama}.{f}",
                        lokasi,
                        Cetakan(jumlah, 0),
                        harapan,
                        0,
                        _rp,
                        ket,
                    )
                )
    return rows


def _cek_nilai(
    metrik: str, dari_bagian: float, tercatat: float, desimal: int, cetak: Callable, ket: str
) -> dict[str, str]:
    c = Cetakan(bulatkan(dari_bagian, desimal), desimal)
    return _cek_angka(metrik, LOKASI_INTERNAL, c, tercatat, desimal, cetak, ket)


def cek_internal(L: Laporan) -> list[dict[str, str]]:
    """Checks that need no printed figure: parts against totals, shares against their parts,
    statuses against capaian, IKM and IDM against their inputs. Always run."""
    rows = []
    total = L.tabel["anggaran_total"].iloc[0]
    for nama, tabel in (
        ("program", "anggaran_program"),
        ("sasaran", "anggaran_sasaran"),
        ("sasaran_program", "anggaran_sasaran_program"),
        ("sub_kegiatan", "anggaran_rinci"),
    ):
        t = L.tabel[tabel]
        for f in ("pagu", "realisasi"):
            rows.append(
                _cek_nilai(
                    f"cek.anggaran.{nama}.{f}",
                    int(t[f].sum()),
                    int(total[f]),
                    0,
                    _rp,
                    f"jumlah per {nama} dibanding total",
                )
            )
    tingkat = [("anggaran.total", L.tabel["anggaran_total"].iloc[0])]
    tingkat += [
        (f"anggaran.sasaran.{r['sasaran']}", r) for _, r in L.tabel["anggaran_sasaran"].iterrows()
    ]
    tingkat += [
        (f"anggaran.program.{_slug_program(r['program'])}", r)
        for _, r in L.tabel["anggaran_program"].iterrows()
    ]
    for awal, r in tingkat:
        pagu, real = int(r["pagu"]), int(r["realisasi"])
        rows.append(
            _cek_nilai(f"cek.{awal}.sisa", pagu - real, int(r["sisa"]), 0, _rp, "pagu − realisasi")
        )
        if pagu:
            rows.append(
                _cek_nilai(
                    f"cek.{awal}.serapan",
                    real / pagu * 100,
                    float(r["serapan"]),
                    2,
                    _pct,
                    "realisasi / pagu × 100",
                )
            )
            rows.append(
                _cek_nilai(
                    f"cek.{awal}.efisiensi",
                    (pagu - real) / pagu * 100,
                    float(r["efisiensi"]),
                    2,
                    _pct,
                    "sisa / pagu × 100",
                )
            )
    for _, r in L.kinerja.iterrows():
        t, real = _angka(r["target"]), _angka(r["realisasi"])
        c = hitung_capaian(
            t, real, r["polaritas"], L.konvensi.capaian_turun, L.konvensi.batas_capaian
        )
        if c is None or fmt.kosong(r["capaian"]):
            continue
        rows.append(
            _cek_nilai(
                f"cek.kinerja.{r['kode']}.capaian",
                c,
                float(r["capaian"]),
                2,
                _pct,
                f"capaian dihitung ulang dari target dan realisasi "
                f"(konvensi {L.konvensi.capaian_turun})",
            )
        )
        if not fmt.kosong(r["tercapai"]):
            m = Metrik(
                "", "status", bool(r["tercapai"]), "", pilihan=("tercapai", "belum tercapai")
            )
            kata = "tercapai" if c >= 100 else "belum tercapai"
            rows.append(
                _baris(
                    f"cek.kinerja.{r['kode']}.tercapai",
                    LOKASI_INTERNAL,
                    kata,
                    Hasil(
                        m.cetak(),
                        "",
                        SESUAI if kata == m.cetak() else TIDAK_SESUAI,
                        "status target dibanding capaian ≥ 100 %",
                    ),
                )
            )
    ikm = _angka(L.nilai.get("ikm"))
    unsur = L.tabel.get("skm_unsur")
    if ikm is not None and unsur is not None:
        dari = ikm_mod.ikm(unsur["nrr"].astype(float).tolist(), bobot=L.konvensi.bobot_ikm)
        rows.append(
            _cek_nilai(
                "cek.ikm.nilai",
                dari,
                ikm,
                2,
                fmt.angka,
                f"25 × rata-rata NRR (bobot {L.konvensi.bobot_ikm})",
            )
        )
    idm = L.tabel.get("idm")
    persen = _angka(L.nilai.get("persen_idm_meningkat"))
    if idm is not None and persen is not None:
        banding = idm[idm["meningkat"].notna()]
        dari = float(banding["meningkat"].astype(bool).sum()) / len(banding) * 100
        rows.append(
            _cek_nilai(
                "cek.idm.persen_meningkat",
                dari,
                persen,
                2,
                _pct,
                "desa meningkat / desa yang dibandingkan × 100",
            )
        )
        for _, r in L.kinerja[L.kinerja["sumber"] == "idm"].iterrows():
            rows.append(
                _cek_nilai(
                    f"cek.kinerja.{r['kode']}.realisasi",
                    persen,
                    float(r["realisasi"]),
                    2,
                    _pct,
                    "realisasi indikator dibanding persentase dari tabel desa",
                )
            )
    return rows


# --- the review ---------------------------------------------------------------------------


def reviu(L: Laporan, dilaporkan: pd.DataFrame | None) -> pd.DataFrame:
    """The review of one report: printed rows (in file order), checks of printed parts, then
    the internal checks. Columns :data:`KOLOM`. Raises DataTidakValid on a bad dilaporkan."""
    rows: list[dict[str, str]] = []
    if dilaporkan is not None and len(dilaporkan):
        masalah = periksa_dilaporkan(dilaporkan, L, f"{L.tahun}/{BERKAS}")
        if masalah:
            raise DataTidakValid(L.tahun, masalah)
        daftar = daftar_metrik(L)
        per_lokasi: dict[str, dict[str, Cetakan]] = {}
        for _, r in dilaporkan.iterrows():
            m = daftar.cari(r["metrik"])
            hasil = bandingkan(m, r["dilaporkan"])
            angka = m.jenis in ("angka", "persen", "rupiah", "jumlah") and not m.kosong
            if angka and str(r["dilaporkan"]).strip() not in _KOSONG:
                c = baca_cetakan(r["dilaporkan"], bulat=m.jenis in ("rupiah", "jumlah"))
                per_lokasi.setdefault(r["lokasi"], {}).setdefault(m.id, c)
                if hasil.status == TIDAK_SESUAI:
                    ket = _gabung(hasil.keterangan, _kembaran(m, c, daftar))
                    hasil = Hasil(hasil.dihitung, hasil.selisih, hasil.status, ket)
            rows.append(_baris(m.id, r["lokasi"], r["dilaporkan"], hasil))
        rows += _cek_bagian(L, per_lokasi)
        rows += _cek_jumlah(L, per_lokasi)
    rows += cek_internal(L)
    return pd.DataFrame(rows, columns=KOLOM)


def tulis_reviu(laporan: Laporan, folder: Path) -> Path:
    """Write the reviu computed with ``laporan`` as ``reviu.csv`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "reviu.csv"
    laporan.tabel["reviu"].to_csv(path, index=False)
    return path


def cetakan_laporan(L: Laporan, lokasi: str = "cetakan lkip") -> pd.DataFrame:
    """A dilaporkan table of every figure as this project prints it (for the self-check)."""
    rows = [
        {"metrik": m.id, "lokasi": lokasi, "dilaporkan": m.cetak()}
        for m in daftar_metrik(L)
        if not m.kosong
    ]
    return pd.DataFrame(rows, columns=["metrik", "lokasi", "dilaporkan"])


def ringkasan(hasil: pd.DataFrame) -> str:
    """One sentence: how many figures were checked and how many disagree."""
    n = hasil["status"].value_counts()
    return (
        f"Dari {fmt.angka(len(hasil), 0)} angka dan pernyataan yang diperiksa, "
        f"{fmt.angka(n.get(SESUAI, 0), 0)} sesuai, {fmt.angka(n.get(PEMBULATAN, 0), 0)} hanya "
        f"berbeda karena pembulatan dan {fmt.angka(n.get(TIDAK_SESUAI, 0), 0)} tidak sesuai."
    )


def tabel_temuan(hasil: pd.DataFrame) -> pd.DataFrame:
    """The findings (status other than sesuai), worst first, as display strings."""
    temuan = hasil[hasil["status"] != SESUAI].copy()
    temuan["_urut"] = (temuan["status"] != TIDAK_SESUAI).astype(int)
    temuan = temuan.sort_values("_urut", kind="stable")
    return pd.DataFrame(
        {
            "No": [str(i) for i in range(1, len(temuan) + 1)],
            "Lokasi": temuan["lokasi"],
            # a break opportunity after each dot, so a long id wraps inside its column
            "Metrik": temuan["metrik"].str.replace(".", ".\u200b", regex=False),
            "Dilaporkan": temuan["dilaporkan"],
            "Dihitung": temuan["dihitung"],
            "Selisih": temuan["selisih"].replace("", fmt.KOSONG),
            "Status": [
                f"{s} ({k})" if k else s
                for s, k in zip(temuan["status"], temuan["keterangan"], strict=True)
            ],
        }
    )


def teks_temuan(hasil: pd.DataFrame, tahun: int) -> str:
    """The findings as plain text for the terminal (``lkip reviu``)."""
    baris = [f"Hasil reviu angka LKIP {tahun}", ringkasan(hasil)]
    for status in (TIDAK_SESUAI, PEMBULATAN):
        bagian = hasil[hasil["status"] == status]
        if not len(bagian):
            continue
        baris += ["", f"{status.upper()} ({len(bagian)})"]
        for r in bagian.itertuples():
            teks = f"- {r.lokasi} | {r.metrik}: dilaporkan {r.dilaporkan}, dihitung {r.dihitung}"
            if r.selisih:
                teks += f", selisih {r.selisih}"
            if r.keterangan:
                teks += f" — {r.keterangan}"
            baris.append(teks)
    return "\n".join(baris)
