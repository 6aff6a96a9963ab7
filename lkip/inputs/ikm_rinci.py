"""Inputs of the detailed IKM analysis (:mod:`lkip.model.ikm_rinci`, "why did the IKM drop")
beyond the answers: the month of each response and the comment keyword lists (YAML). The
comments themselves are the respondent table's ``komentar`` column
(:func:`lkip.inputs.responden.baca_responden`).

Every problem is told with file, spreadsheet line and column, in Bahasa Indonesia.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from lkip.core.errors import DataTidakValid, Masalah
from lkip.formulas.ikm import UNSUR
from lkip.inputs.berkas_mentah import label_berkas
from lkip.inputs.yaml_aman import baca_yaml

NAMA_KATA_KUNCI = "kata_kunci_komentar.yaml"
KATA_KUNCI_BAWAAN = Path(__file__).with_name(NAMA_KATA_KUNCI)
"""The shipped keyword lists; a year folder's own file replaces the unsur it names."""

_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T].*)?$")
_GARIS_MIRING = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s.*)?$")


def _tahun(path: Path) -> int | None:
    return int(path.parent.name) if re.fullmatch(r"\d{4}", path.parent.name) else None


def baca_kata_kunci(folder: Path | None = None) -> dict[str, list[str]]:
    """Keyword lists per unsur: the shipped ones, each replaced by the year folder's own list
    when ``folder/kata_kunci_komentar.yaml`` names that unsur."""
    daftar = _baca_yaml(KATA_KUNCI_BAWAAN, None)
    if folder is not None and (Path(folder) / NAMA_KATA_KUNCI).is_file():
        path = Path(folder) / NAMA_KATA_KUNCI
        daftar |= _baca_yaml(path, _tahun(path))
    return daftar


def _baca_yaml(path: Path, tahun: int | None) -> dict[str, list[str]]:
    berkas = label_berkas(path)
    dibaca, masalah = baca_yaml(path, berkas)  # safe: no aliases, bounded depth and size
    if dibaca is None:
        raise DataTidakValid(tahun, masalah)
    isi = dibaca.isi or {}
    if not isinstance(isi, dict):
        pesan = "isi harus berupa pemetaan unsur (U1..U9) -> daftar kata kunci"
        raise DataTidakValid(tahun, [Masalah(berkas, None, None, None, pesan)])
    kode = dict(UNSUR)
    masalah, hasil = [], {}
    for kunci, kata in isi.items():
        k = str(kunci).strip().upper()
        if k not in kode:
            masalah.append(Masalah(berkas, None, str(kunci), None, "kunci harus U1..U9"))
        elif not isinstance(kata, list) or not all(isinstance(x, str) and x.strip() for x in kata):
            pesan = f"kata kunci {k} ({kode[k]}) harus berupa daftar teks yang tidak kosong"
            masalah.append(Masalah(berkas, None, k, None, pesan))
        else:
            hasil[k] = [x.strip() for x in kata]
    if masalah:
        raise DataTidakValid(tahun, masalah)
    return hasil


def bulan_responden(responden: pd.DataFrame, berkas: str, tahun: int | None) -> pd.Series:
    """Month (1-12) of each response from ``tanggal``; NA where it is blank.

    Accepted: ``2023-07-14`` (ISO, as the plain table has it, time allowed; ``/`` too) and a
    Google Forms "Cap waktu" ``14/07/2023 10:21:05`` (``-`` or ``.`` too). The latter is
    day/month as an Indonesian-locale sheet writes it, unless some value's second number
    exceeds 12, which proves a month/day (en-US) sheet. Anything else is an error naming the
    line.
    """
    if "tanggal" not in responden.columns:
        return pd.Series(pd.NA, index=responden.index, dtype="Int64")
    teks = responden["tanggal"].astype("string").str.strip()
    miring = teks.str.extract(_GARIS_MIRING.pattern).astype("float")
    bulan_dulu = bool((miring[1] > 12).any())
    hasil, masalah = [], []
    for i, v in enumerate(teks.tolist()):
        if v is None or pd.isna(v) or not v:
            hasil.append(pd.NA)
            continue
        if m := _ISO.match(v):
            bulan = int(m.group(2))
        elif m := _GARIS_MIRING.match(v):
            bulan = int(m.group(1) if bulan_dulu else m.group(2))
        else:
            bulan = 0
        if not 1 <= bulan <= 12:
            pesan = "tanggal harus seperti 2023-07-14 atau 14/07/2023 (Cap waktu Google Forms)"
            masalah.append(Masalah(berkas, i + 2, "tanggal", v, pesan))
            hasil.append(pd.NA)
        else:
            hasil.append(bulan)
    if masalah:
        raise DataTidakValid(tahun, masalah)
    return pd.Series(hasil, index=responden.index, dtype="Int64")
