"""The year's IKM drop answered in detail: when (per period, change month), where (segment ×
unsur), what people wrote (comment themes) and whether it is real (permutation test, minimum
detectable change), as plain values and tables that the report stores and the notebook shows.

It combines the formulas (:mod:`lkip.formulas.ikm_waktu`, :mod:`lkip.formulas.ikm_sel`,
:mod:`lkip.formulas.ikm_uji`, :mod:`lkip.formulas.komentar`) on a year's
:class:`~lkip.model.ikm_perubahan.DataSkm`; every part the data cannot support is None and
named in ``batasan`` (as plain keys, worded by :mod:`lkip.presentation.kalimat_ikm`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from lkip.formulas import ikm_sel, ikm_uji, ikm_waktu, komentar
from lkip.formulas.ikm import BobotIKM
from lkip.formulas.ikm_bootstrap import bootstrap_delta, bootstrap_ikm
from lkip.formulas.ikm_matriks import BENIH, ULANG, skor_responden
from lkip.formulas.skm import TIDAK_DIISI, ikm_responden, matriks_jawaban
from lkip.inputs.ikm_rinci import baca_kata_kunci, bulan_responden
from lkip.inputs.kolom_skm import KOLOM_KOMENTAR
from lkip.model import skm_tahun
from lkip.model.ikm_perubahan import DataSkm, HasilPerubahan

SEMUA = "(semua)"
"""Choice meaning "no filter" for a service or a period."""


def tabel_perubahan(h: HasilPerubahan | None) -> dict[str, pd.DataFrame]:
    """The tables of the year-on-year change (:mod:`lkip.model.ikm_perubahan`) under the names the
    report stores them: ``ikm_perubahan_unsur``, ``ikm_waterfall``, ``ikm_segmen``."""
    tabel: dict[str, pd.DataFrame] = {}
    if h is not None and h.unsur is not None:
        tabel["ikm_perubahan_unsur"] = h.unsur
        tabel["ikm_waterfall"] = h.waterfall
    segmen = skm_tahun.tabel_segmen(h) if h is not None else None
    if segmen is not None:
        tabel["ikm_segmen"] = segmen
    return tabel


def saring(
    responden: pd.DataFrame,
    layanan: str = SEMUA,
    triwulan: int | None = None,
    berkas: str = "skm_responden",
) -> pd.DataFrame:
    """Respondents of one ``jenis_layanan`` and/or one quarter (1-4); SEMUA/None = all."""
    pilih = pd.Series(True, index=responden.index)
    if layanan != SEMUA and "jenis_layanan" in responden.columns:
        pilih &= responden["jenis_layanan"].astype("string") == layanan
    if triwulan is not None:
        bulan = bulan_responden(responden, berkas, None)
        pilih &= ((bulan - 1) // 3 + 1) == triwulan
    return responden[pilih.fillna(False).to_numpy()].reset_index(drop=True)


def _label(responden: pd.DataFrame, kolom: str) -> np.ndarray:
    """Each respondent's segment; blanks form "(tidak diisi)" so shares add up to 1."""
    if kolom not in responden.columns:
        raise KeyError(f"kolom segmen {kolom!r} tidak ada pada data responden")
    return responden[kolom].astype("string").fillna(TIDAK_DIISI).to_numpy(dtype=object)


def ikm_per_periode(
    responden: pd.DataFrame,
    bulan: pd.Series,
    satuan: str,
    bobot: BobotIKM = "eksak",
    n: int = ULANG,
    seed: int = BENIH,
) -> pd.DataFrame:
    """IKM of each period with its respondents and bootstrap interval.

    Columns: periode (number), label, n, ikm, bawah, atas. A period in which some unsur got no
    answer has no IKM (NaN), as a year would not; respondents without a date are left out.
    """
    nomor = ikm_waktu.periode(bulan, satuan).to_numpy(dtype=float, na_value=np.nan)
    baris = []
    for p in sorted({int(v) for v in nomor if not np.isnan(v)}):
        bagian = responden[nomor == p]
        try:
            nilai = ikm_responden(bagian, bobot)
            bawah, atas = bootstrap_ikm(bagian, n, seed, bobot)
        except ValueError:
            nilai = bawah = atas = math.nan
        baris.append(
            {
                "periode": p,
                "label": ikm_waktu.nama_periode(p, satuan),
                "n": len(bagian),
                "ikm": nilai,
                "bawah": bawah,
                "atas": atas,
            }
        )
    return pd.DataFrame(baris, columns=["periode", "label", "n", "ikm", "bawah", "atas"])


def _ada(responden: pd.DataFrame | None, kolom: str) -> bool:
    return responden is not None and kolom in responden.columns and responden[kolom].notna().any()


