"""Render a year's report: validate and process the data, execute the chapters, assemble.

A run works in a staging folder next to ``outputs/<year>/`` and swaps it in only when every
step succeeded, so a failed or interrupted run leaves the last good report untouched. One run
per year at a time: a second run for the same year waits for the first (a lock file next to
``outputs/<year>/``), so neither the processed tables nor the outputs are written twice at once.

Rebuilds are cheap (see ``lkip.build.cache``): chapters run in parallel, each in its own kernel, and
a chapter is executed again only when its notebook, its parameters, the processed data it reads,
the lkip sources or the dependency versions changed, and only the parts of the PDF whose HTML
changed are laid out again (``lkip.build.pdf``). When nothing changed at all the outputs
are restored from the cache without loading pandas, papermill or WeasyPrint.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, wait
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lkip.build import cache as ch
from lkip.build import cache_render as cr
from lkip.build import eksekusi as ek
from lkip.build.eksekusi import BabGagal
from lkip.build.kernel import KolamKernel
from lkip.build.manifest import Asal, catatan_kaki, tulis_manifest
from lkip.build.struktur import baca_struktur
from lkip.core.heap import frozen
from lkip.core.paths import (
    folder_staging,
    ganti_folder,
    hapus,
    notebooks_dir,
    outputs_dir,
    processed_dir,
    project_root,
    tahun_terakhir,
)
from lkip.core.sidik import sidik, sidik_json, sidik_kode
from lkip.core.versi import versi_dependensi

if TYPE_CHECKING:
    from lkip.build.assemble import BabHtml, ReportMeta
    from lkip.build.pdf import Tata
    from lkip.model.laporan import Laporan

# The report's structure (notebooks/struktur_laporan.yml): chapters in report order, the
# Daftar Isi's place, and what each chapter reads (a chapter's cache key holds exactly those
# parts; a chapter missing from BACAAN depends on everything).
STRUKTUR = baca_struktur()
CHAPTERS = STRUKTUR.notebook
DAFTAR_ISI_SETELAH = STRUKTUR.daftar_isi_setelah
BACAAN: dict[str, frozenset[str]] = STRUKTUR.bacaan


# The main process's own heavy work for an office (processing the data; laying the PDF out
# when it is laid out here) is done by one office at a time: offices rendered in threads of
# one process (lkip.build.batch) would only take turns on the interpreter anyway, and pandera
# and WeasyPrint do not promise to be thread-safe. What runs in kernels (chapters, a batch's
# layouts, Word and Excel) is outside this lock.
KERJA_UTAMA = threading.Lock()


@dataclass(frozen=True)
class HasilRender:
    tahun: int
    folder: Path
    html: Path
    pdf: Path
    notebooks: tuple[Path, ...]
    docx: Path
    xlsx: Path

    @classmethod
    def dari_folder(cls, tahun: int, folder: Path) -> HasilRender:
        """The outputs of ``tahun`` as a render publishes them in ``folder``."""
        return cls(
            tahun=tahun,
            folder=folder,
            html=folder / f"lkip-{tahun}.html",
            pdf=folder / f"lkip-{tahun}.pdf",
            notebooks=tuple(folder / "notebooks" / f"{b}.ipynb" for b in CHAPTERS),
            docx=folder / f"lkip-{tahun}.docx",
            xlsx=folder / f"lkip-{tahun}-tabel.xlsx",
        )


def tahun_laporan(tahun: int | None, root: Path | None = None) -> int:
    """The requested year, or the latest year with data (:func:`lkip.core.paths.tahun_terakhir`)."""
    return tahun if tahun is not None else tahun_terakhir(root)


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
    kolam: KolamKernel | None = None,
    sesudah_proses: Callable[[], None] | None = None,
) -> HasilRender:
    """Render ``outputs/<tahun>/``: HTML, PDF and executed notebooks, or nothing at all.

    ``pakai_cache=False`` executes and assembles everything (and stores nothing);
    ``pekerja`` is how many chapters run at once (default: the number of cores); ``kolam``
    lends the chapter kernels (a batch shares one among its offices; by default the run
    starts its own); ``sesudah_proses`` is called once the processed tables are written,
    before the chapters run (a batch starts its recap when every office got there).
    """
    root = (root or project_root()).resolve()
    tahun = tahun_laporan(tahun, root)
    cache = ch.Cache(ch.cache_dir(root), lapor) if pakai_cache else None
    with kunci_tahun(tahun, root, lapor):
        target = outputs_dir(tahun, root)
        _bersihkan_sisa(tahun, root)
        staging = folder_staging(target.parent, f".{tahun}-sedang-")
        try:
            _render_ke(
                staging, tahun, root, cache, lapor, pekerja or os.cpu_count() or 1, kolam,
                sesudah_proses,
            )  # fmt: skip
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
    return HasilRender.dari_folder(tahun, target)


@contextmanager
def kunci_tahun(tahun: int, root: Path, lapor: Callable[[str], None] = print) -> Iterator[None]:
    """Hold the lock of one year; a second run for that year waits here until the first ends.

    The lock is ``outputs/.<tahun>.lock`` (``filelock``: flock on POSIX, msvcrt on Windows): the
    operating system releases it when the holder ends, even when it is killed, so a crashed run
    never blocks the next one.
    """
    from filelock import FileLock, Timeout

    folder = outputs_dir(tahun, root).parent
    folder.mkdir(parents=True, exist_ok=True)
    kunci = FileLock(folder / f".{tahun}.lock")
    try:
        kunci.acquire(blocking=False)
    except Timeout:
        lapor(f"Laporan {tahun} sedang dibuat oleh proses lain; menunggu sampai selesai...")
        kunci.acquire()
    try:
        yield
    finally:
        kunci.release()


def _proses(tahun: int, root: Path, sumber: dict[str, str] | None = None) -> Laporan:
    from lkip.processed import susun

    laporan = susun(tahun, root, sumber)
    laporan.simpan(processed_dir(tahun, root))
    return laporan


def _render_ke(
    staging: Path,
    tahun: int,
    root: Path,
    cache: ch.Cache | None,
    lapor: Callable[[str], None],
    pekerja: int,
    kolam: KolamKernel | None,
    sesudah_proses: Callable[[], None] | None,
) -> None:
    """Fill ``staging`` with the notebooks, HTML, PDF, Word and Excel copies and the manifest."""
    keluaran = HasilRender.dari_folder(tahun, staging)
    nb_folder, html, pdf = staging / "notebooks", keluaran.html, keluaran.pdf
    # lkip sources: the chapters' key; with the template and stylesheet: the assembler's key
    kode, rakit, versi = sidik_kode(), sidik_kode(template=True), versi_dependensi()
    asal = Asal.baca(tahun, root)  # the inputs hashed and git asked once for the whole run
    kaki = catatan_kaki(asal)  # printed on the last page: part of the report's key
    kunci_mentah = sidik_json(
        {
            "tahun": tahun,
            "catatan_kaki": kaki,
            "mentah": asal.mentah,
            "bab": {b: sidik((notebooks_dir() / f"{b}.ipynb").read_bytes()) for b in CHAPTERS},
            "bacaan": {b: sorted(BACAAN.get(b, ())) for b in CHAPTERS},
            "daftar_isi_setelah": DAFTAR_ISI_SETELAH,
            "kode": rakit,
            "versi": versi,
        }
    )
    if cache is not None and cr.dari_cache_penuh(cache, kunci_mentah, staging, html, pdf, CHAPTERS):
        lapor("Tidak ada yang berubah: laporan diambil dari cache")
        _tulis_manifest(asal, staging)
        return

    # Kernels start while the data is processed; the assembler's imports (nbconvert,
    # WeasyPrint: seconds) load while the kernels, which are other processes, run the chapters.
    # A year rendered before is most likely rendered again for a few changed inputs: one kernel
    # now, more once the chapters to run are known (starting unneeded ones would only take
    # processor time from the data processing).
    sendiri = kolam is None
    if sendiri:
        sebelumnya = outputs_dir(tahun, root).exists()
        kolam = ek.kolam_kernel(1 if sebelumnya else min(pekerja, len(CHAPTERS)))
    try:
        with KERJA_UTAMA:
            laporan = _proses(tahun, root, asal.mentah)
            reviu_csv = _tulis_reviu(laporan, staging)
            bagian = ch.bagian_olahan(processed_dir(tahun, root))
        if sesudah_proses is not None:
            sesudah_proses()
        kunci_bab = {b: _kunci_bab(b, tahun, bagian, kode, versi) for b in CHAPTERS}
        if sendiri:  # a batch lays out in its kernels: WeasyPrint is not needed here
            threading.Thread(target=_impor_perakit, daemon=True).start()
        fragmen: dict[str, str] = {}  # each chapter's HTML, made as soon as it is executed

        def sesudah(nb: Path) -> None:
            fragmen[nb.stem] = cr.bab_html(nb, kunci_bab[nb.stem], rakit, cache)

        executed = ek.jalankan_bab(
            CHAPTERS,
            notebooks_dir(),
            tahun,
            root,
            nb_folder,
            kunci_bab,
            cache,
            lapor,
            pekerja,
            kolam,
            sesudah,
        )

        kunci_laporan = sidik_json(
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
        if cache is not None and cache.ambil(
            "laporan", kunci_laporan, staging, cr.periksa_laporan(html.name, pdf.name)
        ):
            lapor("HTML dan PDF dari cache")
        else:
            from lkip.build.assemble import BabHtml

            bab = [BabHtml(nb.stem, fragmen[nb.stem]) for nb in executed]
            kunci_tata = sidik_json({"kode": rakit, "versi": versi})
            # A batch's offices (a shared pool) lay their PDFs out in the kernels
            # (lkip.build.tata_kernel), so this process is not theirs to share; a single
            # render lays it out here, where WeasyPrint is already loaded.
            penata = None if sendiri else _penata(kolam, root, staging)
            with nullcontext() if penata else KERJA_UTAMA, frozen():  # frozen: lkip.core.heap
                simpan = _rakit(
                    laporan, asal, kaki, bab, kunci_tata, root, staging, cache, kolam, penata,
                    lapor,
                )  # fmt: skip
            if cache is not None:
                cache.simpan("laporan", kunci_laporan, simpan | {reviu_csv.name: reviu_csv})
        if cache is not None:
            penunjuk = {"bab": kunci_bab, "laporan": kunci_laporan}
            cache.simpan("penunjuk", kunci_mentah, {"penunjuk.json": json.dumps(penunjuk).encode()})
        _tulis_manifest(asal, staging)
    finally:  # the kernels also write the Word and Excel copies (lkip.build.format_kantor)
        if sendiri:
            kolam.tutup()


def _rakit(
    laporan: Laporan,
    asal: Asal,
    kaki: str,
    bab: list[BabHtml],
    kunci_tata: str,
    root: Path,
    staging: Path,
    cache: ch.Cache | None,
    kolam: KolamKernel,
    penata: Callable[[str], Tata] | None,
    lapor: Callable[[str], None],
) -> dict[str, Path]:
    """Assemble the HTML and PDF from the chapters' HTML (``kaki``: the closing note;
    ``kunci_tata``: the layout's part of the PDF cache keys), the Word and Excel copies in a
    kernel meanwhile (:mod:`lkip.build.format_kantor`), then attach the inputs to the PDF;
    returns the files made, by name."""
    from lkip.build.format_kantor import mulai_kantor
    from lkip.build.pdf import write_report

    keluaran = HasilRender.dari_folder(asal.tahun, staging)
    html, pdf = keluaran.html, keluaran.pdf
    naskah = staging / ".naskah-kantor.html"  # what the Word and Excel copies are written from
    kantor: list[Future[None]] = []

    def sebelum_tata(teks: str) -> None:
        naskah.write_text(teks, encoding="utf-8")
        folder = cache.folder if cache is not None else None
        berkas = (naskah, keluaran.docx, keluaran.xlsx)
        env = ek.env_kernel(root)
        kantor.append(mulai_kantor(kolam, env, *berkas, asal.tahun, root, folder, kunci_tata))

    mulai = time.perf_counter()
    meta = meta_laporan(laporan, kaki)
    try:
        ringkas = write_report(
            bab, meta, html, pdf, DAFTAR_ISI_SETELAH, cache, kunci_tata, sebelum_tata, penata
        )
    finally:
        wait(kantor)  # never leave a kernel writing into a folder that may be thrown away
    lapor(
        f"HTML dan PDF selesai ({time.perf_counter() - mulai:.1f} dtk; "
        f"{ringkas.ditata} dari {ringkas.bagian} bagian PDF ditata ulang)"
    )
    mulai = time.perf_counter()
    for kerja in kantor:
        kerja.result()
    naskah.unlink()
    _lampirkan(asal, root, staging, pdf)
    lapor(f"Word, Excel dan lampiran data PDF selesai ({time.perf_counter() - mulai:.1f} dtk)")
    return {p.name: p for p in (html, pdf, keluaran.docx, keluaran.xlsx)}


def _penata(kolam: KolamKernel, root: Path, staging: Path) -> Callable[[str], Tata]:
    from lkip.build.tata_kernel import penata_kernel

    return penata_kernel(kolam, ek.env_kernel(root), staging)


def _tulis_reviu(laporan: Laporan, staging: Path) -> Path:
    from lkip.reviu import tulis_reviu

    return tulis_reviu(laporan, staging)


def _parameter(asal: Asal) -> dict[str, object]:
    """The run's parameters as the manifest records them."""
    return {
        "instansi": asal.instansi,
        "tahun": asal.tahun,
        "chapters": list(CHAPTERS),
        "daftar_isi_setelah": DAFTAR_ISI_SETELAH,
    }


