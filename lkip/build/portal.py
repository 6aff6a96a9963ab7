"""``outputs/index.html``: one offline page linking every office's reports, and the recaps.

Reviewers open it from a folder (a copied ``outputs/``, a USB stick) or from any static web
server, on a desk or a phone. Every link is relative to ``outputs/`` and points at a file that
exists when the page is written; the page has no script and fetches nothing.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from lkip.build.bundle import nama_bundel
from lkip.build.manifest import NAMA_MANIFEST
from lkip.build.templat import templat
from lkip.core.paths import BUKAN_INSTANSI, INSTANSI_PATTERN, POLA_TAHUN, project_root

NAMA_PORTAL = "index.html"


@dataclass(frozen=True)
class Tautan:
    label: str
    href: str


@dataclass(frozen=True)
class TahunInstansi:
    tahun: int
    tautan: tuple[Tautan, ...]
    notebook: tuple[Tautan, ...] = ()  # folded away: eight a year, a kabupaten has 17 offices


@dataclass(frozen=True)
class Instansi:
    slug: str
    nama: str
    tahun: tuple[TahunInstansi, ...]


def _href(path: Path, outputs: Path) -> str:
    return quote(path.relative_to(outputs).as_posix())


def _tahun(folder: Path, outputs: Path) -> TahunInstansi:
    """Links to what a render of one year left: report, reviu, manifest, bundle; notebooks."""
    t = folder.name
    calon = [
        ("Laporan (HTML)", folder / f"lkip-{t}.html"),
        ("Laporan (PDF)", folder / f"lkip-{t}.pdf"),
        ("Hasil reviu angka (CSV)", folder / "reviu.csv"),
        ("Manifest", folder / NAMA_MANIFEST),
        ("Bundel untuk reviewer (ZIP)", folder.parent / nama_bundel(int(t))),
    ]
    notebook = [
        (f"Notebook {nb.stem}", nb) for nb in sorted((folder / "notebooks").glob("*.ipynb"))
    ]
    return TahunInstansi(int(t), _ada(calon, outputs), _ada(notebook, outputs))


def _ada(calon: list[tuple[str, Path]], outputs: Path) -> tuple[Tautan, ...]:
    return tuple(Tautan(label, _href(p, outputs)) for label, p in calon if p.is_file())


def _profil(root: Path, slug: str, tahun: int) -> dict:
    path = root / "data" / "processed" / slug / str(tahun) / "laporan.json"
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("profil") or {}
    except (OSError, ValueError):
        return {}


def daftar_keluaran(root: Path) -> tuple[list[Instansi], list[TahunInstansi], str]:
    """Offices and years with rendered outputs, the recaps, and the kabupaten's name."""
    outputs = root / "outputs"
    instansi, kabupaten = [], ""
    folders = sorted(outputs.iterdir()) if outputs.is_dir() else []
    for folder in folders:
        slug = folder.name
        if not folder.is_dir() or not INSTANSI_PATTERN.match(slug) or slug in BUKAN_INSTANSI:
            continue
        tahun = sorted(
            (int(p.name) for p in folder.iterdir() if p.is_dir() and POLA_TAHUN.match(p.name)),
            reverse=True,
        )
        isi = [_tahun(folder / str(t), outputs) for t in tahun]
        isi = [x for x in isi if x.tautan or x.notebook]
        if not isi:
            continue
        profil = _profil(root, slug, isi[0].tahun)
        kabupaten = kabupaten or str(profil.get("kabupaten") or "")
        instansi.append(Instansi(slug, str(profil.get("instansi") or slug), tuple(isi)))
    rekap = []
    folder_rekap = outputs / "rekap"
    if folder_rekap.is_dir():
        for p in sorted(folder_rekap.iterdir(), reverse=True):
            if not (p.is_dir() and POLA_TAHUN.match(p.name)):
                continue
            calon = [
                ("Rekap (HTML)", p / f"rekap-{p.name}.html"),
                ("Rekap (PDF)", p / f"rekap-{p.name}.pdf"),
            ]
            tautan = _ada(calon, outputs)
            if tautan:
                rekap.append(TahunInstansi(int(p.name), tautan))
    return instansi, rekap, kabupaten


def html_portal(root: Path) -> str:
    instansi, rekap, kabupaten = daftar_keluaran(root)
    return templat("portal.html.j2").render(
        instansi=instansi,
        rekap=rekap,
        kabupaten=kabupaten,
        dibuat=datetime.now().astimezone().strftime("%d-%m-%Y %H:%M"),
    )


def tulis_portal(root: Path | None = None) -> Path:
    """Write ``outputs/index.html`` (replaced whole, never half written)."""
    root = (root or project_root()).resolve()
    outputs = root / "outputs"
    outputs.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".html", dir=outputs)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(html_portal(root))
        os.chmod(tmp, 0o644)
        os.replace(tmp, outputs / NAMA_PORTAL)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return outputs / NAMA_PORTAL