def waktu(
    kini: DataSkm, berkas: str, bobot: BobotIKM = "eksak", n: int = ULANG, seed: int = BENIH
) -> tuple[dict[str, Any] | None, pd.DataFrame | None]:
    """IKM per period (run chart) and the change month of the year ``kini``; (None, None)
    without dates. ``berkas`` names the file in a date error."""
    r = kini.responden
    if not _ada(r, "tanggal"):
        return None, None
    bulan = bulan_responden(r, berkas, kini.tahun)
    satuan = ikm_waktu.satuan_periode(bulan)
    tabel = ikm_per_periode(r, bulan, satuan, bobot, n, seed)
    hasil: dict[str, Any] = {
        "satuan": satuan,
        "batas": ikm_waktu.BATAS_PERIODE,
        "tanpa_tanggal": int(bulan.isna().sum()),
        "titik": None,
    }
    titik = ikm_waktu.titik_ubah(
        skor_responden(matriks_jawaban(r), bobot),
        bulan.to_numpy(dtype=float, na_value=np.nan),
        n,
        seed,
    )
    if titik is not None:
        b = titik["bulan_ubah"]
        ada = sorted({int(x) for x in bulan.dropna()})
        sebelum = (bulan < b).fillna(False).to_numpy()
        sesudah = (bulan >= b).fillna(False).to_numpy()
        titik |= {
            "bulan_awal": ada[0],
            "bulan_akhir": ada[-1],
            "ikm_sebelum": ikm_responden(r[sebelum], bobot),
            "ikm_sesudah": ikm_responden(r[sesudah], bobot),
            "alfa": ikm_waktu.ALFA,
        }
        hasil["titik"] = titik
    return hasil, tabel


def sel(
    lalu: DataSkm, kini: DataSkm, kolom: str, bobot: BobotIKM = "eksak"
) -> tuple[dict[str, Any], pd.DataFrame, pd.DataFrame]:
    """Segment × unsur decomposition and its three most negative cells."""
    r0, r1 = lalu.responden, kini.responden
    d = ikm_sel.dekomposisi_sel(
        matriks_jawaban(r0), _label(r0, kolom), matriks_jawaban(r1), _label(r1, kolom), bobot
    )
    turun = ikm_sel.sel_penurun(d["sel"])
    ringkas = {
        "kolom": kolom,
        "delta": d["delta"],
        "jumlah_dalam": math.fsum(d["sel"]["dalam"]),
        "jumlah_komposisi": math.fsum(d["sel"]["komposisi"]),
        "turun": [
            {"segmen": r.segmen, "unsur": r.unsur, "nama": r.nama, "dalam": float(r.dalam)}
            for r in turun.itertuples()
        ],
    }
    return ringkas, d["sel"], d["segmen"]


def tema_komentar(
    kini: DataSkm,
    kata_kunci: Mapping[str, Sequence[str]],
    label_periode: pd.Series | None,
) -> tuple[dict[str, Any] | None, pd.DataFrame | None]:
    """Comment themes of the year ``kini``: counts per unsur overall, per period and per
    service, long (kolom, kategori, unsur, jumlah); (None, None) without comments."""
    r = kini.responden
    if not _ada(r, KOLOM_KOMENTAR):
        return None, None
    teks = r[KOLOM_KOMENTAR]
    ada = teks.notna() & (teks.astype("string").str.strip() != "")
    bagian = [komentar.hitung_tema(teks, kata_kunci).assign(kolom="total", kategori="")]
    for kolom, label in (("periode", label_periode), ("jenis_layanan", r.get("jenis_layanan"))):
        if label is None:
            continue
        lebar = komentar.hitung_tema(teks, kata_kunci, label).drop(columns="jumlah")
        panjang = lebar.melt(id_vars="unsur", var_name="kategori", value_name="jumlah")
        bagian.append(panjang.assign(kolom=kolom))
    tabel = pd.concat(bagian, ignore_index=True)[["kolom", "kategori", "unsur", "jumlah"]]
    total = tabel[tabel["kolom"] == "total"]
    ringkas = {
        "jumlah_komentar": int(ada.sum()),
        "jumlah_responden": len(r),
        "tema": [
            {"unsur": u, "jumlah": int(j)}
            for u, j in zip(total["unsur"], total["jumlah"], strict=True)
        ],
    }
    return ringkas, tabel


def uji(
    lalu: DataSkm, kini: DataSkm, bobot: BobotIKM = "eksak", n: int = ULANG, seed: int = BENIH
) -> dict[str, Any]:
    """Bootstrap interval of ΔIKM, permutation test of "no change" and the minimum detectable
    change, side by side."""
    x0, x1 = matriks_jawaban(lalu.responden), matriks_jawaban(kini.responden)
    p = ikm_uji.uji_permutasi(x0, x1, n, seed, bobot)
    a, b = bootstrap_delta(lalu.responden, kini.responden, n, seed, bobot)
    return {
        "delta": p["delta"],
        "selang_delta": [a, b],
        "p": p["p"],
        "signifikan": p["signifikan"],
        "mdc": ikm_uji.perubahan_minimum_skor(skor_responden(x0, bobot), skor_responden(x1, bobot)),
        "alfa": ikm_uji.ALFA,
        "daya": ikm_uji.DAYA,
    }


