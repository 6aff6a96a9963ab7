"""Render a year's report: validate and process the data, execute the chapters, assemble.

A run works in a staging folder next to ``outputs/<year>/`` and swaps it in only when every
step succeeded, so a failed or interrupted run leaves the last good report untouched. One run
per year at a time: a second run for the same year waits for the first (a lock file next to
``outputs/<year>/``), so neither the processed tables nor the outputs are written twice at once.

Rebuilds are cheap (see ``lkip.cache``): chapters run in parallel, each in its own kernel, and
a chapter is executed again only when its notebook, its parameters, the processed data it reads,
the lkip sources or the dependency versions changed, and only the parts of the PDF whose HTML
changed are laid out again (``lkip.pdf``). When nothing changed at all the outputs
are restored from the cache without loading pandas, papermill or WeasyPrint.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lkip import cache as ch
from lkip.kernel import ARGUMEN, KERNEL, KernelHangat, matikan
from lkip.manifest import catatan_kaki, tulis_manifest
from lkip.paths import (
    available_years,
    ganti_folder,
    hapus,
    notebooks_dir,
    odd_folders,
    outputs_dir,
    processed_dir,
    project_root,
)

if TYPE_CHECKING:
    from jupyter_client import AsyncKernelManager

    from lkip.assemble import BabHtml, ReportMeta
    from lkip.laporan import Laporan

# Chapter notebooks in report order; the Daftar Isi follows the first one (Kata Pengantar and
# Ikhtisar Eksekutif), as in the seed report.
CHAPTERS = (
    "00_pembuka",
    "01_pendahuluan",
    "02_perencanaan",
    "03_capaian_kinerja",
    "04_anggaran",
    "05_penutup",
    "06_lampiran",
    "07_reviu",
)
DAFTAR_ISI_SETELAH = 1

# What each chapter reads of the processed year: ``tabel:<name>`` for a table of
# data/processed/<year>/, otherwise a key of its laporan.json. A chapter's cache key holds the
# hashes of exactly these parts, so editing pegawai.csv re-executes 01_pendahuluan only.
# tests/test_pipeline.py executes every notebook against a recording Laporan and fails when a
# chapter reads a part not listed here. No chapter lists ``sumber`` (where the data came from):
# none shows it, and it changes with every raw file. A chapter missing from this table depends
# on everything.
BACAAN: dict[str, frozenset[str]] = {
    "00_pembuka": frozenset({"profil", "narasi", "tabel:kinerja", "tabel:anggaran_total"}),
    "01_pendahuluan": frozenset({"profil", "narasi", "tabel:pegawai"}),
    "02_perencanaan": frozenset(
        {
            "profil",
            "narasi",
            "tabel:kinerja",
            "tabel:anggaran_sasaran_program",
            "tabel:anggaran_total",
        }
    ),
    "03_capaian_kinerja": frozenset(
        {
            "profil",
            "narasi",
            "konvensi",
            "nilai",
            "tabel:kinerja",
            "tabel:tren",
            "tabel:skm_unsur",
            "tabel:skm_profil",
            "tabel:ikm_perubahan_unsur",
            "tabel:ikm_waterfall",
            "tabel:ikm_segmen",
            "tabel:idm",
        }
    ),
    "04_anggaran": frozenset(
        {
            "profil",
            "narasi",
            "tabel:kinerja",
            "tabel:anggaran_program",
            "tabel:anggaran_rinci",
            "tabel:anggaran_sasaran",
            "tabel:anggaran_sasaran_program",
            "tabel:anggaran_total",
        }
    ),
    "05_penutup": frozenset({"profil", "narasi", "tabel:kinerja"}),
    "06_lampiran": frozenset({"profil", "narasi", "konvensi", "tabel:tren"}),
    "07_reviu": frozenset({"nilai", "tabel:reviu"}),
}


class BabGagal(RuntimeError):
    """A chapter notebook raised; says which chapter and cell, and where the notebook is kept."""

    def __init__(self, bab: str, sel: int | None, galat: str, notebook: Path) -> None:
        self.bab, self.sel, self.galat, self.notebook = bab, sel, galat, notebook
        tempat = f"sel ke-{sel}" if sel is not None else "sel yang tidak diketahui"
        super().__init__(
            f"Bab {bab} gagal pada {tempat}: {galat}\nNotebook yang gagal disimpan di {notebook}"
        )


@dataclass(frozen=True)
class HasilRender:
    tahun: int
    folder: Path
    html: Path
    pdf: Path
    notebooks: tuple[Path, ...]


def tahun_laporan(tahun: int | None, root: Path | None = None) -> int:
    """The requested year, or the latest year with data.

    Without a year, a folder of data/raw that is not a year ("2O23" typed with a letter O)
    stops the run: silently taking the latest proper year would render last year's report.
    """
    if tahun is not None:
        return tahun
    aneh = odd_folders(root)
    if aneh:
        daftar = ", ".join(f"data/raw/{n}" for n in aneh)
        raise FileNotFoundError(
            f"{daftar} bukan folder tahun (harus empat angka, misalnya 2024): ganti namanya, "
            "atau sebutkan tahunnya (make report YEAR=2024)."
        )
    tahun_ada = available_years(root)
    if not tahun_ada:
        raise FileNotFoundError("Belum ada folder tahun di data/raw/ (misalnya data/raw/2023/).")
    return tahun_ada[-1]


def proses(tahun: int, root: Path | None = None) -> Laporan:
    """Validate the raw files and write the processed tables the notebooks read."""
    root = (root or project_root()).resolve()
    with kunci_tahun(tahun, root):
        _bersihkan_sisa(tahun, root)
        return _proses(tahun, root)


def render(
    tahun: int | None = None,
    root: Path | None = None,
    lapor: Callable[[str], None] = print,
    pakai_cache: bool = True,
    pekerja: int | None = None,
) -> HasilRender:
    """Render ``outputs/<tahun>/``: HTML, PDF and executed notebooks, or nothing at all.

    ``pakai_cache=False`` executes and assembles everything (and stores nothing);
    ``pekerja`` is how many chapters run at once (default: the number of cores).
    """
    root = (root or project_root()).resolve()
    tahun = tahun_laporan(tahun, root)
    cache = ch.Cache(ch.cache_dir(root)) if pakai_cache else None
    with kunci_tahun(tahun, root, lapor):
        target = outputs_dir(tahun, root)
        _bersihkan_sisa(tahun, root)
        staging = Path(tempfile.mkdtemp(prefix=f".{tahun}-sedang-", dir=target.parent))
        staging.chmod(0o755)  # mkdtemp makes it private; the outputs are for reviewers to read
        try:
            executed = _render_ke(
                staging, tahun, root, cache, lapor, pekerja or os.cpu_count() or 1
            )
            ganti_folder(staging, target)
        except BabGagal as e:
            gagal = target.parent / f"{tahun}-gagal"
            shutil.rmtree(gagal, ignore_errors=True)
            staging.rename(gagal)
            raise BabGagal(e.bab, e.sel, e.galat, gagal / "notebooks" / e.notebook.name) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            _bersihkan_sisa(tahun, root)
            raise
    return HasilRender(
        tahun=tahun,
        folder=target,
        html=target / f"lkip-{tahun}.html",
        pdf=target / f"lkip-{tahun}.pdf",
        notebooks=tuple(target / "notebooks" / p.name for p in executed),
    )


@contextmanager
def kunci_tahun(tahun: int, root: Path, lapor: Callable[[str], None] = print) -> Iterator[None]:
    """Hold the lock of one year; a second run for that year waits here until the first ends.

    The lock is ``outputs/.<tahun>.lock`` (fcntl.flock): the kernel releases it when the holder
    ends, even when it is killed, so a crashed run never blocks the next one.
    """
    folder = outputs_dir(tahun, root).parent
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f".{tahun}.lock", "a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lapor(f"Laporan {tahun} sedang dibuat oleh proses lain; menunggu sampai selesai...")
            fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _proses(tahun: int, root: Path) -> Laporan:
    from lkip.laporan import susun

    laporan = susun(tahun, root)
    laporan.simpan(processed_dir(tahun, root))
    return laporan


def _render_ke(
    staging: Path,
    tahun: int,
    root: Path,
    cache: ch.Cache | None,
    lapor: Callable[[str], None],
    pekerja: int,
) -> list[Path]:
    """Fill ``staging`` with the notebooks, HTML and PDF; returns the executed notebooks."""
    nb_folder = staging / "notebooks"
    html, pdf = staging / f"lkip-{tahun}.html", staging / f"lkip-{tahun}.pdf"
    # lkip sources: the chapters' key; with the template and stylesheet: the assembler's key
    kode, rakit, versi = ch.sidik_kode(), ch.sidik_kode(template=True), ch.versi_dependensi()
    kaki = catatan_kaki(tahun, root)  # printed on the last page: part of the report's key
    kunci_mentah = ch.sidik_json(
        {
            "tahun": tahun,
            "catatan_kaki": kaki,
            "mentah": ch.sidik_mentah(tahun, root),
            "bab": {b: ch.sidik((notebooks_dir() / f"{b}.ipynb").read_bytes()) for b in CHAPTERS},
            "bacaan": {b: sorted(BACAAN.get(b, ())) for b in CHAPTERS},
            "daftar_isi_setelah": DAFTAR_ISI_SETELAH,
            "kode": rakit,
            "versi": versi,
        }
    )
    if cache is not None and _dari_cache_penuh(cache, kunci_mentah, staging):
        lapor("Tidak ada yang berubah: laporan diambil dari cache")
        _tulis_manifest(tahun, root, staging)
        return [nb_folder / f"{b}.ipynb" for b in CHAPTERS]

    # Kernels start while the data is processed; the assembler's imports (nbconvert,
    # WeasyPrint: seconds) load while the kernels, which are other processes, run the chapters.
    hangat = _kernel_hangat(min(pekerja, len(CHAPTERS)), root)
    try:
        laporan = _proses(tahun, root)
        reviu_csv = _tulis_reviu(laporan, staging)
        bagian = ch.bagian_olahan(processed_dir(tahun, root))
        kunci_bab = {b: _kunci_bab(b, tahun, bagian, kode, versi) for b in CHAPTERS}
        threading.Thread(target=_impor_perakit, daemon=True).start()
        executed = _jalankan_bab(tahun, root, nb_folder, kunci_bab, cache, lapor, pekerja, hangat)
    finally:
        if hangat is not None:
            hangat.tutup()

    kunci_laporan = ch.sidik_json(
        {
            "bab": [kunci_bab[b] for b in CHAPTERS],
            "profil": bagian.get("profil"),
            "reviu": bagian.get("tabel:reviu"),
            "catatan_kaki": kaki,
            "daftar_isi_setelah": DAFTAR_ISI_SETELAH,
            "kode": rakit,
            "versi": versi,
        }
    )
    if cache is not None and cache.ambil("laporan", kunci_laporan, staging):
        lapor("HTML dan PDF dari cache")
    else:
        from lkip.assemble import write_report

        mulai = time.perf_counter()
        meta = meta_laporan(laporan, kaki)
        bab = _bab_html(executed, kunci_bab, rakit, cache, staging / ".html")
        kunci_tata = ch.sidik_json({"kode": rakit, "versi": versi})
        ringkas = write_report(
            bab, meta, html, pdf, DAFTAR_ISI_SETELAH, cache=cache, kunci=kunci_tata
        )
        detik = time.perf_counter() - mulai
        lapor(
            f"HTML dan PDF selesai ({detik:.1f} dtk; "
            f"{ringkas.ditata} dari {ringkas.bagian} bagian PDF ditata ulang)"
        )
        if cache is not None:
            simpan = {html.name: html, pdf.name: pdf, reviu_csv.name: reviu_csv}
            cache.simpan("laporan", kunci_laporan, simpan)
    if cache is not None:
        penunjuk = {"bab": kunci_bab, "laporan": kunci_laporan}
        cache.simpan("penunjuk", kunci_mentah, {"penunjuk.json": json.dumps(penunjuk).encode()})
    _tulis_manifest(tahun, root, staging)
    return executed


def _bab_html(
    executed: list[Path],
    kunci_bab: dict[str, str],
    perakit: str,
    cache: ch.Cache | None,
    tmp: Path,
) -> list[BabHtml]:
    """Each chapter's HTML fragment: from the cache when its notebook and the assembler
    (``perakit``: hash of the lkip sources and templates) did not change."""
    from lkip.assemble import BabHtml, chapter_html

    hasil = []
    for nb in executed:
        kunci = ch.sidik_json({"bab": kunci_bab[nb.stem], "perakit": perakit})
        if cache is not None and cache.ambil("html", kunci, tmp / kunci):
            fragmen = (tmp / kunci / "bab.html").read_text(encoding="utf-8")
        else:
            fragmen = chapter_html(nb)
            if cache is not None:
                cache.simpan("html", kunci, {"bab.html": fragmen.encode("utf-8")})
        hasil.append(BabHtml(nb.stem, fragmen))
    shutil.rmtree(tmp, ignore_errors=True)
    return hasil


def _tulis_reviu(laporan: Laporan, staging: Path) -> Path:
    from lkip.reviu import tulis_reviu

    return tulis_reviu(laporan, staging)


def _tulis_manifest(tahun: int, root: Path, staging: Path) -> None:
    """The manifest of this run: written last, over the outputs as they will be published."""
    parameter = {
        "year": tahun,
        "chapters": list(CHAPTERS),
        "daftar_isi_setelah": DAFTAR_ISI_SETELAH,
    }
    tulis_manifest(tahun, root, staging, parameter)


def _impor_perakit() -> None:
    import weasyprint  # noqa: F401

    import lkip.assemble  # noqa: F401


def _dari_cache_penuh(cache: ch.Cache, kunci_mentah: str, staging: Path) -> bool:
    """Restore a whole report stored for exactly these raw files, sources and versions."""
    tmp = staging / ".penunjuk"
    if not cache.ambil("penunjuk", kunci_mentah, tmp):
        return False
    penunjuk = json.loads((tmp / "penunjuk.json").read_text())
    shutil.rmtree(tmp)
    ok = all(
        cache.ambil("bab", penunjuk["bab"][b], staging / "notebooks") for b in CHAPTERS
    ) and cache.ambil("laporan", penunjuk["laporan"], staging)
    if not ok:  # part of the cache was removed: start again from an empty staging folder
        shutil.rmtree(staging)
        staging.mkdir()
    return bool(ok)


def _kunci_bab(
    bab: str, tahun: int, bagian: dict[str, str], kode: str, versi: dict[str, str | None]
) -> str:
    """Hash of everything the executed notebook of ``bab`` depends on."""
    bacaan = BACAAN.get(bab, bagian.keys())
    return ch.sidik_json(
        {
            "notebook": ch.sidik((notebooks_dir() / f"{bab}.ipynb").read_bytes()),
            "parameter": {"year": tahun},
            "kernel": KERNEL,
            "bacaan": {b: bagian.get(b) for b in sorted(bacaan)},
            "kode": kode,
            "versi": versi,
        }
    )


def _jalankan_bab(
    tahun: int,
    root: Path,
    folder: Path,
    kunci_bab: dict[str, str],
    cache: ch.Cache | None,
    lapor: Callable[[str], None],
    pekerja: int,
    hangat: KernelHangat | None = None,
) -> list[Path]:
    """Restore the cached chapters and execute the others, ``pekerja`` at a time."""
    folder.mkdir(parents=True, exist_ok=True)
    kunci_lapor = threading.Lock()

    def lapor_aman(pesan: str) -> None:
        with kunci_lapor:
            lapor(pesan)

    jalan = []
    for bab in CHAPTERS:
        if cache is not None and cache.ambil("bab", kunci_bab[bab], folder):
            lapor(f"Bab {bab}: dari cache")
        else:
            jalan.append(bab)

    def satu(bab: str) -> None:
        keluaran = folder / f"{bab}.ipynb"
        mulai = time.perf_counter()
        lapor_aman(f"Bab {bab}: mulai")
        km = hangat.ambil() if hangat is not None else None
        try:
            _eksekusi(bab, tahun, keluaran, km)
        finally:
            if km is not None:
                matikan(km)
        lapor_aman(f"Bab {bab}: selesai ({time.perf_counter() - mulai:.1f} dtk)")
        if cache is not None:
            cache.simpan("bab", kunci_bab[bab], {keluaran.name: keluaran})

    if jalan:
        env_lama = os.environ.get("LKIP_ROOT")
        os.environ["LKIP_ROOT"] = str(root)  # the kernels inherit it and read this root's data
        pool = ThreadPoolExecutor(max_workers=min(pekerja, len(jalan)))
        try:
            futures: dict[Future[None], str] = {pool.submit(satu, b): b for b in jalan}
            wait(futures, return_when=FIRST_EXCEPTION)
            pool.shutdown(wait=True, cancel_futures=True)  # a failure stops the chapters queued
            gagal = [f for f in futures if not f.cancelled() and f.exception() is not None]
            if gagal:  # report the first failed chapter in report order
                raise min(gagal, key=lambda f: CHAPTERS.index(futures[f])).exception()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            if env_lama is None:
                os.environ.pop("LKIP_ROOT", None)
            else:
                os.environ["LKIP_ROOT"] = env_lama
    return [folder / f"{bab}.ipynb" for bab in CHAPTERS]


def _kernel_hangat(jumlah: int, root: Path) -> KernelHangat | None:
    """Kernels for the chapters to come, reading this root's data."""
    return KernelHangat(jumlah, dict(os.environ, LKIP_ROOT=str(root)))


