"""What one year's Survei Kepuasan Masyarakat (SKM) data allow, shared by report and notebook.

A year may have respondents (``skm_responden.*``), only unsur NRR (``skm_unsur.csv``) or only a
total IKM (the realisasi of the IKM indicator in ``kinerja.csv``). The report
(``lkip.model.hitung``) and the exploration notebook (``lkip.model.sumber_skm``) both go
through these functions, so they compute the unsur table, the respondent profile and the change
since last year the same way (PermenPANRB 14/2017).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from lkip.core.errors import DataTidakValid, Masalah
from lkip.core.fmt import angka
from lkip.formulas import ikm as ikm_mod
from lkip.formulas.skm import TIDAK_DIISI, dengan_kelompok_umur, nrr_unsur, profil_responden
from lkip.inputs.kolom_skm import KOLOM_PROFIL
from lkip.model.ikm_perubahan import DataSkm, HasilPerubahan, analisis_perubahan

__all__ = [
    "SumberSkm",
    "analisis",
    "beda_total",
    "data_skm",
    "indikator_ikm",
    "kolom_segmen",
    "nrr_per_segmen",
    "pengguna_layanan",
    "profil",
    "ringkas",
    "tabel_segmen",
    "tabel_unsur",
]

KOLOM_SEGMEN = (
    "kanal",
    "jenis_layanan",
    "jenis_kelamin",
    "kelompok_umur",
    "pendidikan",
    "pekerjaan",
)
"""Columns a change can be split by; ``kanal`` first, the report's own explanation."""

SINTETIS = "SINTETIS"
"""Marker in the file names of the synthetic sample (``data/sample``)."""


def tabel_unsur(
    responden: pd.DataFrame | None = None,
    skm_unsur: pd.DataFrame | None = None,
    tahun: int | None = None,
) -> pd.DataFrame | None:
    """The unsur table of the report: unsur, nama, nrr (+ n_jawab from respondents), mutu,
    kinerja, peringkat. Respondents win over ``skm_unsur.csv``; None when neither exists.

    An unsur nobody answered has no NRR, so no IKM can be computed (PermenPANRB 14/2017):
    raised as :class:`DataTidakValid` naming the unsur.
    """
    if responden is not None:
        unsur = nrr_unsur(responden)
        kosong = unsur.loc[unsur["n_jawab"] == 0, "unsur"].tolist()
        if kosong:
            pesan = "tidak ada responden yang menjawab unsur ini, sehingga IKM tidak dapat dihitung"
            berkas = f"{tahun}/skm_responden"
            raise DataTidakValid(
                tahun, [Masalah(berkas, None, u.lower(), None, pesan) for u in kosong]
            )
    elif skm_unsur is not None:
        urutan = [kode for kode, _ in ikm_mod.UNSUR]
        unsur = skm_unsur.set_index("unsur").loc[urutan].reset_index()
    else:
        return None
    mutu = [ikm_mod.mutu_unsur(v) for v in unsur["nrr"]]
    unsur["mutu"] = [m.huruf for m in mutu]
    unsur["kinerja"] = [m.kinerja for m in mutu]
    unsur["peringkat"] = ikm_mod.peringkat(unsur.set_index("unsur")["nrr"]).to_numpy()
    return unsur


def indikator_ikm(kinerja: pd.DataFrame | None) -> pd.Series | None:
    """The IKM indicator of ``kinerja.csv``: computed from the survey (``sumber`` = skm) or,
    in a year known only from the published report, typed with ``skala`` = ikm."""
    if kinerja is None:
        return None
    skala = kinerja["skala"] if "skala" in kinerja.columns else pd.Series("", index=kinerja.index)
    baris = kinerja[(kinerja["sumber"] == "skm") | (skala == "ikm")]
    return None if baris.empty else baris.iloc[0]


def data_skm(
    tahun: int,
    responden: pd.DataFrame | None,
    skm_unsur: pd.DataFrame | None,
    kinerja: pd.DataFrame | None,
) -> DataSkm | None:
    """The most detailed SKM data of a year; None when the year has no IKM at all.

    ``kinerja`` is only used for a total-only year: its IKM indicator's realisasi.
    """
    total = None
    baris = indikator_ikm(kinerja)
    if baris is not None and not pd.isna(baris["realisasi"]):
        total = float(baris["realisasi"])
    if responden is not None:
        responden = dengan_kelompok_umur(responden)
    if responden is None and skm_unsur is None and total is None:
        return None
    return DataSkm(tahun, responden=responden, nrr=skm_unsur, ikm=total)


def profil(responden: pd.DataFrame) -> pd.DataFrame:
    """Respondent profile, long: kolom, kategori, jumlah, persen (per column, shares add to 100),
    the columns in the order of :data:`lkip.inputs.kolom_skm.KOLOM_PROFIL`."""
    bagian = [
        profil_responden(responden, kolom).assign(kolom=kolom)
        for kolom in KOLOM_PROFIL
        if kolom in responden.columns and responden[kolom].notna().any()
    ]
    if not bagian:
        return pd.DataFrame(columns=["kolom", "kategori", "jumlah", "persen"])
    return pd.concat(bagian, ignore_index=True)[["kolom", "kategori", "jumlah", "persen"]]


def pengguna_layanan(profil_yaml: dict[str, Any], tahun: int) -> int | None:
    """``skm.pengguna_layanan`` of ``profil.yaml``: the number of service users in the survey
    period, the population of the Krejcie–Morgan sample size. None when not given."""
    nilai = (profil_yaml.get("skm") or {}).get("pengguna_layanan")
    if nilai is None:
        return None
    if isinstance(nilai, bool) or not isinstance(nilai, int) or nilai <= 0:
        pesan = 'kunci "skm.pengguna_layanan" harus bilangan bulat positif, misalnya 1500'
        raise DataTidakValid(
            tahun, [Masalah(f"{tahun}/profil.yaml", None, None, str(nilai), pesan)]
        )
    return nilai


