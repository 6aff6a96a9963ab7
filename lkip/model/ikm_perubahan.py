"""Why the IKM changed between two years: per unsur, per respondent segment, and against noise.

The IKM (PermenPANRB 14/2017) is 25 × the weighted mean of the nine unsur NRR, so its change
splits exactly into one share per unsur. With respondents in both years the change also splits
into a shift in who answered (e.g. more digital respondents) and a change within each group
(Kitagawa 1955), and resampling respondents tells whether the change exceeds sampling noise.
With less data only what the data supports is concluded; the rest is said to be unknown.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from lkip.formulas.ikm import UNSUR, BobotIKM, ikm, kontribusi_unsur
from lkip.formulas.ikm_matriks import BENIH, ULANG, faktor_bobot
from lkip.formulas.skm import TIDAK_DIISI, ikm_responden, matriks_jawaban, nrr_unsur

# Confidence level of the bootstrap intervals, in percent, and how the report names them.
TINGKAT_SELANG = 95
LABEL_SELANG = f"selang kepercayaan {TINGKAT_SELANG} % (bootstrap)"

__all__ = [
    "DataSkm",
    "HasilPerubahan",
    "analisis_perubahan",
    "bootstrap_delta",
    "bootstrap_ikm",
    "dekomposisi_segmen",
    "dekomposisi_unsur",
    "waterfall_unsur",
]

NrrMasukan = Sequence[float] | Mapping[str, float] | pd.DataFrame
"""NRR of U1..U9: a sequence in unsur order, a mapping kode -> NRR, or a table with columns
``unsur`` and ``nrr`` (as :func:`lkip.formulas.skm.nrr_unsur` returns)."""

_KODE = tuple(kode for kode, _ in UNSUR)


def _daftar_nrr(nrr: NrrMasukan) -> list[float]:
    if isinstance(nrr, pd.DataFrame):
        nrr = dict(zip(nrr["unsur"], nrr["nrr"], strict=True))
    if isinstance(nrr, Mapping):
        kurang = [k for k in _KODE if k not in nrr]
        if kurang:
            raise ValueError(f"NRR tidak lengkap: tidak ada {', '.join(kurang)}")
        return [float(nrr[k]) for k in _KODE]
    return [float(x) for x in nrr]


def dekomposisi_unsur(
    nrr_lalu: NrrMasukan, nrr_kini: NrrMasukan, bobot: BobotIKM = "eksak"
) -> pd.DataFrame:
    """Each unsur's share of the IKM change: weight × 25 × ΔNRR (PermenPANRB 14/2017).

    The IKM is linear in the NRR, so the shares (``kontribusi``) add up to IKM_kini − IKM_lalu
    exactly, under either weight.
    """
    lalu, kini = _daftar_nrr(nrr_lalu), _daftar_nrr(nrr_kini)
    faktor = faktor_bobot(bobot)
    kontribusi = [k * faktor for k in kontribusi_unsur(lalu, kini)]
    return pd.DataFrame(
        {
            "unsur": list(_KODE),
            "nama": [nama for _, nama in UNSUR],
            "nrr_lalu": lalu,
            "nrr_kini": kini,
            "delta_nrr": [k - x for x, k in zip(lalu, kini, strict=True)],
            "kontribusi": kontribusi,
        }
    )


def waterfall_unsur(
    dekomposisi: pd.DataFrame,
    bobot: BobotIKM = "eksak",
    label_awal: str = "IKM tahun lalu",
    label_akhir: str = "IKM tahun ini",
) -> pd.DataFrame:
    """Bars of a waterfall chart: last year's IKM, one step per unsur, this year's IKM.

    ``dasar``/``puncak`` are each bar's bottom and top; ``kumulatif`` is the level after the
    bar, so the last step ends where this year's IKM bar stands.
    """
    awal = ikm(dekomposisi["nrr_lalu"].tolist(), bobot)
    akhir = ikm(dekomposisi["nrr_kini"].tolist(), bobot)
    baris = [{"label": label_awal, "jenis": "awal", "nilai": awal, "dasar": 0.0, "puncak": awal}]
    tingkat = awal
    for kode, nilai in zip(dekomposisi["unsur"], dekomposisi["kontribusi"], strict=True):
        sebelum, tingkat = tingkat, tingkat + nilai
        baris.append(
            {
                "label": kode,
                "jenis": "unsur",
                "nilai": nilai,
                "dasar": min(sebelum, tingkat),
                "puncak": max(sebelum, tingkat),
            }
        )
    baris.append(
        {"label": label_akhir, "jenis": "akhir", "nilai": akhir, "dasar": 0.0, "puncak": akhir}
    )
    tabel = pd.DataFrame(baris)
    tabel["kumulatif"] = [awal, *(awal + tabel["nilai"].iloc[1:-1].cumsum()).tolist(), akhir]
    return tabel


def _segmen(responden: pd.DataFrame, kolom: str) -> pd.Series:
    if kolom not in responden.columns:
        raise KeyError(f"kolom segmen {kolom!r} tidak ada pada data responden")
    return responden[kolom].astype("string").fillna(TIDAK_DIISI)


def dekomposisi_segmen(
    resp_lalu: pd.DataFrame, resp_kini: pd.DataFrame, segmen: str, bobot: BobotIKM = "eksak"
) -> dict:
    """Split ΔIKM into a shift in who answered and a change within each group (Kitagawa 1955).

    With s the segment's share of respondents and IKM its own IKM in each year (0 = lalu,
    1 = kini), symmetric weights give

        komposisi = Σ (s₁ − s₀)(IKM₀ + IKM₁)/2      dalam = Σ (IKM₁ − IKM₀)(s₀ + s₁)/2

    and ``residu`` = ΔIKM − komposisi − dalam, so the three add up to ΔIKM by construction.
    The residu is zero when every respondent answered every unsur: then each NRR, hence the
    IKM, is the share-weighted mean of the segments' ones. A blank answer makes an unsur's NRR
    weight the segments by their shares among those who answered *that* unsur, which are not
    the shares s; the residu measures that, and is small when blanks are few.

    A segment seen in one year only (e.g. a channel opened this year) has no IKM in the other.
    It is given the IKM of the year it exists, so its whole weight s·IKM counts as
    composition and none as a within-segment change that nobody observed; the identity still
    holds because that IKM is multiplied by a share of zero. Such rows carry ``hanya_di``
    ("lalu" | "kini") and are listed in ``segmen_satu_tahun``. Blank segment values form their
    own segment "(tidak diisi)" so the shares add up to 1.
    """
    seg0, seg1 = _segmen(resp_lalu, segmen), _segmen(resp_kini, segmen)
    ikm0, ikm1 = ikm_responden(resp_lalu, bobot), ikm_responden(resp_kini, bobot)
    baris = []
    for nilai in sorted(set(seg0) | set(seg1)):
        n0, n1 = int((seg0 == nilai).sum()), int((seg1 == nilai).sum())
        s0, s1 = n0 / len(seg0), n1 / len(seg1)
        try:
            i0 = ikm_responden(resp_lalu[(seg0 == nilai).to_numpy()], bobot) if n0 else None
            i1 = ikm_responden(resp_kini[(seg1 == nilai).to_numpy()], bobot) if n1 else None
        except ValueError as e:
            raise ValueError(f"segmen {segmen} = {nilai!r}: {e}") from e
        hanya_di = None if n0 and n1 else ("lalu" if n0 else "kini")
        i0_pakai = i0 if i0 is not None else i1
        i1_pakai = i1 if i1 is not None else i0
        baris.append(
            {
                "segmen": nilai,
                "n_lalu": n0,
                "n_kini": n1,
                "s_lalu": s0,
                "s_kini": s1,
                "ikm_lalu": i0_pakai,
                "ikm_kini": i1_pakai,
                "komposisi": (s1 - s0) * (i0_pakai + i1_pakai) / 2,
                "dalam": (i1_pakai - i0_pakai) * (s0 + s1) / 2,
                "hanya_di": hanya_di,
            }
        )
    tabel = pd.DataFrame(baris)
    delta = ikm1 - ikm0
    komposisi = math.fsum(tabel["komposisi"])
    dalam = math.fsum(tabel["dalam"])
    return {
        "kolom": segmen,
        "segmen": tabel,
        "ikm_lalu": ikm0,
        "ikm_kini": ikm1,
        "delta": delta,
        "komposisi": komposisi,
        "dalam": dalam,
        "residu": delta - komposisi - dalam,
        "segmen_satu_tahun": tabel.loc[tabel["hanya_di"].notna(), "segmen"].tolist(),
    }


def _ikm_ulang(x: np.ndarray, n: int, rng: np.random.Generator, bobot: BobotIKM) -> np.ndarray:
    """IKM of ``n`` resamples of the rows of ``x`` (respondents × unsur, NaN = blank).

    Each resample is a count per respondent, so NRR sums are one matrix product instead of a
    loop over resamples × respondents. A resample in which nobody answered some unsur has no
    IKM and is NaN (left out of the percentiles).
    """
    r = x.shape[0]
    if r == 0:
        raise ValueError("tidak ada responden untuk bootstrap")
    pilih = rng.integers(0, r, size=(n, r))
    hitung = np.bincount((pilih + np.arange(n)[:, None] * r).ravel(), minlength=n * r)
    hitung = hitung.reshape(n, r).astype(float)
    terisi = ~np.isnan(x)
    jumlah = hitung @ np.where(terisi, x, 0.0)
    banyak = hitung @ terisi.astype(float)
    hasil = np.full(n, np.nan)
    sah = (banyak > 0).all(axis=1)
    hasil[sah] = [ikm(baris, bobot) for baris in jumlah[sah] / banyak[sah]]
    return hasil


def _selang(nilai: np.ndarray) -> tuple[float, float]:
    if np.isnan(nilai).all():
        raise ValueError("bootstrap gagal: tiap sampel ulang kehilangan jawaban suatu unsur")
    ekor = (100 - TINGKAT_SELANG) / 2
    bawah, atas = np.nanpercentile(nilai, [ekor, 100 - ekor])
    return float(bawah), float(atas)


def bootstrap_ikm(
    responden: pd.DataFrame, n: int = ULANG, seed: int = BENIH, bobot: BobotIKM = "eksak"
) -> tuple[float, float]:
    """95 % percentile interval of the IKM, resampling respondents with replacement.

    Respondents, not answers, are resampled because one person's nine answers move together.
    The same ``seed`` gives the same interval.
    """
    ikm_responden(responden, bobot)  # fails clearly when an unsur has no answer at all
    return _selang(_ikm_ulang(matriks_jawaban(responden), n, np.random.default_rng(seed), bobot))


def bootstrap_delta(
    resp_lalu: pd.DataFrame,
    resp_kini: pd.DataFrame,
    n: int = ULANG,
    seed: int = BENIH,
    bobot: BobotIKM = "eksak",
) -> tuple[float, float]:
    """95 % percentile interval of IKM_kini − IKM_lalu, the two samples resampled independently
    (different respondents each year)."""
    ikm_responden(resp_lalu, bobot)
    ikm_responden(resp_kini, bobot)
    rng = np.random.default_rng(seed)
    lalu = _ikm_ulang(matriks_jawaban(resp_lalu), n, rng, bobot)
    kini = _ikm_ulang(matriks_jawaban(resp_kini), n, rng, bobot)
    return _selang(kini - lalu)


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
        return None if self.nrr is None else _daftar_nrr(self.nrr)

    def nilai_ikm(self, bobot: BobotIKM) -> float:
        if self.tingkat == "responden":
            return ikm_responden(self.responden, bobot)
        if self.nrr is not None:
            return ikm(_daftar_nrr(self.nrr), bobot)
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
