"""A new year's input folder, made from the latest earlier year (``make new-year YEAR=2024``).

Each January the analyst starts from last year's files: the indicators, desa, unsur and budget
lines rarely change, this year's figures all do. The new folder keeps every name and code and
leaves every figure of the year empty, so that validation lists exactly what is left to fill
in. The same tables are also written as one Excel workbook (a sheet per table) for those who
work in Excel. An existing folder is never touched.
"""

from __future__ import annotations

import csv
import math
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.styles import Font, PatternFill

from lkip.core.errors import TahunBaruGagal
from lkip.core.paths import folder_staging, folder_tahun, raw_dir, relatif, tahun_tersedia
from lkip.inputs.schemas import TABEL
from lkip.inputs.tahun import muat_tahun

__all__ = [
    "TahunBaru",
    "TahunBaruGagal",
    "buat_tahun_baru",
    "nama_buku",
    "tampilkan",
]

README = "README-TAHUN-BARU.md"
_TANGGAL = re.compile(r"^(?P<awal>\s+tanggal:)[^#\n]*(?P<komentar>#.*)?$", re.MULTILINE)
_ISI = PatternFill("solid", fgColor="FFF2CC")


@dataclass
class TahunBaru:
    """What ``buat_tahun_baru`` made: the folder, and which year each file came from."""

    tahun: int
    folder: Path
    asal: dict[str, int] = field(default_factory=dict)

    @property
    def buku(self) -> Path:
        return self.folder / nama_buku(self.tahun)


def nama_buku(tahun: int) -> str:
    """File name of the year's workbook (one sheet per table)."""
    return f"lkip-{tahun}.xlsx"


def buat_tahun_baru(tahun: int, root: Path | None = None) -> TahunBaru:
    """Create ``data/raw/<tahun>/`` from the latest earlier year; never overwrite a folder.

    Each table and YAML file comes from the latest earlier year that has it. The folder is
    built aside and moved into place at the end, so an interrupted run leaves nothing half made.
    """
    if not 1000 <= tahun <= 9999:
        raise TahunBaruGagal(f"tahun harus empat angka, misalnya 2024 (yang diberikan: {tahun})")
    folder = folder_tahun(tahun, root)
    if folder.exists():
        raise TahunBaruGagal(
            f"folder {relatif(folder, root)} sudah ada dan tidak akan ditimpa; hapus atau ganti "
            "namanya "
            "sendiri bila memang ingin membuatnya ulang"
        )
    sebelumnya = sorted((t for t in tahun_tersedia(root) if t < tahun), reverse=True)
    if not sebelumnya:
        raise TahunBaruGagal(
            f"tidak ada folder tahun sebelum {tahun} di {relatif(raw_dir(root), root)}/ untuk "
            "dijadikan contoh"
        )

    tabel: dict[str, tuple[int, pd.DataFrame]] = {}
    yaml: dict[str, Path] = {}
    asal: dict[str, int] = {}
    for t in sebelumnya:
        if len(tabel) == len(TABEL) and len(yaml) == 2:
            break
        mentah = muat_tahun(t, root, wajib_lengkap=False)
        for nama, df in mentah.tabel.items():
            if nama not in tabel:
                tabel[nama] = (t, _kosongkan(nama, df))
                asal[f"{nama}.csv"] = t
        for nama in ("profil", "narasi"):
            path = folder_tahun(t, root) / f"{nama}.yaml"
            if nama not in yaml and path.is_file():
                yaml[nama] = path
                asal[f"{nama}.yaml"] = t

    base = raw_dir(root)
    staging = folder_staging(base, f".{tahun}-baru-")
    try:
        for nama, (_, df) in tabel.items():
            _tulis_csv(df, staging / f"{nama}.csv")
        _tulis_buku({n: df for n, (_, df) in tabel.items()}, tahun, staging / nama_buku(tahun))
        if "profil" in yaml:
            (staging / "profil.yaml").write_text(
                _profil_baru(yaml["profil"], tahun, asal["profil.yaml"]), encoding="utf-8"
            )
        narasi = None
        if "narasi" in yaml:
            narasi = _narasi_baru(yaml["narasi"], asal["narasi.yaml"])
            (staging / "narasi.yaml").write_text(narasi, encoding="utf-8")
        (staging / README).write_text(
            _petunjuk(tahun, {n: df for n, (_, df) in tabel.items()}, asal, narasi),
            encoding="utf-8",
        )
        if folder.exists():  # made by someone else meanwhile: theirs stays
            raise TahunBaruGagal(
                f"folder {relatif(folder, root)} baru saja dibuat oleh proses lain"
            )
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return TahunBaru(tahun=tahun, folder=folder, asal=asal)