def beda_total(data: DataSkm, bobot: ikm_mod.BobotIKM = "eksak") -> dict[str, Any] | None:
    """When the IKM computed from respondents or NRR differs from the total typed in
    ``kinerja.csv`` (a published, often rounded figure): the year, what it was computed from
    (``tingkat``), the computed and the typed IKM, so the reader can be told which one the
    change analysis uses. None when they agree once printed."""
    if data.ikm is None or data.tingkat == "total":
        return None
    hitung = data.nilai_ikm(bobot)
    if angka(hitung, 2) == angka(data.ikm, 2):  # the same figure once printed
        return None
    return {"tahun": data.tahun, "tingkat": data.tingkat, "dihitung": hitung, "tercatat": data.ikm}


def kolom_segmen(*responden: pd.DataFrame) -> list[str]:
    """Segment columns filled in every given respondent table, ``kanal`` first."""
    return [
        k for k in KOLOM_SEGMEN if all(k in r.columns and r[k].notna().any() for r in responden)
    ]


def analisis(
    lalu: DataSkm | None,
    kini: DataSkm,
    segmen: str | Sequence[str] = ("kanal",),
    bobot: ikm_mod.BobotIKM = "eksak",
) -> HasilPerubahan | None:
    """The change since last year (:func:`lkip.model.ikm_perubahan.analisis_perubahan`); None
    without any IKM last year. ``umur`` as a segment means its bands (``kelompok_umur``)."""
    if lalu is None:
        return None
    daftar = [segmen] if isinstance(segmen, str) else list(segmen)
    daftar = ["kelompok_umur" if s == "umur" else s for s in daftar]
    return analisis_perubahan(lalu, kini, segmen=daftar, bobot=bobot)


def _angka(x: Any) -> float | None:
    return None if x is None else float(x)


def _selang(s: tuple[float, float] | None) -> list[float] | None:
    return None if s is None else [float(s[0]), float(s[1])]


def ringkas(
    h: HasilPerubahan | None, lalu: DataSkm | None, kini: DataSkm, tahun_lalu: int
) -> dict[str, Any]:
    """The change as plain values (JSON), what the report stores and its sentences and tables
    read (:mod:`lkip.presentation.kalimat_ikm`). Without last year's IKM the only content is
    that it is missing."""
    if h is None or lalu is None:
        return {
            "tahun_lalu": tahun_lalu,
            "tahun_kini": kini.tahun,
            "tingkat_lalu": None,
            "tingkat_kini": kini.tingkat,
            "batasan": [{"kunci": "tanpa_ikm_lalu", "tahun": [tahun_lalu]}],
        }
    return {
        "tahun_lalu": h.tahun_lalu,
        "tahun_kini": h.tahun_kini,
        "tingkat_lalu": lalu.tingkat,
        "tingkat_kini": kini.tingkat,
        "ikm_lalu": float(h.ikm_lalu),
        "ikm_kini": float(h.ikm_kini),
        "delta": float(h.delta),
        "mutu_kini": list(ikm_mod.mutu(h.ikm_kini)),
        "selang_lalu": _selang(h.selang_lalu),
        "selang_kini": _selang(h.selang_kini),
        "selang_delta": _selang(h.selang_delta),
        "segmen": {
            kolom: {
                "komposisi": float(s["komposisi"]),
                "dalam": float(s["dalam"]),
                "residu": float(s["residu"]),
                "delta": float(s["delta"]),
                "segmen_satu_tahun": list(s["segmen_satu_tahun"]),
            }
            for kolom, s in h.segmen.items()
        },
        "batasan": [dict(b) for b in h.batasan],
    }


def tabel_segmen(h: HasilPerubahan) -> pd.DataFrame | None:
    """Every segment split of ``h`` in one table, ``kolom`` naming the segment column."""
    if not h.segmen:
        return None
    return pd.concat(
        [s["segmen"].assign(kolom=kolom) for kolom, s in h.segmen.items()], ignore_index=True
    )[["kolom", *h.segmen[next(iter(h.segmen))]["segmen"].columns]]


def nrr_per_segmen(responden: pd.DataFrame, kolom: str) -> pd.DataFrame:
    """NRR of each unsur within each group of ``kolom`` (rows U1..U9, one column per group):
    which unsur a group rates lower. Blank segment values form "(tidak diisi)"."""
    if kolom == "umur":
        kolom = "kelompok_umur"
        responden = dengan_kelompok_umur(responden)
    if kolom not in responden.columns:
        raise KeyError(f"kolom segmen {kolom!r} tidak ada pada data responden")
    grup = responden[kolom].astype("string").fillna(TIDAK_DIISI)
    hasil = pd.DataFrame(
        {"unsur": [k for k, _ in ikm_mod.UNSUR], "nama": [n for _, n in ikm_mod.UNSUR]}
    )
    for nilai in sorted(grup.unique()):
        hasil[nilai] = nrr_unsur(responden[(grup == nilai).to_numpy()])["nrr"].to_numpy()
    return hasil


@dataclass
class SumberSkm:
    """The SKM data of a year and the year before, from ``data/raw`` or a sample folder."""

    tahun: int
    lalu: DataSkm | None
    kini: DataSkm | None
    folder: Path
    berkas: list[Path] = field(default_factory=list)
    pengguna_layanan: int | None = None
    bobot: ikm_mod.BobotIKM = "eksak"

    @property
    def sintetis(self) -> bool:
        """True when any file read is part of the synthetic sample: never official figures."""
        return any(SINTETIS in p.name.upper() for p in self.berkas)
