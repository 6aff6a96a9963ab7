"""Where the project keeps its data and outputs.

Every path derives from one root so that tests and analysts can point the whole pipeline at
another folder (``LKIP_ROOT``) without touching code. One root holds many offices (instansi):
``data/raw/<instansi>/<year>/``, ``data/processed/<instansi>/<year>/``,
``outputs/<instansi>/<year>/``. The office is chosen here, once, for every other module: the
one named by ``dengan_instansi`` (a batch), else ``$LKIP_INSTANSI`` (``make ... INSTANSI=``,
and the chapter kernels), else the only office in ``data/raw/``.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
POLA_TAHUN = re.compile(r"^\d{4}$")
# An office's folder name: a short lowercase slug, never a path or shell code.
INSTANSI_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
ENV_INSTANSI = "LKIP_INSTANSI"
# Folders of outputs/ that are not an office: the recaps across offices.
BUKAN_INSTANSI = frozenset({"rekap"})
_instansi: ContextVar[str | None] = ContextVar("lkip_instansi", default=None)


class InstansiTidakJelas(LookupError):
    """Which office to work on cannot be told; the message says which exist, in Bahasa Indonesia."""


def project_root() -> Path:
    """The folder holding ``data/`` and ``outputs/``: ``$LKIP_ROOT`` or the checkout."""
    return Path(os.environ.get("LKIP_ROOT", PACKAGE_ROOT)).resolve()


def periksa_slug(teks: str) -> str:
    """``teks`` if it is an office slug (``panarukan``, ``kendit``); else InstansiTidakJelas."""
    if not INSTANSI_PATTERN.fullmatch(teks) or teks in BUKAN_INSTANSI:
        raise InstansiTidakJelas(
            "nama instansi harus huruf kecil, angka atau tanda hubung, diawali huruf, paling "
            f'banyak 40 karakter, misalnya panarukan (yang diberikan: "{teks}")'
        )
    return teks


def daftar_instansi(root: Path | None = None) -> list[str]:
    """Offices with a folder in ``data/raw/``, by name."""
    base = (root or project_root()) / "data" / "raw"
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if p.is_dir() and INSTANSI_PATTERN.match(p.name))


@contextmanager
def dengan_instansi(slug: str) -> Iterator[str]:
    """Work on office ``slug`` inside the block (this thread or task only)."""
    token = _instansi.set(periksa_slug(slug))
    try:
        yield slug
    finally:
        _instansi.reset(token)


def instansi_aktif(root: Path | None = None) -> str:
    """The office the paths below point at (see the module docstring)."""
    dipilih = _instansi.get() or os.environ.get(ENV_INSTANSI) or None
    if dipilih is not None:
        return periksa_slug(dipilih)
    base = (root or project_root()) / "data" / "raw"
    ada = daftar_instansi(root)
    if len(ada) == 1:
        return ada[0]
    if ada:
        raise InstansiTidakJelas(
            f"ada {len(ada)} instansi di data/raw/ ({', '.join(ada)}); sebutkan satu, misalnya "
            f"make report INSTANSI={ada[0]}"
        )
    lama = sorted(p.name for p in base.glob("*") if p.is_dir() and POLA_TAHUN.match(p.name))
    if lama:
        raise InstansiTidakJelas(
            f"data/raw/{lama[0]} memakai susunan lama: pindahkan folder tahun ke "
            f"data/raw/<instansi>/ (misalnya data/raw/panarukan/{lama[0]}/)"
        )
    raise InstansiTidakJelas(
        "belum ada folder instansi di data/raw/ (misalnya data/raw/panarukan/2023/)"
    )


def raw_dir(root: Path | None = None) -> Path:
    """``data/raw/<instansi>/``: the office's years."""
    return (root or project_root()) / "data" / "raw" / instansi_aktif(root)


def folder_tahun(tahun: int, root: Path | None = None) -> Path:
    return raw_dir(root) / str(tahun)


def processed_dir(tahun: int, root: Path | None = None) -> Path:
    return (root or project_root()) / "data" / "processed" / instansi_aktif(root) / str(tahun)


def outputs_dir(tahun: int, root: Path | None = None) -> Path:
    return (root or project_root()) / "outputs" / instansi_aktif(root) / str(tahun)


def rekap_dir(tahun: int, root: Path | None = None) -> Path:
    """``outputs/rekap/<year>/``: the recap of every office."""
    return (root or project_root()) / "outputs" / "rekap" / str(tahun)


def relatif(path: Path, root: Path | None = None) -> str:
    """``path`` as the analyst sees it, from the project root (``data/raw/panarukan/2024``)."""
    try:
        return path.resolve().relative_to((root or project_root()).resolve()).as_posix()
    except ValueError:
        return str(path)


def notebooks_dir() -> Path:
    return PACKAGE_ROOT / "notebooks"


def tahun_tersedia(root: Path | None = None) -> list[int]:
    """Years that have a folder in ``data/raw/<instansi>/``, oldest first."""
    base = raw_dir(root)
    if not base.is_dir():
        return []
    return sorted(int(p.name) for p in base.iterdir() if p.is_dir() and POLA_TAHUN.match(p.name))


def odd_folders(root: Path | None = None) -> list[str]:
    """Folders of ``data/raw/<instansi>/`` not a year ("2O23", "2024 baru"), hidden ones aside."""
    base = raw_dir(root)
    if not base.is_dir():
        return []
    return sorted(
        p.name
        for p in base.iterdir()
        if p.is_dir() and not p.name.startswith(".") and not POLA_TAHUN.match(p.name)
    )


def tahun_terakhir(root: Path | None = None) -> int:
    """The latest year with a folder in ``data/raw/<instansi>/``: what every command renders by
    default.

    A folder there that is not a year ("2O23" typed with a letter O) stops it: silently taking
    the latest proper year would render last year's report.
    """
    aneh = odd_folders(root)
    folder = relatif(raw_dir(root), root)
    if aneh:
        daftar = ", ".join(f"{folder}/{n}" for n in aneh)
        raise FileNotFoundError(
            f"{daftar} bukan folder tahun (harus empat angka, misalnya 2024): ganti namanya, "
            "atau sebutkan tahunnya (make report YEAR=2024)."
        )
    tahun_ada = tahun_tersedia(root)
    if not tahun_ada:
        raise FileNotFoundError(f"Belum ada folder tahun di {folder}/ (misalnya {folder}/2023/).")
    return tahun_ada[-1]


def folder_staging(induk: Path, awalan: str) -> Path:
    """A new empty folder in ``induk`` (hidden: ``awalan`` starts with a dot) to build in aside
    and rename into place when complete. Readable by all, unlike ``mkdtemp``'s private folder:
    data and outputs are shared with colleagues and reviewers."""
    folder = Path(tempfile.mkdtemp(prefix=awalan, dir=induk))
    folder.chmod(0o755)
    return folder


def ganti_folder(baru: Path, target: Path) -> None:
    """Put the folder ``baru`` in place of ``target``, removing the old one only afterwards.

    Both renames stay on one file system, so a reader sees the old folder or the new one, and a
    run killed between the two renames leaves ``.<name>-lama-<pid>`` for the next run to restore.
    """
    lama = None
    if target.exists():
        lama = target.with_name(f".{target.name}-lama-{os.getpid()}")
        target.rename(lama)
    baru.rename(target)
    if lama is not None:
        hapus(lama)


def hapus(path: Path) -> None:
    """Remove a folder tree, a file or a link, whichever ``path`` is; nothing if absent."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
