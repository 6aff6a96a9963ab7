"""``dilaporkan.csv``: the figures of a published report, read and checked against the metrik.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from lkip.core import fmt
from lkip.core.errors import DataTidakValid, Masalah
from lkip.core.paths import folder_tahun
from lkip.inputs import schemas
from lkip.inputs.tahun import baca_tabel
from lkip.model.laporan import Laporan
from lkip.reviu.banding import bandingkan
from lkip.reviu.metrik import MetrikTidakDikenal, daftar_metrik

BERKAS = "dilaporkan.csv"


def periksa_dilaporkan(dilaporkan: pd.DataFrame, L: Laporan, berkas: str) -> list[Masalah]:
    """Every problem of a dilaporkan table: schema (pandera), unknown metrik, unreadable value.

    Lines are spreadsheet lines (header = 1), taken from the frame's index (row 0 = line 2).
    """
    try:
        schemas.periksa(schemas.dilaporkan(), dilaporkan)
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


def baca_dilaporkan(L: Laporan, root: Path | None = None) -> pd.DataFrame | None:
    """``data/raw/<year>/dilaporkan.csv`` validated against the metrik of report ``L``; None if
    absent. Raises :class:`DataTidakValid` naming line and value of every bad row.
    """
    tahun = L.tahun
    path = folder_tahun(tahun, root) / BERKAS
    if not path.exists() and not path.is_symlink():
        return None
    tabel = baca_tabel(path, "dilaporkan", {})
    masalah = periksa_dilaporkan(tabel, L, f"{tahun}/{BERKAS}")
    if masalah:
        raise DataTidakValid(tahun, masalah)
    return tabel[["metrik", "lokasi", "dilaporkan"]].reset_index(drop=True)
