"""How an IKM change splits: per unsur, and per respondent segment (PermenPANRB 14/2017).

The IKM is 25 × the weighted mean of the nine unsur NRR, so its change splits exactly into
one share per unsur. With respondents in both years the change also splits into a shift in who
answered (e.g. more digital respondents) and a change within each group (Kitagawa 1955).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from lkip.formulas.ikm import UNSUR, BobotIKM, ikm, kontribusi_unsur
from lkip.formulas.ikm_matriks import faktor_bobot
from lkip.formulas.skm import TIDAK_DIISI, ikm_responden

NrrMasukan = Sequence[float] | Mapping[str, float] | pd.DataFrame
"""NRR of U1..U9: a sequence in unsur order, a mapping kode -> NRR, or a table with columns
``unsur`` and ``nrr`` (as :func:`lkip.formulas.skm.nrr_unsur` returns)."""

_KODE = tuple(kode for kode, _ in UNSUR)


def daftar_nrr(nrr: NrrMasukan) -> list[float]:
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
    lalu, kini = daftar_nrr(nrr_lalu), daftar_nrr(nrr_kini)
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
    A segment's own share of the composition effect is measured from the overall level M (the
    mean of the two years' IKM), (s₁ − s₀)(m − M) with m its own IKM₀ and IKM₁'s mean, as
    :mod:`lkip.formulas.ikm_sel` does per cell: a segment whose share moved but whose IKM is
    average adds nothing, and one scoring below average adds less when its share grew. The
    shares add up to 1 in both years, so Σ (s₁ − s₀) M = 0 and the terms still add up to the
    komposisi above; without M each term was the share's move times an IKM near 90, tens of
    points of opposite signs that told the reader nothing (Yun 2005 on detailed
    decompositions: a category's term depends on its reference until it is normalised).
    The residu is zero when every respondent answered every unsur: then each NRR, hence the
    IKM, is the share-weighted mean of the segments' ones. A blank answer makes an unsur's NRR
    weight the segments by their shares among those who answered *that* unsur, which are not
    the shares s; the residu measures that, and is small when blanks are few.

    A segment seen in one year only (e.g. a channel opened this year) has no IKM in the other.
    It is given the IKM of the year it exists, so its whole weight s·(IKM − M) counts as
    composition and none as a within-segment change that nobody observed; the identity still
    holds because that IKM is multiplied by a share of zero. Such rows carry ``hanya_di``
    ("lalu" | "kini") and are listed in ``segmen_satu_tahun``. Blank segment values form their
    own segment "(tidak diisi)" so the shares add up to 1.
    """
    seg0, seg1 = _segmen(resp_lalu, segmen), _segmen(resp_kini, segmen)
    ikm0, ikm1 = ikm_responden(resp_lalu, bobot), ikm_responden(resp_kini, bobot)
    acuan = (ikm0 + ikm1) / 2  # M: the level a segment's shift is measured from
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
                "komposisi": (s1 - s0) * ((i0_pakai + i1_pakai) / 2 - acuan),
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
