"""Reading an analyst's input file safely: its bytes, then the rows of a CSV or XLSX table.

Every raw table of the project (kinerja, anggaran, idm, skm_unsur, pegawai, dilaporkan and the
SKM respondent files) comes through here, so that whatever is found where a file belongs (a
folder, a broken link, a device, a binary or empty file, another encoding, a renamed workbook,
a file the user may not read) ends in one :class:`~lkip.core.errors.Masalah` naming the file and,
where known, the line, in Bahasa Indonesia. Nothing here raises for bad input or writes.
"""

from __future__ import annotations

import csv
import io
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lkip.core.errors import Masalah
from lkip.core.numbers import ke_desimal

__all__ = [
    "BATAS_UKURAN",
    "baca_bytes",
    "baris_csv",
    "baris_tabel",
    "baris_xlsx",
    "daftar_lembar",
    "label_berkas",
    "nama_kolom",
    "susun_kolom",
    "teks_sel",
    "teks_utf8",
]

BATAS_UKURAN = 50 * 1024 * 1024
"""Largest input file read, in bytes: a year's tables are kilobytes, a big survey a few MB."""

_SIMPAN_CSV = 'simpan ulang dari Excel dengan Simpan Sebagai → "CSV UTF-8 (dipisahkan koma)"'


def label_berkas(path: Path) -> str:
    """A raw file as problems name it, ``<tahun>/<file>``: where the analyst finds it under
    ``data/raw/<instansi>/``."""
    return f"{path.parent.name}/{path.name}"


def _masalah(berkas: str, pesan: str, baris: int | None = None) -> list[Masalah]:
    return [Masalah(berkas, baris, None, None, pesan)]


