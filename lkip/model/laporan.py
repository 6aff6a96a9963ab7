"""Everything one year's report shows (:class:`Laporan`), and its way through
``data/processed/<year>/``: ``simpan``/``baca`` write and read it, so that notebooks read
validated, derived tables and never the raw files. :mod:`lkip.model.hitung` computes it.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from lkip.core.paths import ganti_folder
from lkip.core.sidik import sidik_kode
from lkip.formulas import ikm as ikm_mod
from lkip.formulas.predikat import (
    SKALA_CAPAIAN_PERMENDAGRI_86,
    SkalaCapaian,
    predikat_sakip,
    skala_capaian_dari,
)

BOOLEAN_COLUMNS = ("tercapai", "meningkat", "konsisten", "sesuai")


TEXT_COLUMNS = (
    "kode", "kode_iku", "tingkat", "sasaran", "indikator", "satuan", "polaritas", "skala", "sumber",
    "desa", "status_lalu", "status_kini", "unsur", "nama", "mutu", "kinerja",
    "program", "kegiatan", "sub_kegiatan", "kelompok", "kategori",
    "huruf_target", "huruf_realisasi", "huruf_target_akhir", "huruf_target_lalu",
    "huruf_realisasi_lalu", "predikat", "interpretasi_realisasi",
    "kolom", "segmen", "hanya_di", "label", "jenis",
    "metrik", "lokasi", "dilaporkan", "dihitung", "selisih", "status", "keterangan",
)  # fmt: skip


@dataclass(frozen=True)
class Konvensi:
    """Conventions that vary between agencies; the report states which ones it used."""

    capaian_turun: str = "rasio"
    batas_capaian: float | None = None
    bobot_ikm: str = "eksak"
    # The pemda's predikat scale for capaian, as rows {batas_bawah, label}; None = the
    # Permendagri 86/2017 style scale.
    skala_capaian: list[dict[str, Any]] | None = None

    @classmethod
    def dari_profil(cls, profil: dict[str, Any]) -> Konvensi:
        k = profil.get("konvensi") or {}
        return cls(
            capaian_turun=k.get("capaian_turun", cls.capaian_turun),
            batas_capaian=k.get("batas_capaian", cls.batas_capaian),
            bobot_ikm=str(k.get("bobot_ikm", cls.bobot_ikm)),
            skala_capaian=k.get("skala_capaian"),
        )

    def skala(self) -> SkalaCapaian:
        if self.skala_capaian is None:
            return SKALA_CAPAIAN_PERMENDAGRI_86
        return skala_capaian_dari(self.skala_capaian, nama="skala pemerintah daerah")


@dataclass
class Laporan:
    """The computed content of one year's LKIP."""

    tahun: int
    profil: dict[str, Any]
    narasi: dict[str, Any]
    konvensi: Konvensi
    tabel: dict[str, pd.DataFrame]
    nilai: dict[str, Any] = field(default_factory=dict)
    sumber: dict[str, str] = field(default_factory=dict)
    kode: str = field(default_factory=sidik_kode)  # the lkip sources that computed it

    # Convenience accessors used by the notebooks.
    @property
    def kinerja(self) -> pd.DataFrame:
        return self.tabel["kinerja"]

    @property
    def tren(self) -> pd.DataFrame:
        return self.tabel["tren"]

    def indikator(self, kode: str) -> pd.Series:
        return self.kinerja.set_index("kode").loc[kode]

    def teks(self, kunci: str, sub: str | None = None) -> list[str]:
        """Paragraphs of ``narasi.yaml`` (``kunci``, optionally ``kunci.sub``), placeholders filled.

        Prose may say ``{tahun}``, ``{tahun_lalu}``, ``{tahun_depan}``, ``{instansi}``,
        ``{kabupaten}`` or ``{periode_renstra}`` so that it need not be retyped each year.
        """
        isi = self.narasi.get(kunci)
        if sub is not None:
            isi = (isi or {}).get(sub)
        if isi is None:
            return []
        nilai = _Isian(
            tahun=self.tahun,
            tahun_lalu=self.tahun - 1,
            tahun_depan=self.tahun + 1,
            instansi=self.profil.get("instansi", ""),
            kabupaten=self.profil.get("kabupaten", ""),
            periode_renstra=self.profil.get("periode_renstra", ""),
        )
        daftar = [isi] if isinstance(isi, str) else list(isi)
        return [_isi_tempat(p, nilai) if isinstance(p, str) else p for p in daftar]

    def simpan(self, folder: Path) -> None:
        """Write the tables as CSV and the rest as JSON, replacing the folder atomically."""
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
        for nama, df in self.tabel.items():
            df.to_csv(tmp / f"{nama}.csv", index=False)
        meta = {
            "tahun": self.tahun,
            "profil": self.profil,
            "narasi": self.narasi,
            "konvensi": self.konvensi.__dict__,
            "nilai": self.nilai,
            "sumber": self.sumber,
            "kode": self.kode,
        }
        (tmp / "laporan.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )
        ganti_folder(tmp, folder)

    @classmethod
    def baca(cls, folder: Path) -> Laporan:
        meta = json.loads((folder / "laporan.json").read_text(encoding="utf-8"))
        tabel = {p.stem: baca_tabel(folder, p.stem) for p in sorted(folder.glob("*.csv"))}
        return cls(
            tahun=meta["tahun"],
            profil=meta["profil"],
            narasi=meta["narasi"],
            konvensi=Konvensi(**meta["konvensi"]),
            tabel=tabel,
            nilai=meta["nilai"],
            sumber=meta["sumber"],
            kode=meta.get("kode", ""),
        )


class _Isian(dict):
    """Placeholder values of the prose, by name."""


def _isi_tempat(teks: str, nilai: _Isian) -> str:
    """``{tahun}`` and the other known placeholders filled; any other brace is prose ("{", "}",
    "{catatan}") and stays as written, so it can never fail a chapter."""
    return re.sub(r"\{(\w+)\}", lambda m: str(nilai.get(m[1], m[0])), teks)


def baca_tabel(folder: Path, nama: str) -> pd.DataFrame:
    """One table of a processed year in ``folder``, as :meth:`Laporan.baca` reads it (for a
    reader that needs that table only)."""
    path = folder / f"{nama}.csv"
    head = pd.read_csv(path, nrows=0).columns
    dtype = {c: "string" for c in head if c in TEXT_COLUMNS or c in BOOLEAN_COLUMNS}
    # Only an empty cell is missing: a desa or kategori named "NA" is a name.
    df = pd.read_csv(path, dtype=dtype, keep_default_na=False, na_values=[""])
    teks = [c for c in df.columns if c in TEXT_COLUMNS]
    df[teks] = df[teks].fillna("")
    for c in BOOLEAN_COLUMNS:
        if c in df.columns:
            df[c] = df[c].map({"True": True, "False": False}).astype("boolean")
    return df


def predikat_skala(skala: str | None, nilai: float | None) -> tuple[str, str] | None:
    """(letter, its meaning) of a value on the indicator's ``skala``: mutu IKM (PermenPANRB
    14/2017) or SAKIP predikat (PermenPANRB 88/2021); None for other scales."""
    if nilai is None or pd.isna(nilai) or not skala or pd.isna(skala):
        return None
    if skala == "ikm":
        m = ikm_mod.mutu(nilai)
        return m.huruf, m.kinerja
    if skala == "sakip":
        p = predikat_sakip(nilai)
        return p.huruf, p.interpretasi
    return None


def huruf_skala(skala: str | None, nilai: float | None) -> str | None:
    """Letter printed beside a value: mutu IKM or SAKIP predikat, by the indicator's ``skala``."""
    predikat = predikat_skala(skala, nilai)
    return None if predikat is None else predikat[0]