def _tulis_manifest(asal: Asal, staging: Path) -> None:
    """The manifest of this run: written last, over the outputs as they will be published."""
    tulis_manifest(asal, staging, _parameter(asal))


def _lampirkan(asal: Asal, root: Path, staging: Path, pdf: Path) -> None:
    """Attach the inputs and the manifest of the run (without the PDF, which cannot hash
    itself) to the PDF."""
    from lkip.build.manifest import buat_manifest
    from lkip.build.pdf_lampiran import lampirkan

    manifest = buat_manifest(asal, staging, _parameter(asal))
    manifest["keluaran"].pop(pdf.name, None)
    lampirkan(pdf, manifest, root)


def _impor_perakit() -> None:
    import weasyprint  # noqa: F401

    import lkip.build.assemble  # noqa: F401


def _kunci_bab(
    bab: str, tahun: int, bagian: dict[str, str], kode: str, versi: dict[str, str | None]
) -> str:
    """The cache key of the executed notebook of ``bab`` (:func:`cache_render.kunci_bab`); a
    chapter missing from BACAAN depends on every part."""
    notebook = notebooks_dir() / f"{bab}.ipynb"
    return cr.kunci_bab(notebook, tahun, BACAAN.get(bab, bagian.keys()), bagian, kode, versi)


def meta_laporan(laporan: Laporan, kaki: str = "") -> ReportMeta:
    """What the cover and running header print of the report; ``kaki`` is the closing note."""
    from lkip.build.assemble import ReportMeta

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