def baca_bytes(path: Path, berkas: str, batas: int = BATAS_UKURAN) -> tuple[bytes | None, list]:
    """The content of a regular file of at most ``batas`` bytes, or why it cannot be read.

    ``os.stat`` follows links, so a link to a good file is read and a link to a folder, a device
    (``/dev/zero`` would never end) or nowhere is refused before any byte is read.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return None, _masalah(berkas, "tautan (link) ini menunjuk ke berkas yang tidak ada")
    except PermissionError:
        return None, _masalah(berkas, "tidak boleh dibuka (izin akses ditolak); periksa izinnya")
    except OSError as exc:
        return None, _masalah(berkas, f"tidak bisa dibuka ({exc.strerror or exc})")
    if stat.S_ISDIR(info.st_mode):
        return None, _masalah(berkas, "ini sebuah folder, padahal yang diharapkan berkas")
    if not stat.S_ISREG(info.st_mode):
        pesan = "bukan berkas biasa (perangkat atau pipa); ganti dengan berkas"
        return None, _masalah(berkas, pesan)
    if info.st_size > batas:
        mb = batas // (1024 * 1024)
        pesan = f"terlalu besar ({info.st_size // (1024 * 1024)} MB; paling besar {mb} MB)"
        return None, _masalah(berkas, pesan)
    try:
        with path.open("rb") as f:
            return f.read(batas + 1), []
    except PermissionError:
        return None, _masalah(berkas, "tidak boleh dibaca (izin akses ditolak); periksa izinnya")
    except OSError as exc:
        return None, _masalah(berkas, f"tidak bisa dibaca ({exc.strerror or exc})")


def teks_utf8(isi: bytes, berkas: str, jenis: str) -> tuple[str | None, list[Masalah]]:
    """Bytes as UTF-8 text (an Excel BOM dropped), or what the file seems to be instead."""
    if isi.startswith(b"PK\x03\x04"):
        pesan = f"berisi buku kerja Excel, bukan {jenis}; simpan sebagai .xlsx atau {_SIMPAN_CSV}"
        return None, _masalah(berkas, pesan)
    if b"\x00" in isi[:8192]:
        return None, _masalah(berkas, f"bukan berkas teks {jenis} (berisi data biner)")
    try:
        return isi.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        baris = isi[: exc.start].count(b"\n") + 1
        pesan = f"harus disimpan dengan pengodean UTF-8 ({_SIMPAN_CSV})"
        return None, _masalah(berkas, pesan, baris)


def baris_csv(path: Path, berkas: str) -> tuple[list[list[Any]] | None, list[Masalah]]:
    """Every row of a CSV file as text cells; ``,`` or ``;`` as separator (Excel's Indonesian
    locale writes ``;``), chosen by which splits the header line into more cells."""
    isi, masalah = baca_bytes(path, berkas)
    if isi is None:
        return None, masalah
    teks, masalah = teks_utf8(isi, berkas, "CSV")
    if teks is None:
        return None, masalah
    if not teks.strip():
        return None, _masalah(berkas, "berkas kosong; baris 1 harus berisi nama kolom")
    judul = teks.splitlines()[0]
    pemisah = max((",", ";"), key=lambda s: len(next(csv.reader([judul], delimiter=s), [])))
    # The field limit is the module's: a long text cell is data, not a broken file.
    csv.field_size_limit(max(csv.field_size_limit(), len(teks) + 1))
    pembaca = csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah, strict=True)
    baris: list[list[Any]] = []
    akhir = 0  # the line on which the last record read ends
    try:
        for sel in pembaca:
            baris.append(sel)
            akhir = pembaca.line_num
    except csv.Error:
        pesan = (
            'tidak bisa dibaca sebagai CSV mulai baris ini: tanda kutip (") tidak ditutup atau '
            f"diikuti teks lain; {_SIMPAN_CSV}"
        )
        return None, _masalah(berkas, pesan, akhir + 1)
    return baris, []


def nama_kolom(judul: Any) -> str:
    """A header cell, sheet or file name as a name: "Sub Kegiatan " is sub_kegiatan."""
    return str(judul).strip().lower().replace(" ", "_")


def susun_kolom(
    baris: list[list[Any]], berkas: str, nama: Callable[[Any], str] = nama_kolom
) -> tuple[list[str], list[list[Any]], list[Masalah]]:
    """Name the header cells with ``nama`` and make every row as wide as the header; report
    what cannot be placed. Of a repeated column name only the first column is kept."""
    masalah: list[Masalah] = []
    judul = [nama(j) for j in baris[0]]
    lebar = len(judul)
    isi = []
    for nomor, sel in enumerate(baris[1:]):
        sel = [v.strip() if isinstance(v, str) else v for v in sel]
        if len(sel) > lebar:
            masalah.append(
                Masalah(
                    berkas,
                    nomor + 2,
                    None,
                    None,
                    f"berisi {len(sel)} sel padahal baris judul hanya {lebar} kolom; "
                    "periksa pemisah kolom, atau beri tanda kutip pada teks/angka yang memuat "
                    "koma",
                )
            )
        isi.append((sel + [""] * lebar)[:lebar])

    tanpa_judul = [i for i, j in enumerate(judul) if j == ""]
    for i in tanpa_judul:
        if any(r[i] != "" for r in isi):
            masalah.append(
                Masalah(berkas, 1, None, None, f"kolom ke-{i + 1} berisi data tetapi tidak bernama")
            )
    for j in sorted({j for j in judul if j != "" and judul.count(j) > 1}):
        ke = ", ".join(str(i + 1) for i, n in enumerate(judul) if n == j)
        pesan = f"nama kolom ini muncul lebih dari sekali (kolom ke-{ke}); hapus atau ganti namanya"
        masalah.append(Masalah(berkas, 1, j, None, pesan))
    # Only the first of a repeated name is read on, so its cells are still checked.
    tetap = [i for i, j in enumerate(judul) if j != "" and judul.index(j) == i]
    judul = [judul[i] for i in tetap]
    isi = [[r[i] for i in tetap] for r in isi]
    return judul, isi, masalah


def teks_sel(nilai: Any) -> str:
    """A cell as text; Excel numbers lose a spurious ``.0`` (kode_desa, NIP-like codes)."""
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    return str(nilai)


def _buka_xlsx(path: Path, berkas: str, data_only: bool) -> tuple[Any, list[Masalah]]:
    isi, masalah = baca_bytes(path, berkas)
    if isi is None:
        return None, masalah
    if not isi.startswith(b"PK"):
        jenis = "teks (mungkin CSV)" if isi[:1].isascii() and b"\x00" not in isi[:512] else "lain"
        pesan = (
            f"bukan buku kerja Excel .xlsx (isinya berkas {jenis}); buka di Excel lalu Simpan "
            'Sebagai "Buku Kerja Excel (.xlsx)"'
        )
        return None, _masalah(berkas, pesan)
    import openpyxl  # loaded only for a workbook: a year of CSV files does without it

    try:
        return openpyxl.load_workbook(io.BytesIO(isi), read_only=True, data_only=data_only), []
    except (zipfile.BadZipFile, zipfile.LargeZipFile):
        pesan = "berkas .xlsx rusak (bukan arsip zip yang utuh); simpan ulang dari Excel"
        return None, _masalah(berkas, pesan)
    except Exception as exc:  # openpyxl raises many unrelated types for a damaged file
        pesan = (
            f"tidak bisa dibuka sebagai buku kerja Excel ({type(exc).__name__}); buka di Excel "
            'lalu Simpan Sebagai "Buku Kerja Excel (.xlsx)"'
        )
        return None, _masalah(berkas, pesan)


def daftar_lembar(path: Path, berkas: str) -> tuple[list[str], list[Masalah]]:
    """The table names of a workbook's sheets, or why it cannot be opened."""
    buku, masalah = _buka_xlsx(path, berkas, data_only=True)
    if buku is None:
        return [], masalah
    try:
        return [nama_kolom(n) for n in buku.sheetnames], []
    finally:
        buku.close()


