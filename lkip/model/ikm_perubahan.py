"""Why the IKM changed between two years: per unsur, per respondent segment, and against noise.

The IKM (PermenPANRB 14/2017) is 25 × the weighted mean of the nine unsur NRR, so its change
splits exactly into one share per unsur. With respondents in both years the change also splits
into a shift in who answered (e.g. more digital respondents) and a change within each group
(Kitagawa 1955), and resampling respondents tells whether the change exceeds sampling noise.
With less data only what the data supports is concluded; the rest is said to be unknown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from lkip.formulas.ikm import BobotIKM, ikm
from lkip.formulas.ikm_bootstrap import TINGKAT_SELANG, bootstrap_delta, bootstrap_ikm
from lkip.formulas.ikm_dekomposisi import (
    NrrMasukan,
    daftar_nrr,
    dekomposisi_segmen,
    dekomposisi_unsur,
    waterfall_unsur,
)
from lkip.formulas.ikm_matriks import BENIH, ULANG
from lkip.formulas.skm import ikm_responden, nrr_unsur

# How the report names the bootstrap intervals.
LABEL_SELANG = f"selang kepercayaan {TINGKAT_SELANG} % (bootstrap)"


@dataclass(frozen=True, eq=False)
class DataSkm:
    """What is known of one year's survey: respondents, or only unsur NRR, or only the IKM.

    The most detailed level given is used and the coarser ones are derived from it.
    """

    tahun: int
    responden: pd.DataFrame | None = None
    nrr: NrrMasukan | None = None
    ikm: float | None = None

    @property
    def tingkat(self) -> str:
        if self.responden is not None:
            return "responden"
        if self.nrr is not None:
            return "unsur"
        if self.ikm is not None:
            return "total"
        raise ValueError(f"tidak ada data SKM tahun {self.tahun}")

    def nrr_unsur(self) -> list[float] | None:
        if self.responden is not None:
            return nrr_unsur(self.responden)["nrr"].tolist()
        return None if self.nrr is None else daftar_nrr(self.nrr)

    def nilai_ikm(self, bobot: BobotIKM) -> float:
        if self.tingkat == "responden":
            return ikm_responden(self.responden, bobot)
        if self.nrr is not None:
            return ikm(daftar_nrr(self.nrr), bobot)
        return float(self.ikm)


@dataclass
class HasilPerubahan:
    """What can be said about the change; ``None`` where the data do not allow it.

    ``batasan`` names what cannot be concluded, one record per part: ``kunci`` (what is
    missing) with the years (``tahun``) or segment column (``kolom``) concerned; the sentences
    are built by :mod:`lkip.presentation.kalimat_ikm`.
    """

    tahun_lalu: int
    tahun_kini: int
    ikm_lalu: float
    ikm_kini: float
    delta: float
    unsur: pd.DataFrame | None = None
    waterfall: pd.DataFrame | None = None
    segmen: dict[str, dict] = field(default_factory=dict)
    selang_lalu: tuple[float, float] | None = None
    selang_kini: tuple[float, float] | None = None
    selang_delta: tuple[float, float] | None = None
    batasan: list[dict[str, Any]] = field(default_factory=list)


def _tahun_kurang(lalu: DataSkm, kini: DataSkm, tingkat: set[str]) -> list[int]:
    """The years whose data are coarser than ``tingkat``."""
    return [d.tahun for d in (lalu, kini) if d.tingkat not in tingkat]


def analisis_perubahan(
    lalu: DataSkm,
    kini: DataSkm,
    segmen: Sequence[str] = ("kanal",),
    n: int = ULANG,
    seed: int = BENIH,
    bobot: BobotIKM = "eksak",
) -> HasilPerubahan:
    """Everything the two years' data allow to be said about the IKM change, and no more.

    Total change: always. Per unsur: only with NRR (or respondents) in both years. Per segment
    and against sampling noise: only with respondents in both years. Each missing part is
    stated in ``batasan`` instead of being estimated.
    """
    h = HasilPerubahan(
        tahun_lalu=lalu.tahun,
        tahun_kini=kini.tahun,
        ikm_lalu=lalu.nilai_ikm(bobot),
        ikm_kini=kini.nilai_ikm(bobot),
        delta=0.0,
    )
    h.delta = h.ikm_kini - h.ikm_lalu
    for d in (lalu, kini):
        if d.tingkat == "total":
            h.batasan.append({"kunci": "hanya_total", "tahun": [d.tahun]})

    nrr0, nrr1 = lalu.nrr_unsur(), kini.nrr_unsur()
    if nrr0 is not None and nrr1 is not None:
        h.unsur = dekomposisi_unsur(nrr0, nrr1, bobot)
        h.waterfall = waterfall_unsur(h.unsur, bobot, f"IKM {lalu.tahun}", f"IKM {kini.tahun}")
    else:
        tahun = _tahun_kurang(lalu, kini, {"responden", "unsur"})
        h.batasan.append({"kunci": "tanpa_nrr", "tahun": tahun})

    if lalu.responden is None or kini.responden is None:
        h.batasan.append(
            {"kunci": "tanpa_responden", "tahun": _tahun_kurang(lalu, kini, {"responden"})}
        )
        return h

    for kolom in segmen:
        ada = [
            kolom in d.responden.columns and d.responden[kolom].notna().any() for d in (lalu, kini)
        ]
        if not all(ada):
            tahun = [d.tahun for d, a in zip((lalu, kini), ada, strict=True) if not a]
            h.batasan.append({"kunci": "segmen_kosong", "kolom": kolom, "tahun": tahun})
            continue
        try:
            h.segmen[kolom] = dekomposisi_segmen(lalu.responden, kini.responden, kolom, bobot)
        except ValueError as e:
            h.batasan.append({"kunci": "segmen_gagal", "kolom": kolom, "pesan": str(e)})
            continue

    h.selang_lalu = bootstrap_ikm(lalu.responden, n, seed, bobot)
    h.selang_kini = bootstrap_ikm(kini.responden, n, seed, bobot)
    h.selang_delta = bootstrap_delta(lalu.responden, kini.responden, n, seed, bobot)
    return h