def _eksekusi(bab: str, tahun: int, keluaran: Path, km: AsyncKernelManager | None = None) -> None:
    """Execute one chapter notebook with papermill in its own kernel (``km``: already started)."""
    import papermill

    try:
        papermill.execute_notebook(
            notebooks_dir() / f"{bab}.ipynb",
            keluaran,
            parameters={"year": tahun},
            progress_bar=False,
            # no cwd=: papermill would os.chdir the whole process, which races between threads;
            # the notebooks read nothing relative to their folder (muat finds the data by root)
            kernel_name=KERNEL,
            extra_arguments=ARGUMEN,
            km=km,
        )
    except papermill.PapermillExecutionError as e:
        raise BabGagal(bab, e.exec_count, f"{e.ename}: {e.evalue}", keluaran) from e


def meta_laporan(laporan: Laporan, kaki: str = "") -> ReportMeta:
    """What the cover and running header print of the report; ``kaki`` is the closing note."""
    from lkip.assemble import ReportMeta

    p = laporan.profil
    return ReportMeta(
        instansi=p["instansi"],
        kabupaten=p["kabupaten"],
        tahun=laporan.tahun,
        alamat=p.get("alamat", ""),
        motto=p.get("motto", ""),
        catatan_kaki=kaki,
    )


def _bersihkan_sisa(tahun: int, root: Path) -> None:
    """Remove what an interrupted or killed run of this year left behind (call under the lock).

    A run stopped in the middle of the swap has moved the last good outputs aside: they are
    put back.
    """
    target = outputs_dir(tahun, root)
    lama = sorted(target.parent.glob(f".{tahun}-lama-*"))
    folder_lama = [p for p in lama if p.is_dir() and not p.is_symlink()]
    if folder_lama and not target.exists():
        terbaru = folder_lama[-1]
        terbaru.rename(target)
        lama.remove(terbaru)
    sisa = [
        *lama,
        *target.parent.glob(f".{tahun}-sedang-*"),
        *processed_dir(tahun, root).parent.glob(f".{tahun}-*"),
    ]
    for p in sisa:
        hapus(p)