def baris_xlsx(path: Path, nama: str, berkas: str) -> tuple[list[list[Any]] | None, list[Masalah]]:
    """Every row of sheet ``nama`` (or of the only sheet) as typed cell values ("" if empty)."""
    buku, masalah = _buka_xlsx(path, berkas, data_only=True)
    if buku is None:
        return None, masalah
    try:
        cocok = [n for n in buku.sheetnames if nama_kolom(n) == nama]
        if cocok:
            lembar = buku[cocok[0]]
        elif len(buku.sheetnames) == 1:
            lembar = buku.worksheets[0]
        else:
            ada = ", ".join(buku.sheetnames)
            pesan = f'harus memuat lembar kerja bernama "{nama}"; yang ada: {ada}'
            return None, _masalah(berkas, pesan)
        try:
            baris = [[_nilai_sel(sel) for sel in row] for row in lembar.iter_rows()]
        except Exception as exc:  # a damaged sheet inside a valid zip
            pesan = f"lembar kerja rusak ({type(exc).__name__}); simpan ulang dari Excel"
            return None, _masalah(berkas, pesan)
        judul_lembar = lembar.title
    finally:
        buku.close()
    if not baris:
        return None, _masalah(berkas, "lembar kerja kosong; baris 1 harus berisi nama kolom")
    kosong = any(v == "" for row in baris[1:] for v in row)
    return baris, _rumus_tanpa_nilai(path, judul_lembar, baris, berkas) if kosong else []


def baris_tabel(path: Path, nama: str, berkas: str) -> tuple[list[list[Any]] | None, list]:
    """The rows of a table file, by its suffix: sheet ``nama`` of an ``.xlsx``, else CSV."""
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return baris_xlsx(path, nama, berkas)
    return baris_csv(path, berkas)


def _rumus_tanpa_nilai(
    path: Path, lembar: str, baris: list[list[Any]], berkas: str
) -> list[Masalah]:
    """Empty cells that hold a formula: the file was written without the formulas' results.

    Excel and LibreOffice store each result next to its formula; a workbook made by a script
    may not, and its cells then read as empty. Saying so beats "wajib diisi" on a filled cell.
    """
    buku, masalah = _buka_xlsx(path, berkas, data_only=False)
    if buku is None:
        return masalah
    try:
        rumus = [[sel.value for sel in row] for row in buku[lembar].iter_rows()]
    finally:
        buku.close()
    judul = [nama_kolom(j) for j in baris[0]]
    masalah = []
    for nomor, (nilai, isi) in enumerate(zip(baris[1:], rumus[1:], strict=False), start=2):
        for kolom, (v, r) in enumerate(zip(nilai, isi, strict=False)):
            if v == "" and isinstance(r, str) and r.startswith("="):
                pesan = (
                    "berisi rumus tanpa hasil tersimpan; buka berkas di Excel atau LibreOffice "
                    "lalu simpan ulang agar hasil rumusnya ikut tersimpan"
                )
                nama = judul[kolom] if kolom < len(judul) else None
                masalah.append(Masalah(berkas, nomor, nama, r, pesan))
    return masalah


def _nilai_sel(sel: Any) -> Any:
    """A cell's value as the analyst sees it: a cell formatted as percent shows 100 % for 1.

    Typed as text, "100%" reads as 100 (:func:`lkip.core.numbers.baca_angka`); the same figure in a
    percent-formatted cell must not read as 1.
    """
    nilai = getattr(sel, "value", None)
    if nilai is None:
        return ""
    angka = isinstance(nilai, int | float) and not isinstance(nilai, bool)
    if angka and "%" in (getattr(sel, "number_format", "") or ""):
        return float(ke_desimal(nilai) * 100)
    return nilai
