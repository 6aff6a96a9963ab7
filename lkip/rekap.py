"""The recap of every office for one year: the figures each office's own report prints.

A coordinator compares offices on a handful of figures (IKM, SAKIP, IDM, budget, indicators
met). Each is taken from the office's :class:`lkip.model.laporan.Laporan`, the same model its
notebooks print from, so the recap can never disagree with a report. A figure an office
does not have is None with the reason, in Bahasa Indonesia, next to it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from lkip.core import fmt
from lkip.core.errors import DataTidakValid
from lkip.core.paths import InstansiTidakJelas, daftar_instansi, dengan_instansi, tahun_tersedia
from lkip.formulas.predikat import predikat_sakip

# Optional column of kinerja.csv: the kabupaten's code of an indicator several offices share.
KOLOM_KODE_IKU = "kode_iku"
# The figures compared; the names of RingkasanInstansi fields.
ANGKA = (
    "ikm",
    "sakip",
    "persen_idm",
    "pagu",
    "realisasi",
    "serapan",
    "tercapai",
    "temuan_reviu",
)


@dataclass(frozen=True)
class Indikator:
    """One indicator of an office, with the key that matches it across offices."""

    kunci: str
    indikator: str
    capaian: float | None


@dataclass(frozen=True)
class RingkasanInstansi:
    """What the recap shows of one office's year; ``alasan`` says why a figure is None."""

    instansi: str
    nama: str
    tahun: int
    kabupaten: str = ""
    ikm: float | None = None
    mutu_ikm: str | None = None
    kinerja_ikm: str | None = None
    sakip: float | None = None
    predikat_sakip: str | None = None
    persen_idm: float | None = None
    pagu: float | None = None
    realisasi: float | None = None
    serapan: float | None = None
    tercapai: int | None = None
    jumlah_indikator: int | None = None
    temuan_reviu: int | None = None
    indikator: tuple[Indikator, ...] = ()
    alasan: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class BarisRekap:
    """One office in the recap: this year (or why not) and last year (or why not)."""

    instansi: str
    kini: RingkasanInstansi | None
    lalu: RingkasanInstansi | None
    alasan_kini: str | None = None
    alasan_lalu: str | None = None


@dataclass(frozen=True)
class Rekap:
    tahun: int
    baris: tuple[BarisRekap, ...]

    @property
    def ada(self) -> list[RingkasanInstansi]:
        """The offices whose report of the year could be computed."""
        return [b.kini for b in self.baris if b.kini is not None]

    def indikator_bersama(self) -> dict[str, dict[str, Indikator]]:
        """Indicators found in at least two offices: key -> {office: indicator}."""
        per_kunci: dict[str, dict[str, Indikator]] = {}
        for r in self.ada:
            for ind in r.indikator:
                per_kunci.setdefault(ind.kunci, {})[r.instansi] = ind
        return {k: v for k, v in sorted(per_kunci.items()) if len(v) >= 2}


def _angka(x: Any) -> float | None:
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) else x


def kunci_indikator(baris: pd.Series) -> str:
    """``kode_iku`` when the office filled it in, else the indicator's text as written."""
    kode = baris.get(KOLOM_KODE_IKU)
    if not fmt.tanpa_teks(kode):
        return f"{KOLOM_KODE_IKU}:{str(kode).strip()}"
    return f"indikator:{str(baris['indikator']).strip()}"


