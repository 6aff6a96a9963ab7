"""Command line: ``lkip report --year 2023`` and friends.

Analysts see messages in Bahasa Indonesia and an exit status, never a Python traceback, for
anything that is about their data or their command.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import sys
import tempfile
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from lkip.build.pipeline import BabGagal, proses, render, tahun_laporan

# Only light modules at import: a rebuild served from the cache must not load pandas. The
# commands import what they need.
from lkip.core.errors import BundelTidakValid, DataTidakValid, TahunBaruGagal, pesan_galat
from lkip.core.paths import (
    InstansiTidakJelas,
    dengan_instansi,
    folder_tahun,
    periksa_slug,
    project_root,
    relatif,
)

if TYPE_CHECKING:
    from lkip.build.kernel import KolamKernel

KELUAR_DATA = 2
KELUAR_BAB = 3
KELUAR_BUNDEL = 4
KELUAR_REVIU = 5
KELUAR_BATCH = 6  # an office of a report-all failed
KELUAR_BERKAS = 7  # a path that cannot be read or written, or of the wrong kind
KELUAR_GALAT = 70  # an unexpected error: a fault of lkip, details in a log file
# Exit status per kind of failure the analyst can act on.
KELUAR = {
    DataTidakValid: KELUAR_DATA,
    TahunBaruGagal: KELUAR_DATA,
    FileNotFoundError: KELUAR_DATA,
    InstansiTidakJelas: KELUAR_DATA,
    BabGagal: KELUAR_BAB,
    BundelTidakValid: KELUAR_BUNDEL,
}


def _tahun(teks: str) -> int:
    if not re.fullmatch(r"[0-9]{4}", teks.strip()):
        raise argparse.ArgumentTypeError(
            f'tahun harus empat angka, misalnya 2023 (yang diberikan: "{teks}")'
        )
    return int(teks)


def _instansi(teks: str) -> str:
    try:
        return periksa_slug(teks.strip())
    except InstansiTidakJelas as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lkip", description="LKIP kecamatan dari data.")
    p.add_argument(
        "--instansi",
        type=_instansi,
        help="instansi di data/raw/<instansi>/ (bawaan: satu-satunya instansi yang ada)",
    )
    sub = p.add_subparsers(dest="perintah", required=True)
    r = sub.add_parser("report", help="render outputs/<instansi>/<tahun>/ (HTML, PDF, notebook)")
    r.add_argument(
        "--year", dest="tahun", type=_tahun, help="tahun laporan (bawaan: tahun terakhir di data)"
    )
    r.add_argument("--quiet", action="store_true", help="tanpa baris kemajuan per bab")
    v = sub.add_parser("validate", help="periksa data mentah satu tahun tanpa merender")
    v.add_argument("--year", dest="tahun", type=_tahun)
    n = sub.add_parser(
        "new-year", help="buat data/raw/<tahun>/ dari tahun sebelumnya, angka dikosongkan"
    )
    n.add_argument(
        "--year", dest="tahun", type=_tahun, required=True, help="tahun baru, misalnya 2024"
    )
    ni = sub.add_parser(
        "new-instansi", help="buat data/raw/<instansi>/ dengan susunan instansi lain, tanpa isinya"
    )
    ni.add_argument(
        "--dari", type=_instansi, required=True, help="instansi contoh, misalnya panarukan"
    )
    ra = sub.add_parser(
        "report-all", help="render setiap instansi yang punya data tahun itu, lalu rekap dan portal"
    )
    ra.add_argument(
        "--year", dest="tahun", type=_tahun, required=True, help="tahun laporan, misalnya 2024"
    )
    ra.add_argument("--dask", help="alamat penjadwal Dask, misalnya tcp://scheduler:8786")
    ra.add_argument("--paralel", type=int, help="berapa instansi sekaligus (bawaan: jumlah inti)")
    rk = sub.add_parser("rekap", help="rekap semua instansi: outputs/rekap/<tahun>/")
    rk.add_argument(
        "--year", dest="tahun", type=_tahun, required=True, help="tahun laporan, misalnya 2024"
    )
    sub.add_parser("portal", help="outputs/index.html: daftar semua laporan untuk reviewer")
    b = sub.add_parser("bundle", help="satu zip untuk reviewer dari outputs/<tahun>/")
    b.add_argument(
        "--year", dest="tahun", type=_tahun, help="tahun laporan (bawaan: tahun terakhir di data)"
    )
    vb = sub.add_parser("verify-bundle", help="periksa zip bundel terhadap manifest di dalamnya")
    vb.add_argument("file", type=Path, help="berkas zip yang diterima")
    vb.add_argument("--sidik", help="sidik bundel (sha256 manifest) yang dikirim pengirim")
    vp = sub.add_parser("verify", help="periksa PDF laporan terhadap data dan manifest terlampir")
    vp.add_argument("file", type=Path, help="berkas PDF laporan")
    rv = sub.add_parser("reviu", help="bandingkan angka tercetak (dilaporkan.csv) dengan hitungan")
    rv.add_argument(
        "--year", dest="tahun", type=_tahun, help="tahun laporan (bawaan: tahun terakhir di data)"
    )
    rv.add_argument("--ketat", action="store_true", help="keluar dengan status 5 bila tidak sesuai")
    sub.add_parser("lab", help="JupyterLab pada notebooks/, lkip bisa diimpor")
    sub.add_parser("clean-cache", help="hapus cache bab dan bagian PDF (dibuat ulang bila perlu)")
    # Their other arguments go to scripts/bench.py and pytest (see main).
    sub.add_parser("bench", help="ukur waktu render (pengembang; argumen lain ke bench.py)")
    sub.add_parser("test", help="ruff lalu pytest (pengembang; argumen lain ke pytest)")
    sub.add_parser("lock", help="tulis ulang requirements.lock dari paket terpasang (pengembang)")
    sub.add_parser("mutation", help="uji mutasi modul rumus dengan mutmut (pengembang)")
    sub.add_parser("fuzz", help="ribuan masukan rusak buatan, tanpa traceback (pengembang)")
    return p


def _reviu(tahun: int | None, ketat: bool) -> int:
    from lkip.processed import muat
    from lkip.reviu import TIDAK_SESUAI, teks_temuan

    tahun = tahun_laporan(tahun)
    laporan = muat(tahun)
    if not laporan.nilai["reviu_dilaporkan"]:
        print(
            f"Tidak ada {relatif(folder_tahun(tahun))}/dilaporkan.csv: hanya pemeriksaan internal."
        )
    hasil = laporan.tabel["reviu"]
    print(teks_temuan(hasil, tahun))
    return KELUAR_REVIU if ketat and (hasil["status"] == TIDAK_SESUAI).any() else 0


def _semua(tahun: int, dask: str | None, paralel: int | None) -> int:
    """Every office and the recap (which starts once every office's data is processed), then
    the portal; non-zero when an office failed."""
    from lkip.build.batch import render_semua, tabel_hasil
    from lkip.build.portal import tulis_portal

    def rekap(kolam: KolamKernel | None) -> None:
        try:
            _rekap(tahun, kolam)
        except Exception as e:  # the table below still tells each office's outcome
            _baris(f"Rekap tahun {tahun} gagal: {e}", sys.stderr)

    hasil = render_semua(tahun, dask=dask, paralel=paralel, lapor=_baris, sesudah=rekap)
    print(f"Portal: {tulis_portal()}")
    print()
    print(tabel_hasil(hasil))
    return KELUAR_BATCH if any(not h.berhasil for h in hasil) else 0


def _rekap(tahun: int, kolam: KolamKernel | None = None) -> None:
    """Write the recap; in a kernel of ``kolam`` (a batch's) when given one."""
    from lkip.build.rekap_keluaran import berkas_rekap, tulis_rekap, tulis_rekap_di

    if kolam is None:
        tulis_rekap(tahun)
    else:
        tulis_rekap_di(kolam, tahun, project_root())
    html, pdf = berkas_rekap(tahun)
    _baris(f"Rekap {tahun} selesai:\n  {html}\n  {pdf}")


def _baris(teks: str, berkas: TextIO | None = None) -> None:
    """Print ``teks`` and its newline in one write: in a batch the recap reports from its own
    thread while the offices report, and print's two writes could interleave with theirs."""
    berkas = berkas or sys.stdout
    berkas.write(f"{teks}\n")
    berkas.flush()


def _bundel(tahun: int | None) -> None:
    from lkip.build.bundle import buat_bundel

    hasil = buat_bundel(tahun_laporan(tahun))
    print(f"Bundel selesai: {hasil.path}")
    print(f"Sidik bundel (sha256 manifest.json): {hasil.sidik}")
    print("Sampaikan sidik ini kepada penerima melalui jalur lain, bukan bersama zip-nya.")


def _periksa_bundel(file: Path, sidik: str | None) -> int:
    from lkip.build.bundle import periksa_bundel

    hasil = periksa_bundel(file, sidik)
    if not hasil.valid:
        print(f"Bundel {file} TIDAK VALID:", file=sys.stderr)
        for m in hasil.masalah:
            print(f"  - {m}", file=sys.stderr)
        return KELUAR_BUNDEL
    print(f"Bundel valid: {hasil.jumlah_berkas} berkas sama dengan manifest.")
    print(f"Sidik bundel (sha256 manifest.json): {hasil.sidik}")
    if sidik is None:
        print("Bandingkan sidik ini dengan sidik yang dikirim pengirim melalui jalur lain.")
    return 0


def _periksa_pdf(file: Path) -> int:
    from lkip.build.pdf_lampiran import periksa_pdf

    hasil = periksa_pdf(file)
    if not hasil.valid:
        print(f"PDF {file} TIDAK VALID:", file=sys.stderr)
        for m in hasil.masalah:
            print(f"  - {m}", file=sys.stderr)
        return KELUAR_BUNDEL
    print(
        f"PDF valid: {hasil.jumlah_lampiran - 1} berkas data masukan terlampir sama dengan "
        "manifest terlampir, dan sidik data yang tercetak di halaman terakhir cocok."
    )
    print(f"Sidik manifest terlampir (sha256): {hasil.sidik}")
    return 0


def _alat(args: argparse.Namespace, lain: list[str]) -> int:
    """The commands that stand for the Makefile's other targets (lkip.cli_alat)."""
    from lkip import cli_alat

    if args.perintah == "clean-cache":
        print(f"Cache dihapus: {cli_alat.hapus_cache()}")
        return 0
    if args.perintah == "lock":
        print(f"Ditulis: {cli_alat.kunci_versi()}")
        return 0
    if args.perintah == "lab":
        return cli_alat.lab()
    if args.perintah == "bench":
        return cli_alat.bench(lain)
    if args.perintah == "mutation":
        return cli_alat.mutasi()
    if args.perintah == "fuzz":
        return cli_alat.fuzz()
    return cli_alat.uji(lain)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args, lain = parser.parse_known_args(argv)
    if lain and args.perintah not in ("bench", "test"):
        parser.error(f"argumen tidak dikenal: {' '.join(lain)}")
    try:
        if args.instansi is not None:
            with dengan_instansi(args.instansi):
                return _jalankan(args, lain)
        return _jalankan(args, lain)
    except tuple(KELUAR) as e:
        print(pesan_galat(e), file=sys.stderr)
        return next(status for jenis, status in KELUAR.items() if isinstance(e, jenis))
    except OSError as e:
        print(pesan_galat(e), file=sys.stderr)
        return KELUAR_BERKAS
    except KeyboardInterrupt:
        print("Dihentikan. Keluaran sebelumnya tetap utuh.", file=sys.stderr)
        return 130
    except Exception:  # the last line of defence: no traceback for the analyst
        catatan = _catat_galat(traceback.format_exc())
        tempat = f"ditulis ke {catatan}" if catatan else "tidak bisa ditulis ke berkas"
        print(
            "Terjadi kesalahan tak terduga di dalam lkip (bukan kesalahan data Anda). "
            f"Rincian teknisnya {tempat}; kirimkan berkas itu kepada pengelola lkip.",
            file=sys.stderr,
        )
        return KELUAR_GALAT


def _jalankan(args: argparse.Namespace, lain: list[str]) -> int:
    if args.perintah == "report":
        lapor = (lambda _: None) if args.quiet else (lambda m: print(m, flush=True))
        hasil = render(args.tahun, lapor=lapor)
        berkas = (hasil.html, hasil.pdf, hasil.docx, hasil.xlsx)
        print(f"Laporan {hasil.tahun} selesai:", *(f"  {b}" for b in berkas), sep="\n")
    elif args.perintah == "validate":
        tahun = tahun_laporan(args.tahun)
        proses(tahun)
        print(f"Data tahun {tahun} valid.")
    elif args.perintah == "new-year":
        from lkip.inputs.tahun_baru import buat_tahun_baru, tampilkan

        print(tampilkan(buat_tahun_baru(args.tahun)))
    elif args.perintah == "new-instansi":
        from lkip.inputs.instansi_baru import buat_instansi_baru, tampilkan

        if args.instansi is None:
            raise InstansiTidakJelas(
                "sebutkan nama instansi baru: make new-instansi INSTANSI=kendit FROM=panarukan"
            )
        print(tampilkan(buat_instansi_baru(args.instansi, args.dari)))
    elif args.perintah == "report-all":
        return _semua(args.tahun, args.dask, args.paralel)
    elif args.perintah == "rekap":
        _rekap(args.tahun)
    elif args.perintah == "portal":
        from lkip.build.portal import tulis_portal

        print(f"Portal: {tulis_portal()}")
    elif args.perintah == "bundle":
        _bundel(args.tahun)
    elif args.perintah == "verify-bundle":
        return _periksa_bundel(args.file, args.sidik)
    elif args.perintah == "verify":
        return _periksa_pdf(args.file)
    elif args.perintah == "reviu":
        return _reviu(args.tahun, args.ketat)
    else:
        return _alat(args, lain)
    return 0


def _catat_galat(rincian: str) -> Path | None:
    """Write a traceback where the analyst can find and send it: ``outputs/.galat/``, else the
    system's temporary folder (outputs may be the very thing that cannot be written)."""
    waktu = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    nama = f"lkip-galat-{waktu}-{os.getpid()}.log"
    for folder in (project_root() / "outputs" / ".galat", Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / nama
            path.write_text(rincian, encoding="utf-8")
            return path
        except OSError:
            continue
    return None


if __name__ == "__main__":
    sys.exit(main())