def label_periode(kini: DataSkm, satuan: str, berkas: str = "skm_responden") -> pd.Series:
    """Each respondent's period name, ordered as the year runs (a categorical)."""
    bulan = bulan_responden(kini.responden, berkas, kini.tahun)
    nomor = ikm_waktu.periode(bulan, satuan)
    jumlah = 12 if satuan == "bulan" else 4
    nama = [ikm_waktu.nama_periode(i, satuan) for i in range(1, jumlah + 1)]
    label = [ikm_waktu.nama_periode(int(v), satuan) if not pd.isna(v) else None for v in nomor]
    hadir = [x for x in nama if x in set(label)]
    return pd.Series(pd.Categorical(label, categories=hadir))


def analisis_rinci(
    lalu: DataSkm | None,
    kini: DataSkm,
    kata_kunci: Mapping[str, Sequence[str]],
    segmen: str = "jenis_layanan",
    bobot: BobotIKM = "eksak",
    berkas: str = "skm_responden",
    n: int = ULANG,
    seed: int = BENIH,
) -> tuple[dict[str, Any], dict[str, pd.DataFrame]]:
    """Everything of this module for a year pair: (values for JSON, tables).

    ``batasan`` lists the keys of the parts the data do not allow: ``tanggal`` (no dates),
    ``responden_lalu`` (no respondents last year), ``segmen`` (column missing in a year),
    ``komentar`` (no comments)."""
    nilai: dict[str, Any] = {
        "tahun_lalu": kini.tahun - 1,
        "tahun_kini": kini.tahun,
        "ikm_kini": kini.nilai_ikm(bobot),
        "waktu": None,
        "sel": None,
        "komentar": None,
        "uji": None,
        "segmen": segmen,
        "batasan": [],
    }
    tabel: dict[str, pd.DataFrame] = {}
    if kini.responden is None:
        return nilai, tabel
    nilai["waktu"], periode = waktu(kini, berkas, bobot, n, seed)
    if periode is not None:
        tabel["ikm_periode"] = periode
    else:
        nilai["batasan"].append("tanggal")
    label = label_periode(kini, nilai["waktu"]["satuan"], berkas) if nilai["waktu"] else None
    nilai["komentar"], tema = tema_komentar(kini, kata_kunci, label)
    if tema is not None:
        tabel["ikm_komentar"] = tema
    else:
        nilai["batasan"].append("komentar")
    if lalu is None or lalu.responden is None:
        nilai["batasan"].append("responden_lalu")
        return nilai, tabel
    if _ada(lalu.responden, segmen) and _ada(kini.responden, segmen):
        nilai["sel"], tabel["ikm_sel"], tabel["ikm_sel_segmen"] = sel(lalu, kini, segmen, bobot)
    else:
        nilai["batasan"].append("segmen")
    nilai["uji"] = uji(lalu, kini, bobot, n, seed)
    return nilai, tabel


@dataclass
class Pilihan:
    """The change for one choice of the exploration notebook, ready for
    :func:`lkip.presentation.blok_ikm.perubahan`."""

    kini: DataSkm
    ubah: dict[str, Any]
    tabel: dict[str, pd.DataFrame]
    rinci: dict[str, Any] | None
    kata_kunci: dict[str, list[str]]


def _saring_data(data: DataSkm | None, layanan: str, triwulan: int | None) -> DataSkm | None:
    if data is None or data.responden is None or (layanan == SEMUA and not triwulan):
        return data
    return replace(data, responden=saring(data.responden, layanan, triwulan), ikm=None)


def pilihan(
    S: skm_tahun.SumberSkm,
    segmen: str = "kanal",
    kolom_rinci: str = "jenis_layanan",
    layanan: str = SEMUA,
    triwulan: int | None = None,
) -> Pilihan:
    """Everything of the report's IKM-change block for the respondents of one service and/or
    one quarter of both years (the whole year pair by default). ``S.kini`` must exist;
    ValueError when the chosen respondents leave some unsur unanswered."""
    lalu, kini = _saring_data(S.lalu, layanan, triwulan), _saring_data(S.kini, layanan, triwulan)
    h = skm_tahun.analisis(lalu, kini, segmen, S.bobot)
    ubah = skm_tahun.ringkas(h, lalu, kini, S.tahun - 1)
    tabel = tabel_perubahan(h)
    folder = Path(S.folder) / str(S.tahun)
    kata_kunci = baca_kata_kunci(folder if folder.is_dir() else None)
    isi = None
    if kini.responden is not None:
        isi, tambahan = analisis_rinci(lalu, kini, kata_kunci, kolom_rinci, S.bobot)
        tabel |= tambahan
    return Pilihan(kini, ubah, tabel, isi, kata_kunci)
