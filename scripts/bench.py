"""Time the report routes on this machine (``make bench``); the last line printed is JSON.

(a) naive: per chapter a ``papermill`` process then a ``jupyter nbconvert --to html`` process,
one after another, then the HTML and PDF of the assembled report; (b) cold: ``python -m lkip
report`` with the cache cleared; (c) no-op: the same again, nothing changed; (d) one change:
after editing one input that only one chapter reads (pegawai.csv); (e) batch: ``python -m lkip
report-all`` of six offices (the shipped one and five copies under other slugs and names, so
that none is served from another's cache) with the cache cleared. Each route is the median of
``--ulang`` runs, in a temporary copy of data/raw: the checkout's outputs/,
data/processed and cache are never touched. Peak RSS is that of the largest single process
(kernels included) of the lkip runs, read from ``wait4``. For the batch, memory is the peak of
the whole process tree's memory, sampled, and one office's cold runs are sampled the same way
(their median is the batch's yardstick). A process's share is its PSS where the system tells
it (Linux): a page shared by several processes (a library's code, or a kernel's whole memory
while it forks a helper such as ``ldconfig``) counts once, not once per process as summed RSS
would; elsewhere it is its RSS. Memory is sampled in runs of its own, made after the timed
ones: reading every process's PSS ten times a second takes processor time from the run it
watches (about a second of a six-office batch), so no timed run is sampled. A run that takes
more than twice its route's median prints its progress (each chapter's time), to say where
it stalled.

    .venv/bin/python scripts/bench.py [--ulang 3] [--year 2023]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from lkip.build.pipeline import CHAPTERS, DAFTAR_ISI_SETELAH, tahun_laporan
from lkip.core.paths import PACKAGE_ROOT, instansi_aktif, notebooks_dir

BIN = Path(sys.executable).parent
BERKAS_SATU_BAB = "pegawai.csv"  # read by 01_pendahuluan only (pipeline.BACAAN)
SALINAN = ("kendit", "besuki", "mlandingan", "suboh", "banyuputih")  # the batch's five copies
PDF_NAIF = """
import sys
from pathlib import Path
from lkip.build.pdf import write_report
from lkip.processed import muat
from lkip.build.pipeline import meta_laporan
folder, tahun, setelah = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
meta = meta_laporan(muat(tahun))
bab = [folder / f"{b}.ipynb" for b in sys.argv[4:]]
write_report(bab, meta, folder / "lkip.html", folder / "lkip.pdf", daftar_isi_setelah=setelah)
"""


class Pengukur:
    """Runs commands in the temporary project and keeps their wall time and peak RSS."""

    def __init__(self, root: Path) -> None:
        self.env = os.environ | {"LKIP_ROOT": str(root), "LKIP_CACHE": str(root / ".cache")}
        self.rss_mb: list[float] = []
        self.pohon_mb: list[float] = []  # peak memory of each sampled run's process tree

    def jalankan(self, cmd: list[str | Path], pohon: bool = False) -> tuple[float, str]:
        """Wall time and output (stdout, then stderr: a warning says where a run waited) of
        ``cmd``; its peak RSS is kept (wait4 reaps it directly), and with ``pohon`` the peak
        memory of its process tree (:func:`_sampel_pohon`)."""
        with tempfile.TemporaryFile("w+") as keluar, tempfile.TemporaryFile("w+") as galat:
            mulai = time.perf_counter()
            proc = subprocess.Popen(
                [str(c) for c in cmd], env=self.env, stdout=keluar, stderr=galat
            )
            puncak = [0.0]
            henti = threading.Event()
            sampel = threading.Thread(target=_sampel_pohon, args=(proc.pid, puncak, henti))
            if pohon:
                sampel.start()
            _, status, pakai = os.wait4(proc.pid, 0)
            if pohon:
                henti.set()
                sampel.join()
                self.pohon_mb.append(puncak[0])
            detik = time.perf_counter() - mulai
            proc.returncode = os.waitstatus_to_exitcode(status)
            keluar.seek(0)
            galat.seek(0)
            if proc.returncode:
                sys.exit(f"Gagal ({proc.returncode}): {' '.join(map(str, cmd))}\n{galat.read()}")
            self.rss_mb.append(pakai.ru_maxrss / 1024)
            return detik, keluar.read() + galat.read()


def _sampel_pohon(pid: int, puncak: list[float], henti: threading.Event) -> None:
    """Keep in ``puncak[0]`` the largest memory (MB, :func:`_memori`) of ``pid`` and its
    descendants together."""
    try:
        induk = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    while not henti.wait(0.1):
        total = 0
        try:
            for p in [induk, *induk.children(recursive=True)]:
                with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                    total += _memori(p)
        except psutil.NoSuchProcess:
            return
        puncak[0] = max(puncak[0], total / 2**20)


def _memori(p: psutil.Process) -> int:
    """Bytes of memory ``p`` uses: its PSS where the system reports one, else its RSS."""
    if hasattr(p, "memory_full_info") and sys.platform.startswith("linux"):
        return int(p.memory_full_info().pss)
    return int(p.memory_info().rss)


def _salin_instansi(root: Path, asal: str) -> None:
    """Five more offices: the shipped one's data under other slugs and names."""
    for slug in SALINAN:
        folder = root / "data" / "raw" / slug
        shutil.copytree(root / "data" / "raw" / asal, folder)
        for profil in folder.glob("*/profil.yaml"):
            teks = profil.read_text(encoding="utf-8")
            nama = f"instansi: Kecamatan {slug.title()}"
            teks = re.sub(r"^instansi: .*$", nama, teks, count=1, flags=re.M)
            profil.write_text(teks, encoding="utf-8")