def _kosongkan(nama: str, df: pd.DataFrame) -> pd.DataFrame:
    """The table with this year's figures (``Tabel.tahunan``) emptied and record order kept."""
    hasil = df.reset_index(drop=True).copy()
    for kolom in TABEL[nama].tahunan:
        if kolom in hasil.columns:
            hasil[kolom] = None
    return hasil


def _sel(nilai: object) -> str | int | float | None:
    """A cell for CSV or Excel: integers without ".0", missing as ``None``."""
    if nilai is None or (not isinstance(nilai, str) and pd.isna(nilai)):
        return None
    if isinstance(nilai, float) and math.isfinite(nilai) and nilai.is_integer():
        return int(nilai)
    if hasattr(nilai, "item"):  # numpy / pandas scalars
        return _sel(nilai.item())
    return nilai


def _tulis_csv(df: pd.DataFrame, path: Path) -> None:
    """Plain CSV as shipped: comma, UTF-8 without BOM, dot as the decimal mark."""
    with path.open("w", encoding="utf-8", newline="") as f:
        tulis = csv.writer(f, lineterminator="\n")
        tulis.writerow(df.columns)
        for baris in df.itertuples(index=False):
            tulis.writerow(["" if (v := _sel(x)) is None else v for x in baris])


def _tulis_buku(tabel: dict[str, pd.DataFrame], tahun: int, path: Path) -> None:
    """One workbook, a sheet per table; the cells to fill in are shaded."""
    buku = openpyxl.Workbook()
    petunjuk = buku.active
    petunjuk.title = "petunjuk"
    for baris in _petunjuk_buku(tahun):
        petunjuk.append([baris])
    petunjuk.column_dimensions["A"].width = 110
    for nama, df in tabel.items():
        lembar = buku.create_sheet(nama)
        lembar.append(list(df.columns))
        for sel in lembar[1]:
            sel.font = Font(bold=True)
        for baris in df.itertuples(index=False):
            lembar.append([_sel(x) for x in baris])
        for i, kolom in enumerate(df.columns, start=1):
            huruf = openpyxl.utils.get_column_letter(i)
            isi = [len(str(kolom)), *(len(str(v)) for v in df[kolom].dropna())]
            lembar.column_dimensions[huruf].width = min(max(isi) + 2, 60)
            angka = kolom in TABEL[nama].tahunan
            for sel in lembar[huruf][1:]:
                if angka:
                    sel.fill = _ISI
                else:
                    sel.number_format = "@"  # codes such as kode_desa keep leading zeros
        lembar.freeze_panes = "A2"
    buku.save(path)


def _petunjuk_buku(tahun: int) -> list[str]:
    return [
        f"Data LKIP tahun {tahun}: satu lembar per tabel ({', '.join(TABEL)}).",
        "Isi sel yang berwarna kuning dengan angka tahun ini; jangan ubah baris judul.",
        "Kosongkan realisasi indikator bersumber skm atau idm: nilainya dihitung.",
        "Buku ini berisi data yang sama dengan berkas CSV di folder yang sama. Pakai salah satu "
        "saja:",
        f"  - bila mengisi buku ini, hapus berkas .csv di folder data/raw/{tahun}/;",
        f"  - bila mengisi berkas .csv, hapus buku ini ({nama_buku(tahun)}).",
        f"Lalu periksa: make validate YEAR={tahun}, dan buat laporan: make report YEAR={tahun}.",
    ]


def _profil_baru(path: Path, tahun: int, asal: int) -> str:
    """Last year's profil.yaml with the signing date emptied (the analyst sets it)."""
    teks = path.read_text(encoding="utf-8-sig")
    teks = _TANGGAL.sub(
        lambda m: f"{m['awal']}   # isi tanggal penandatanganan LKIP {tahun}, format YYYY-MM-DD",
        teks,
        count=1,
    )
    kepala = (
        f"# Disalin dari data/raw/{asal}/profil.yaml oleh make new-year. Periksa nama, pangkat "
        "dan NIP kepala,\n# lalu isi penandatanganan.tanggal.\n"
    )
    return kepala + teks


def _narasi_baru(path: Path, asal: int) -> str:
    kepala = (
        f"# Disalin dari data/raw/{asal}/narasi.yaml oleh make new-year. Sesuaikan teks untuk "
        "tahun ini\n# (lihat README-TAHUN-BARU.md); tulis {tahun} bila teks menyebut tahun "
        "laporan.\n"
    )
    return kepala + path.read_text(encoding="utf-8-sig")


def _baris_tahun(teks: str, tahun: int) -> list[tuple[int, str]]:
    """Lines of a copied YAML text that name a given year: prose to review."""
    pola = re.compile(rf"\b{tahun}\b")
    return [
        (i, baris.strip())
        for i, baris in enumerate(teks.splitlines(), start=1)
        if pola.search(baris) and not baris.lstrip().startswith("#")
    ]