def ringkas(laporan: Any, instansi: str) -> RingkasanInstansi:
    """The recap's figures of one computed report (a :class:`lkip.model.laporan.Laporan`)."""
    nilai, kinerja = laporan.nilai, laporan.kinerja
    alasan: dict[str, str] = {}
    ikm = _angka(nilai.get("ikm"))
    if ikm is None:
        alasan["ikm"] = "tidak ada data SKM (skm_unsur.csv atau skm_responden.csv)"
    sakip_baris = kinerja[kinerja["skala"] == "sakip"] if "skala" in kinerja else kinerja[:0]
    sakip = _angka(sakip_baris["realisasi"].iloc[0]) if len(sakip_baris) else None
    if not len(sakip_baris):
        alasan["sakip"] = 'tidak ada indikator berskala "sakip" di kinerja.csv'
    elif sakip is None:
        alasan["sakip"] = "realisasi nilai SAKIP belum diisi"
    persen_idm = _angka(nilai.get("persen_idm_meningkat"))
    if persen_idm is None:
        alasan["persen_idm"] = "tidak ada data IDM dua tahun (idm.csv) untuk dibandingkan"
    total = laporan.tabel["anggaran_total"].iloc[0]
    serapan = _angka(total["serapan"])
    if serapan is None:
        alasan["serapan"] = "pagu nol"
    temuan = None
    if nilai.get("reviu_dilaporkan"):
        from lkip.reviu import TIDAK_SESUAI

        temuan = int((laporan.tabel["reviu"]["status"] == TIDAK_SESUAI).sum())
    else:
        alasan["temuan_reviu"] = "tidak ada dilaporkan.csv (angka tercetak) untuk direviu"
    return RingkasanInstansi(
        instansi=instansi,
        nama=str(laporan.profil.get("instansi") or instansi),
        tahun=laporan.tahun,
        kabupaten=str(laporan.profil.get("kabupaten") or ""),
        ikm=ikm,
        mutu_ikm=nilai.get("mutu_ikm") if ikm is not None else None,
        kinerja_ikm=nilai.get("kinerja_ikm") if ikm is not None else None,
        sakip=sakip,
        predikat_sakip=predikat_sakip(sakip).huruf if sakip is not None else None,
        persen_idm=persen_idm,
        pagu=_angka(total["pagu"]),
        realisasi=_angka(total["realisasi"]),
        serapan=serapan,
        tercapai=int(kinerja["tercapai"].eq(True).sum()),
        jumlah_indikator=len(kinerja),
        temuan_reviu=temuan,
        indikator=tuple(
            Indikator(kunci_indikator(r), str(r["indikator"]), _angka(r["capaian"]))
            for _, r in kinerja.iterrows()
        ),
        alasan=alasan,
    )


def dari_pembanding(laporan: Any, instansi: str, alasan: str) -> RingkasanInstansi:
    """Last year's figures as this year's report prints them for comparison.

    A history year (only kinerja.csv and idm.csv) has no report of its own; its IKM, SAKIP and
    IDM still appear in this year's report (the IKM change, the realisasi of last year).
    """
    kinerja = laporan.kinerja
    perubahan = laporan.nilai.get("ikm_perubahan") or {}

    def lalu(kolom: str, nilai: str) -> float | None:
        baris = kinerja[kinerja[kolom] == nilai] if kolom in kinerja else kinerja[:0]
        return _angka(baris["realisasi_lalu"].iloc[0]) if len(baris) else None

    ikm, sakip, idm = _angka(perubahan.get("ikm_lalu")), lalu("skala", "sakip"), None
    if laporan.nilai.get("persen_idm_meningkat") is not None:
        idm = lalu("sumber", "idm")
    kosong = {k: alasan for k in ANGKA}
    ada = {"ikm": ikm, "sakip": sakip, "persen_idm": idm}
    return RingkasanInstansi(
        instansi=instansi,
        nama=str(laporan.profil.get("instansi") or instansi),
        tahun=laporan.tahun - 1,
        ikm=ikm,
        sakip=sakip,
        predikat_sakip=predikat_sakip(sakip).huruf if sakip is not None else None,
        persen_idm=idm,
        alasan={k: v for k, v in kosong.items() if ada.get(k) is None},
    )


def _muat(instansi: str, tahun: int, root: Path | None) -> tuple[Any, str]:
    """The office's computed report of ``tahun``, or None and why not."""
    from lkip.processed import muat

    with dengan_instansi(instansi):
        if tahun not in tahun_tersedia(root):
            return None, f"tidak ada data tahun {tahun} (data/raw/{instansi}/{tahun}/)"
        try:
            return muat(tahun, root), ""
        except (DataTidakValid, FileNotFoundError, InstansiTidakJelas) as e:
            pertama = str(e).splitlines()[0]
            return None, f"data tahun {tahun} belum valid: {pertama}"


def susun_rekap(tahun: int, root: Path | None = None) -> Rekap:
    """Every office that has data for ``tahun``, with last year's figures where both exist."""
    baris = []
    for instansi in daftar_instansi(root):
        with dengan_instansi(instansi):
            if tahun not in tahun_tersedia(root):
                continue
        laporan, alasan_kini = _muat(instansi, tahun, root)
        kini = ringkas(laporan, instansi) if laporan is not None else None
        lama, alasan_lalu = _muat(instansi, tahun - 1, root)
        if lama is not None:
            lalu: RingkasanInstansi | None = ringkas(lama, instansi)
        elif laporan is not None and tahun - 1 in laporan.nilai.get("tahun_tersedia", []):
            lalu = dari_pembanding(
                laporan, instansi, f"data tahun {tahun - 1} hanya data riwayat, tanpa laporan"
            )
        else:
            lalu = None
        baris.append(BarisRekap(instansi, kini, lalu, alasan_kini or None, alasan_lalu or None))
    return Rekap(tahun=tahun, baris=tuple(baris))
