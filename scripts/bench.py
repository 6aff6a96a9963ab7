"""Time the report routes on this machine (``make bench``); the last line printed is JSON.

(a) naive: per chapter a ``papermill`` process then a ``jupyter nbconvert --to html`` process,
one after another, then the HTML and PDF of the assembled report; (b) cold: ``python -m lkip
report`` with the cache cleared; (c) no-op: the same again, nothing changed; (d) one change:
after editing one input that only one chapter reads (pegawai.csv). Each is the median of
``--ulang`` runs, in a temporary copy of data/raw: the checkout's outputs/, data/processed and
cache are never touched. Peak RSS is that of the largest single process (kernels included) of
the lkip runs, read from ``wait4``.

    .venv/bin/python scripts/bench.py [--ulang 3] [--year 2023]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lkip.build.pipeline import CHAPTERS, DAFTAR_ISI_SETELAH, tahun_laporan
from lkip.core.paths import PACKAGE_ROOT, notebooks_dir

BIN = Path(sys.executable).parent
BERKAS_SATU_BAB = "pegawai.csv"  # read by 01_pendahuluan only (pipeline.BACAAN)
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

    def jalankan(self, cmd: list[str | Path]) -> tuple[float, str]:
        """Wall time and stdout of ``cmd``; its peak RSS is kept (wait4 reaps it directly)."""
        with tempfile.TemporaryFile("w+") as keluar, tempfile.TemporaryFile("w+") as galat:
            mulai = time.perf_counter()
            proc = subprocess.Popen(
                [str(c) for c in cmd], env=self.env, stdout=keluar, stderr=galat
            )
            _, status, pakai = os.wait4(proc.pid, 0)
            detik = time.perf_counter() - mulai
            proc.returncode = os.waitstatus_to_exitcode(status)
            keluar.seek(0)
            galat.seek(0)
            if proc.returncode:
                sys.exit(f"Gagal ({proc.returncode}): {' '.join(map(str, cmd))}\n{galat.read()}")
            self.rss_mb.append(pakai.ru_maxrss / 1024)
            return detik, keluar.read()


def _naif(ukur: Pengukur, tahun: int, folder: Path) -> float:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    total = 0.0
    for bab in CHAPTERS:
        nb = folder / f"{bab}.ipynb"
        total += ukur.jalankan(
            [BIN / "papermill", "--no-progress-bar", "-p", "year", str(tahun),
             notebooks_dir() / f"{bab}.ipynb", nb, "--cwd", notebooks_dir()]
        )[0]  # fmt: skip
        total += ukur.jalankan([BIN / "jupyter", "nbconvert", "--to", "html", nb])[0]
    pdf = [sys.executable, "-c", PDF_NAIF, folder, str(tahun), str(DAFTAR_ISI_SETELAH), *CHAPTERS]
    return total + ukur.jalankan(pdf)[0]


def _ubah_satu_input(root: Path, tahun: int, ke: int) -> None:
    """Give the first count of pegawai.csv a value it has not had before in this bench."""
    path = root / "data" / "raw" / str(tahun) / BERKAS_SATU_BAB
    baris = path.read_text(encoding="utf-8").splitlines()
    baris[1] = re.sub(r"\d+$", str(100 + ke), baris[1])
    path.write_text("\n".join(baris) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ulang", type=int, default=3, help="runs per route (median is reported)")
    ap.add_argument("--year", type=int, help="report year (default: the latest in data/raw)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="lkip-bench-") as tmp:
        root = Path(tmp)
        shutil.copytree(PACKAGE_ROOT / "data" / "raw", root / "data" / "raw")
        tahun = tahun_laporan(args.year, root)
        ukur = Pengukur(root)
        lkip = [sys.executable, "-m", "lkip", "report", "--year", str(tahun)]
        hasil: dict[str, list[float]] = {"naive": [], "cold": [], "noop": [], "one_change": []}
        for _ in range(args.ulang):
            hasil["naive"].append(_naif(ukur, tahun, root / "naif"))
        ukur.rss_mb.clear()  # the peak reported is that of the lkip route
        for _ in range(args.ulang):
            shutil.rmtree(root / ".cache", ignore_errors=True)
            hasil["cold"].append(ukur.jalankan([*lkip, "--quiet"])[0])
        for _ in range(args.ulang):
            hasil["noop"].append(ukur.jalankan([*lkip, "--quiet"])[0])
        dijalankan = set()
        for ke in range(args.ulang):
            _ubah_satu_input(root, tahun, ke)
            detik, keluar = ukur.jalankan(lkip)
            hasil["one_change"].append(detik)
            dijalankan |= set(re.findall(r"^Bab (\S+): mulai$", keluar, re.M))
        median = {k: statistics.median(v) for k, v in hasil.items()}
        ringkas = {f"{k}_s": round(v, 2) for k, v in median.items()}
        ringkas["peak_rss_mb"] = round(max(ukur.rss_mb), 1)
    _cetak(tahun, hasil, median, ringkas, sorted(dijalankan))
    print(json.dumps(ringkas))


def _cetak(
    tahun: int,
    hasil: dict[str, list[float]],
    median: dict[str, float],
    ringkas: dict[str, float],
    dijalankan: list[str],
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
    syarat = [
        ("cold <= 0,35 x naif", median["cold"] <= 0.35 * median["naive"]),
        ("no-op <= 1 dtk", median["noop"] <= 1.0),
        ("satu perubahan <= 0,5 x cold", median["one_change"] <= 0.5 * median["cold"]),
    ]
    for teks, ok in syarat:
        print(f"  {'ya   ' if ok else 'TIDAK'} {teks}")


if __name__ == "__main__":
    main()