def _petunjuk(
    tahun: int, tabel: dict[str, pd.DataFrame], asal: dict[str, int], narasi: str | None
) -> str:
    """README-TAHUN-BARU.md: what to fill in, where each file came from, how to check."""
    isi = [
        f"# Data LKIP {tahun}: yang perlu diisi",
        "",
        "Folder ini dibuat oleh `make new-year` dari tahun sebelumnya. Kode, nama indikator, "
        "desa, unsur SKM dan baris anggaran sudah disalin; **angka tahun ini masih kosong**.",
        "",
        "## Pilih satu bentuk",
        "",
        f"Data yang sama ada dua kali: berkas `.csv` dan buku Excel `{nama_buku(tahun)}` (satu "
        "lembar per tabel). Isi salah satu saja dan hapus yang lain; bila keduanya ada dengan "
        "isi berbeda, pemeriksaan akan berhenti dan meminta Anda memilih.",
        "",
        "Angka boleh ditulis biasa (`1500000`, `82.4`) atau cara Indonesia (`1.500.000`, `82,4`, "
        "`96,82%`, `Rp 1.500.000`). Angka yang bisa dibaca dua cara (`1.500` pada kolom "
        "desimal) ditolak: tulis `1500` atau `1,5`.",
        "",
        "## Angka yang harus diisi",
        "",
    ]
    tanpa_target = "kosongkan target hanya bila indikator itu memang tidak bertarget tahun ini"
    if "kinerja" in tabel:
        k = tabel["kinerja"]
        manual = k.loc[k["sumber"] == "manual", "kode"].tolist()
        hitung = k.loc[k["sumber"] != "manual", "kode"].tolist()
        isi.append(
            f"- `kinerja.csv`: `target` tiap indikator ({', '.join(k['kode'])}; {tanpa_target})"
            + (f"; `realisasi` untuk {', '.join(manual)}" if manual else "")
            + (
                f". Realisasi {', '.join(hitung)} dihitung dari idm/skm: biarkan kosong."
                if hitung
                else "."
            )
        )
    for nama, jenis in TABEL.items():
        if nama in tabel and jenis.petunjuk:
            isi.append(f"- `{nama}.csv`: {jenis.petunjuk} ({len(tabel[nama])} baris).")
    isi += [
        "",
        "Baris boleh ditambah atau dihapus (desa baru, sub kegiatan baru, indikator baru); "
        'perbandingan dengan tahun sebelumnya menampilkan "–" untuk yang tidak ada di salah '
        "satu tahun.",
        "",
        "## Berkas teks",
        "",
    ]
    if "profil.yaml" in asal:
        isi.append(
            f"- `profil.yaml` (dari {asal['profil.yaml']}): isi `penandatanganan.tanggal`; "
            "periksa kepala dan alamat."
        )
    else:
        isi.append("- `profil.yaml`: belum ada di tahun sebelumnya; buat menurut data/README.md.")
    if narasi is not None:
        dari = asal["narasi.yaml"]
        isi.append(
            f"- `narasi.yaml` (dari {dari}): sesuaikan terutama `analisis`, "
            "`analisis_penyebab`, `ikhtisar`, `saran` dan `rencana_tindak_lanjut`, yang "
            "menjelaskan hasil tahun itu. Tulis `{tahun}` (dengan kurung kurawal) di teks yang "
            f"menyebut tahun laporan agar terisi otomatis. Baris yang menyebut tahun {dari}:"
        )
        isi += [f"  - baris {n}: {teks[:100]}" for n, teks in _baris_tahun(narasi, dari)]
    else:
        isi.append("- `narasi.yaml`: belum ada di tahun sebelumnya; buat menurut data/README.md.")
    isi += [
        "",
        "## Memeriksa dan membuat laporan",
        "",
        "```sh",
        f"make validate YEAR={tahun}   # daftar semua yang belum diisi atau salah",
        f"make report YEAR={tahun}",
        "```",
        "",
        "Asal tiap berkas: "
        + ", ".join(f"`{b}` dari {t}" for b, t in sorted(asal.items()))
        + ". Berkas ini (README-TAHUN-BARU.md) boleh dihapus.",
        "",
    ]
    return "\n".join(isi)


def tampilkan(hasil: TahunBaru) -> str:
    """What the command prints after making the folder."""
    return (
        f"Folder {hasil.folder} dibuat dari tahun "
        f"{', '.join(str(t) for t in sorted(set(hasil.asal.values())))}.\n"
        f"Isi angka tahun {hasil.tahun} di berkas CSV atau di {hasil.buku.name} (pilih salah "
        f"satu, hapus yang lain); petunjuk: {hasil.folder / README}.\n"
        f"Periksa dengan: make validate YEAR={hasil.tahun}"
    )