def _naif(ukur: Pengukur, tahun: int, folder: Path) -> float:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    total = 0.0
    for bab in CHAPTERS:
        nb = folder / f"{bab}.ipynb"
        total += ukur.jalankan(
            [BIN / "papermill", "--no-progress-bar", "-p", "tahun", str(tahun),
             notebooks_dir() / f"{bab}.ipynb", nb, "--cwd", notebooks_dir()]
        )[0]  # fmt: skip
        total += ukur.jalankan([BIN / "jupyter", "nbconvert", "--to", "html", nb])[0]
    pdf = [sys.executable, "-c", PDF_NAIF, folder, str(tahun), str(DAFTAR_ISI_SETELAH), *CHAPTERS]
    return total + ukur.jalankan(pdf)[0]


def _ubah_satu_input(root: Path, tahun: int, ke: int) -> None:
    """Give the first count of pegawai.csv a value it has not had before in this bench."""
    path = root / "data" / "raw" / instansi_aktif(root) / str(tahun) / BERKAS_SATU_BAB
    baris = path.read_text(encoding="utf-8").splitlines()
    baris[1] = re.sub(r"\d+$", str(100 + ke), baris[1])
    path.write_text("\n".join(baris) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ulang", type=int, default=3, help="runs per route (median is reported)")
    ap.add_argument(
        "--year", dest="tahun", type=int, help="report year (default: the latest in data/raw)"
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="lkip-bench-") as tmp:
        root = Path(tmp)
        shutil.copytree(PACKAGE_ROOT / "data" / "raw", root / "data" / "raw")
        tahun = tahun_laporan(args.tahun, root)
        ukur = Pengukur(root)
        lkip = [sys.executable, "-m", "lkip", "report", "--year", str(tahun)]
        hasil: dict[str, list[float]] = {"naive": [], "cold": [], "noop": [], "one_change": []}
        hasil_batch: list[float] = []
        keluaran: dict[str, list[str]] = {"cold": [], "one_change": [], "batch": []}
        for _ in range(args.ulang):
            hasil["naive"].append(_naif(ukur, tahun, root / "naif"))
        ukur.rss_mb.clear()  # the peak reported is that of the lkip route
        for _ in range(args.ulang):
            shutil.rmtree(root / ".cache", ignore_errors=True)
            detik, keluar = ukur.jalankan(lkip)
            hasil["cold"].append(detik)
            keluaran["cold"].append(keluar)
        for _ in range(args.ulang):  # the same runs again, for their memory
            shutil.rmtree(root / ".cache", ignore_errors=True)
            ukur.jalankan([*lkip, "--quiet"], pohon=True)
        pohon_satu = statistics.median(ukur.pohon_mb)  # one office's tree, as the times: median
        for _ in range(args.ulang):
            hasil["noop"].append(ukur.jalankan([*lkip, "--quiet"])[0])
        dijalankan = set()
        for ke in range(args.ulang):
            _ubah_satu_input(root, tahun, ke)
            detik, keluar = ukur.jalankan(lkip)
            hasil["one_change"].append(detik)
            keluaran["one_change"].append(keluar)
            dijalankan |= set(re.findall(r"^Bab (\S+): mulai$", keluar, re.M))
        median = {k: statistics.median(v) for k, v in hasil.items()}
        ringkas: dict[str, float] = {f"{k}_s": round(v, 2) for k, v in median.items()}
        ringkas["peak_rss_mb"] = round(max(ukur.rss_mb), 1)

        _salin_instansi(root, instansi_aktif(root))
        semua = [sys.executable, "-m", "lkip", "report-all", "--year", str(tahun)]
        for _ in range(args.ulang):
            shutil.rmtree(root / ".cache", ignore_errors=True)
            detik, keluar = ukur.jalankan(semua)
            hasil_batch.append(detik)
            keluaran["batch"].append(keluar)
        ringkas["batch_s"] = round(statistics.median(hasil_batch), 2)
        ringkas["batch_offices"] = 1 + len(SALINAN)
        shutil.rmtree(root / ".cache", ignore_errors=True)  # the same batch again, for its memory
        ukur.jalankan(semua, pohon=True)
        ringkas["batch_peak_rss_mb"] = round(ukur.pohon_mb[-1], 1)
        ringkas["office_tree_rss_mb"] = round(pohon_satu, 1)
    _cetak(tahun, hasil, median, ringkas, sorted(dijalankan), hasil_batch)
    _lambat(hasil | {"batch": hasil_batch}, keluaran)
    print(json.dumps(ringkas))


def _lambat(hasil: dict[str, list[float]], keluaran: dict[str, list[str]]) -> None:
    """Print the progress of any run that took more than twice its route's median: such a run
    moves no median, but its steps' times say where a render stalled."""
    for rute, semua in keluaran.items():
        tengah = statistics.median(hasil[rute])
        for ke, (detik, teks) in enumerate(zip(hasil[rute], semua, strict=True), start=1):
            if detik > 2 * tengah:
                print(f"\n{rute}, percobaan ke-{ke}: {detik:.2f} dtk (median {tengah:.2f} dtk):")
                print(teks.rstrip())


def _cetak(
    tahun: int,
    hasil: dict[str, list[float]],
    median: dict[str, float],
    ringkas: dict[str, float],
    dijalankan: list[str],
    hasil_batch: list[float],
) -> None:
    judul = {
        "naive": "(a) naif: papermill + nbconvert per bab, lalu PDF",
        "cold": "(b) laporan penuh, cache kosong",
        "noop": "(c) tanpa perubahan",
        "one_change": f"(d) satu input berubah ({BERKAS_SATU_BAB})",
    }
    print(f"\nLaporan {tahun}, {os.cpu_count()} core, {len(next(iter(hasil.values())))}x tiap rute")
    print(f"{'rute':<52} {'median':>8}  semua (dtk)")
    for k, v in hasil.items():
        print(f"{judul[k]:<52} {median[k]:>7.2f}s  {', '.join(f'{x:.2f}' for x in v)}")
    print(f"puncak RSS (proses terbesar, rute lkip): {ringkas['peak_rss_mb']:.0f} MB")
    print(f"bab yang dijalankan ulang pada (d): {', '.join(dijalankan) or '-'}")
    n = ringkas["batch_offices"]
    print(
        f"(e) report-all {n:.0f} instansi, cache kosong: median {ringkas['batch_s']:.2f}s "
        f"({', '.join(f'{x:.2f}' for x in hasil_batch)}; satu instansi cold x {n:.0f} = "
        f"{n * median['cold']:.2f}s); puncak memori seluruh proses "
        f"(PSS) {ringkas['batch_peak_rss_mb']:.0f} MB "
        f"(satu instansi: {ringkas['office_tree_rss_mb']:.0f} MB)"
    )
    syarat = [  # issue 12's targets
        ("cold <= 0,25 x naif", median["cold"] <= 0.25 * median["naive"]),
        ("no-op <= 0,2 dtk", median["noop"] <= 0.2),
        ("satu perubahan <= 0,3 x cold", median["one_change"] <= 0.3 * median["cold"]),
        ("batch <= 0,6 x (n x cold)", ringkas["batch_s"] <= 0.6 * n * median["cold"]),
        (
            "memori batch <= 1,5 x satu instansi",
            ringkas["batch_peak_rss_mb"] <= 1.5 * ringkas["office_tree_rss_mb"],
        ),
    ]
    for teks, ok in syarat:
        print(f"  {'ya   ' if ok else 'TIDAK'} {teks}")


if __name__ == "__main__":
    main()
