"""What respondents wrote: free-text comments grouped by the unsur they speak of.

Pure functions: a comment speaks of an unsur when it contains one of that unsur's keywords as a
whole word (an Indonesian "-nya" allowed, so "biayanya" counts for biaya and "saran" does not
fire inside "sarana"). The keyword lists come from ``lkip/inputs/kata_kunci_komentar.yaml`` or a
year's own copy (read by :mod:`lkip.inputs.komentar`). A comment may speak of several unsur.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandas as pd

from lkip.formulas.ikm import UNSUR

LAINNYA = "lainnya"
"""Theme of a comment that names no unsur's keyword."""


def _kata(teks: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", teks.lower()).split())


def _ada(kata: str, kunci: Sequence[str]) -> bool:
    return any(re.search(rf"\b{re.escape(_kata(k))}(nya)?\b", kata) for k in kunci)


def unsur_komentar(teks: object, kata_kunci: Mapping[str, Sequence[str]]) -> list[str]:
    """Unsur codes (U1..U9 order) whose keywords occur in ``teks``; [] for a blank comment,
    [``LAINNYA``] for one that names none."""
    if teks is None or pd.isna(teks) or not str(teks).strip():
        return []
    kata = _kata(str(teks))
    hasil = [kode for kode, _ in UNSUR if _ada(kata, kata_kunci.get(kode, ()))]
    return hasil or [LAINNYA]


def tema(komentar: pd.Series, kata_kunci: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """One row per (comment, unsur it speaks of): ``baris`` (position in ``komentar``),
    ``unsur``. Blank comments have no row."""
    baris = [
        {"baris": i, "unsur": kode}
        for i, teks in enumerate(komentar.tolist())
        for kode in unsur_komentar(teks, kata_kunci)
    ]
    return pd.DataFrame(baris, columns=["baris", "unsur"])


def hitung_tema(
    komentar: pd.Series, kata_kunci: Mapping[str, Sequence[str]], menurut: pd.Series | None = None
) -> pd.DataFrame:
    """Number of comments per unsur (rows U1..U9 then ``lainnya``, only those that occur) and,
    with ``menurut`` (a label per comment, e.g. period or service), one column per label plus
    ``jumlah``. A comment counted under two unsur counts once in each."""
    t = tema(komentar.reset_index(drop=True), kata_kunci)
    urutan = [k for k, _ in UNSUR] + [LAINNYA]
    if menurut is None:
        jumlah = t["unsur"].value_counts()
        ada = [u for u in urutan if u in jumlah]
        return pd.DataFrame({"unsur": ada, "jumlah": [int(jumlah[u]) for u in ada]})
    label = pd.Series(menurut).reset_index(drop=True)
    if not isinstance(label.dtype, pd.CategoricalDtype):  # categories keep their order
        label = label.astype("string").fillna("(tidak diisi)")
    t["label"] = label.iloc[t["baris"]].reset_index(drop=True)  # categories keep their order
    tabel = pd.crosstab(t["unsur"], t["label"], dropna=False) if len(t) else pd.DataFrame()
    tabel = tabel.reindex([u for u in urutan if u in tabel.index])
    tabel.columns = [str(c) for c in tabel.columns]
    tabel["jumlah"] = tabel.sum(axis=1)
    return tabel.astype("int64").rename_axis(None).reset_index(names="unsur")
