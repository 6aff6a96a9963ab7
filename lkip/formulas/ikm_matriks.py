"""The IKM of a respondents × unsur answer matrix (NaN = not answered), PermenPANRB 14/2017.

The building block of the "why did the IKM drop" formulas: NRR per unsur = sum of the answers
given / number who answered it, IKM = 25 × weighted mean of the NRR (:func:`lkip.formulas.ikm.ikm`),
and each respondent's own score on the IKM scale. Pure functions over numpy arrays.
"""

from __future__ import annotations

import numpy as np

from lkip.formulas.ikm import KONVERSI, NILAI_MAX, UNSUR, BobotIKM, ikm

ULANG = 2000  # resamples of a bootstrap, reshuffles of a permutation test
BENIH = 2024  # their random seed: the same data always give the same interval and p-value


def faktor_bobot(bobot: BobotIKM) -> float:
    """What the weight does to a 25/9 share: 1 for the exact 1/9, 0,999 (= 0.111 × 9) for the
    rounded 0.111, read off :func:`lkip.formulas.ikm.ikm` itself."""
    penuh = [NILAI_MAX] * len(UNSUR)
    return ikm(penuh, bobot) / ikm(penuh)


def bobot_unsur(bobot: BobotIKM) -> float:
    """IKM points that one NRR point of one unsur is worth: 25 / 9 (× 0,999 under the
    rounded 0.111 weight)."""
    return KONVERSI / len(UNSUR) * faktor_bobot(bobot)


def nrr_matriks(x: np.ndarray) -> np.ndarray:
    """NRR of each unsur (column); NaN for an unsur nobody answered."""
    banyak = (~np.isnan(x)).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(banyak > 0, np.nansum(x, axis=0) / np.maximum(banyak, 1), np.nan)


def ikm_matriks(x: np.ndarray, bobot: BobotIKM = "eksak") -> float:
    """IKM of the respondents in ``x``; ValueError when some unsur got no answer (no NRR)."""
    nrr = nrr_matriks(x)
    if np.isnan(nrr).any():
        kosong = ", ".join(kode for (kode, _), v in zip(UNSUR, nrr, strict=True) if np.isnan(v))
        raise ValueError(f"IKM tidak dapat dihitung: tidak ada jawaban untuk {kosong}")
    return ikm(nrr.tolist(), bobot)


def ikm_baris(jumlah: np.ndarray, banyak: np.ndarray, bobot: BobotIKM) -> np.ndarray:
    """IKM of each row of per-unsur answer sums and counts (a resample, a reshuffle): the
    regulation's formula (:func:`lkip.formulas.ikm.ikm`) on NRR = sum / count, row by row, so
    these IKM are the report's to the last bit. NaN for a row in which some unsur has no
    answer (no NRR, so no IKM)."""
    hasil = np.full(jumlah.shape[0], np.nan)
    sah = (banyak > 0).all(axis=1)
    hasil[sah] = [ikm(baris, bobot) for baris in jumlah[sah] / banyak[sah]]
    return hasil


def skor_responden(x: np.ndarray, bobot: BobotIKM = "eksak") -> np.ndarray:
    """Each respondent's own score on the IKM scale: 25 × mean of the unsur they answered
    (× 0,999 under the rounded 0.111 weight). NaN for a respondent who answered nothing."""
    terisi = (~np.isnan(x)).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        rata = np.where(terisi > 0, np.nansum(x, axis=1) / np.maximum(terisi, 1), np.nan)
    return KONVERSI * faktor_bobot(bobot) * rata
