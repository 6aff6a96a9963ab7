"""The SKM data the IKM exploration notebook analyses: a year and the year before, read from
``data/raw`` through the report's own reader (:func:`lkip.model.hitung.baca_masukan`), or the
respondent files of a sample folder such as the synthetic ``data/sample``."""

from __future__ import annotations

import re
from pathlib import Path

from lkip.core.paths import PACKAGE_ROOT, folder_tahun, project_root, tahun_terakhir, tahun_tersedia
from lkip.inputs.responden import baca_responden, berkas_responden
from lkip.model.hitung import baca_masukan
from lkip.model.laporan import Konvensi
from lkip.model.skm_tahun import SumberSkm, data_skm, pengguna_layanan

__all__ = ["muat_sumber", "tahun_sumber"]


def _folder_data(sumber_data: str | Path) -> Path:
    path = Path(sumber_data)
    if path.is_absolute():
        return path
    for dasar in (project_root(), PACKAGE_ROOT):
        if (dasar / path).is_dir():
            return dasar / path
    raise FileNotFoundError(f"folder data {sumber_data!r} tidak ditemukan")


def _berkas_sampel(folder: Path, tahun: int) -> Path | None:
    """``<folder>/<tahun>/skm_responden.*`` or ``<folder>/skm_responden_<tahun>*.csv|xlsx``."""
    path = berkas_responden(folder / str(tahun))
    if path is not None:
        return path
    calon = sorted(
        p for p in folder.glob(f"skm_responden_{tahun}*") if p.suffix.lower() in {".csv", ".xlsx"}
    )
    return calon[0] if calon else None


def _tahun_sampel(folder: Path) -> list[int]:
    tahun = {int(p.name) for p in folder.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}", p.name)}
    tahun |= {
        int(m.group(1))
        for p in folder.glob("skm_responden_*")
        if (m := re.match(r"skm_responden_(\d{4})", p.name))
    }
    return sorted(tahun)


def tahun_sumber(sumber_data: str | Path | None = None, root: Path | None = None) -> list[int]:
    """The years :func:`muat_sumber` can open from ``sumber_data`` (None: ``data/raw``)."""
    if sumber_data is None:
        return tahun_tersedia(root)
    return _tahun_sampel(_folder_data(sumber_data))


def muat_sumber(
    tahun: int | None = None, sumber_data: str | Path | None = None, root: Path | None = None
) -> SumberSkm:
    """SKM data of ``tahun`` and ``tahun`` − 1 for the exploration notebook.

    ``sumber_data`` None reads ``data/raw`` as the report does (respondents, else
    ``skm_unsur.csv``, else the IKM indicator's total; a year the report could not be made of
    is refused with the same problems); a folder (e.g. ``"data/sample"``) reads only respondent
    files there.
    ``tahun`` None is the latest year found.
    """
    if sumber_data is None:
        if tahun is None:
            tahun = tahun_terakhir(root)
        mentah, riwayat, responden = baca_masukan(tahun, root)
        lalu = riwayat.get(tahun - 1)
        sebelum = None
        if lalu is not None:
            sebelum = data_skm(tahun - 1, responden.get(tahun - 1), lalu.skm_unsur, lalu.kinerja)
        kini = data_skm(tahun, responden.get(tahun), mentah.skm_unsur, mentah.kinerja)
        berkas = [
            path
            for t in (tahun - 1, tahun)
            if t in responden and (path := berkas_responden(folder_tahun(t, root))) is not None
        ]
        layanan = pengguna_layanan(mentah.profil, tahun)
        bobot = Konvensi.dari_profil(mentah.profil).bobot_ikm
        folder = folder_tahun(tahun, root).parent
        return SumberSkm(tahun, sebelum, kini, folder, berkas, layanan, bobot)

    folder = _folder_data(sumber_data)
    if tahun is None:
        ada = _tahun_sampel(folder)
        if not ada:
            raise FileNotFoundError(f"tidak ada berkas skm_responden di {folder}")
        tahun = ada[-1]
    data = {}
    berkas = []
    for t in (tahun - 1, tahun):
        path = _berkas_sampel(folder, t)
        berkas += [path] if path is not None else []
        data[t] = None if path is None else data_skm(t, baca_responden(path), None, None)
    return SumberSkm(tahun, data[tahun - 1], data[tahun], folder, berkas)
