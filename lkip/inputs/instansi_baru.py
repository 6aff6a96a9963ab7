"""A new office's input folder, made from another office (``make new-instansi``).

Every kecamatan of a kabupaten reports in the same structure, so a new office starts from one
that already works: the same files, columns, profil and narasi keys and conventions. Nothing
of the other office's identity or figures is copied (its name, camat, NIP, address, desa,
indicators, programs, texts): those are left empty, so that validation lists exactly what the
new office has to fill in. Lists that are the same for every office (the nine SKM unsur of
PermenPAN-RB 14/2017, the staff categories) keep their rows with the figures emptied.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from lkip.core.errors import TahunBaruGagal
from lkip.core.paths import (
    dengan_instansi,
    folder_staging,
    periksa_slug,
    project_root,
    relatif,
    tahun_tersedia,
)
from lkip.inputs.schemas import TABEL
from lkip.inputs.tahun import NARASI_PER_KODE, muat_tahun
from lkip.inputs.tahun_baru import (
    README,
    _kosongkan,
    _petunjuk,
    _tulis_buku,
    _tulis_csv,
    nama_buku,
)

# profil.yaml keys shared by the offices of one kabupaten: copied as they are.
PROFIL_UMUM = frozenset({"kabupaten", "periode_renstra", "konvensi"})


@dataclass(frozen=True)
class InstansiBaru:
    """What ``buat_instansi_baru`` made."""

    instansi: str
    asal: str
    tahun: int
    folder: Path


def buat_instansi_baru(slug: str, dari: str, root: Path | None = None) -> InstansiBaru:
    """Create ``data/raw/<slug>/<latest year of dari>/`` with ``dari``'s structure only.

    The folder is built aside and moved into place at the end; an existing office is never
    touched.
    """
    root = (root or project_root()).resolve()
    slug, dari = periksa_slug(slug), periksa_slug(dari)
    base = root / "data" / "raw"
    tujuan_instansi = base / slug
    if tujuan_instansi.exists():
        raise TahunBaruGagal(
            f"folder {relatif(tujuan_instansi, root)} sudah ada dan tidak akan ditimpa"
        )
    with dengan_instansi(dari):
        tahun_ada = tahun_tersedia(root)
        if not (base / dari).is_dir() or not tahun_ada:
            raise TahunBaruGagal(
                f"instansi contoh {dari} tidak punya folder tahun di data/raw/{dari}/"
            )
        tahun = tahun_ada[-1]
        mentah = muat_tahun(tahun, root, wajib_lengkap=False)
        folder_asal = base / dari / str(tahun)

    tabel = {n: _tanpa_isi(n, df) for n, df in mentah.tabel.items()}
    staging = folder_staging(base, f".{slug}-baru-")
    try:
        folder = staging / str(tahun)
        folder.mkdir()
        for nama, df in tabel.items():
            _tulis_csv(df, folder / f"{nama}.csv")
        _tulis_buku(tabel, tahun, folder / nama_buku(tahun))
        asal = {f"{n}.csv": tahun for n in tabel}
        narasi = None
        if (folder_asal / "profil.yaml").is_file():
            profil = _profil_kosong(mentah.profil)
            _tulis_yaml(profil, folder / "profil.yaml", f"profil.yaml {slug}")
            asal["profil.yaml"] = tahun
        if (folder_asal / "narasi.yaml").is_file():
            narasi = _tulis_yaml(
                _narasi_kosong(mentah.narasi), folder / "narasi.yaml", f"narasi.yaml {slug}"
            )
            asal["narasi.yaml"] = tahun
        petunjuk = _petunjuk(tahun, tabel, asal, narasi)
        pembuka = (
            f"# Instansi baru: {slug}\n\nFolder ini dibuat oleh `make new-instansi "
            f"INSTANSI={slug} FROM={dari}`: susunan berkas, kolom dan kunci narasi sama dengan "
            f"{dari}, tetapi **nama instansi, kepala, NIP, alamat, desa, indikator, program dan "
            "semua angka masih kosong**. Sebutkan instansinya pada setiap perintah: "
            f"`make validate INSTANSI={slug} YEAR={tahun}`.\n\n"
        )
        (folder / README).write_text(pembuka + petunjuk, encoding="utf-8")
        if tujuan_instansi.exists():
            raise TahunBaruGagal(f"folder {relatif(tujuan_instansi, root)} baru saja dibuat")
        staging.rename(tujuan_instansi)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return InstansiBaru(instansi=slug, asal=dari, tahun=tahun, folder=tujuan_instansi / str(tahun))


def _tanpa_isi(nama: str, df: pd.DataFrame) -> pd.DataFrame:
    """The table's columns; its rows too when they are the same for every office."""
    if TABEL[nama].sama_tiap_instansi:
        return _kosongkan(nama, df)
    return df.iloc[0:0].copy()


def _kosong(nilai: Any) -> Any:
    """The same shape with every text and figure emptied: keys stay, values go."""
    if isinstance(nilai, dict):
        return {k: _kosong(v) for k, v in nilai.items()}
    if isinstance(nilai, list):
        return []
    return ""


def _profil_kosong(profil: dict[str, Any]) -> dict[str, Any]:
    return {k: (v if k in PROFIL_UMUM else _kosong(v)) for k, v in profil.items()}


def _narasi_kosong(narasi: dict[str, Any]) -> dict[str, Any]:
    """Every key of narasi.yaml, empty; texts per indicator go with the indicators."""
    return {k: ({} if k in NARASI_PER_KODE else _kosong(v)) for k, v in narasi.items()}


def _tulis_yaml(data: dict[str, Any], path: Path, judul: str) -> str:
    kepala = (
        f"# {judul}: dibuat oleh make new-instansi; semua kunci sudah ada, isinya masih kosong.\n"
        "# Isi menurut data/README.md, lalu periksa dengan make validate.\n"
    )
    teks = kepala + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(teks, encoding="utf-8")
    return teks


def tampilkan(hasil: InstansiBaru) -> str:
    """What the command prints after making the folder."""
    return (
        f"Folder {hasil.folder} dibuat dengan susunan {hasil.asal} tahun {hasil.tahun}, "
        "tanpa identitas dan angkanya.\n"
        f"Petunjuk: {hasil.folder / README}.\n"
        f"Periksa apa yang masih kosong dengan: make validate INSTANSI={hasil.instansi} "
        f"YEAR={hasil.tahun}"
    )
