"""Problems found in an analyst's input files, told in the analyst's terms.

The people who fix the data work in a spreadsheet, so every problem names the file, the line
as the spreadsheet shows it (header = line 1) and the column, and says in Bahasa Indonesia
what was expected. All problems of a year are gathered and raised together so that one round
of corrections suffices.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "BundelTidakValid",
    "DataTidakValid",
    "Masalah",
    "TahunBaruGagal",
    "pesan_galat",
    "pesan_os",
]


@dataclass(frozen=True)
class Masalah:
    """One problem in one place of the input.

    ``berkas`` is relative to ``data/raw`` (e.g. ``"2023/anggaran.csv"``); ``baris`` is the
    spreadsheet line (header = 1, first data row = 2), ``None`` for a whole-file problem.
    """

    berkas: str
    baris: int | None
    kolom: str | None
    nilai: str | None
    pesan: str

    def __str__(self) -> str:
        tempat = [self.berkas]
        if self.baris is not None:
            tempat.append(f"baris {self.baris}")
        if self.kolom is not None:
            tempat.append(f'kolom "{self.kolom}"')
        awal = ", ".join(tempat)
        if self.nilai is not None:
            return f'{awal}: nilai "{self.nilai}" — {self.pesan}'
        return f"{awal}: {self.pesan}"


class DataTidakValid(Exception):
    """Every problem found in one year's input, raised at once."""

    def __init__(self, tahun: int | None, masalah: Iterable[Masalah]) -> None:
        self.tahun = tahun
        self.masalah = list(masalah)
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type, tuple[int | None, list[Masalah]]]:
        # made again from its problems, not its message (a kernel sends it back pickled)
        return type(self), (self.tahun, self.masalah)

    def __str__(self) -> str:
        data = "Data" if self.tahun is None else f"Data tahun {self.tahun}"
        judul = f"{data} belum bisa diproses: {len(self.masalah)} masalah ditemukan"
        return "\n".join([judul, *(f"- {m}" for m in self.masalah)])


class TahunBaruGagal(Exception):
    """The new year's folder cannot be made; the message says why, in Bahasa Indonesia."""


class BundelTidakValid(ValueError):
    """The outputs no longer match the manifest they were rendered with."""

    def __init__(self, masalah: Iterable[str]) -> None:
        self.masalah = tuple(masalah)
        super().__init__("\n".join(self.masalah))

    def __reduce__(self) -> tuple[type, tuple[tuple[str, ...]]]:
        return type(self), (self.masalah,)


def pesan_galat(exc: BaseException) -> str:
    """What an error the analyst can act on tells them: a path the machine refused (an
    ``OSError`` the system raised, with its errno) in their terms (:func:`pesan_os`); lkip's
    own errors, worded for them already, as they are."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return pesan_os(exc)
    return str(exc) or type(exc).__name__


def pesan_os(exc: OSError) -> str:
    """What went wrong with a file or folder of the project, in the analyst's terms.

    Unreadable or unwritable paths, a file where a folder belongs and the reverse are faults
    of the machine, not of the code: the message names the path and what to do about it.
    """
    path = exc.filename or "(tidak diketahui)"
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return (
            f"Tidak ada izin untuk membaca atau menulis {path}. Periksa izin berkas/folder itu "
            "(atau apakah disk hanya-baca), lalu ulangi."
        )
    if isinstance(exc, FileExistsError | NotADirectoryError):
        return (
            f"{path} (atau folder di atasnya) adalah sebuah berkas, padahal di situ harus ada "
            "folder. Pindahkan atau ganti nama berkas itu, lalu ulangi."
        )
    if isinstance(exc, IsADirectoryError):
        return (
            f"{path} adalah sebuah folder, padahal di situ harus ada berkas. Pindahkan atau "
            "hapus folder itu, lalu ulangi."
        )
    if exc.errno == errno.ENOSPC:
        return f"Disk penuh saat menulis {path}. Kosongkan ruang disk, lalu ulangi."
    if isinstance(exc, FileNotFoundError):
        return f"{path} tidak ditemukan."
    return f"{path} tidak bisa dibaca atau ditulis ({exc.strerror or type(exc).__name__})."
