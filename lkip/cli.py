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

# Only light modules at import: a rebuild served from the cache must not load pandas. The
# commands import what they need.
from lkip.errors import BundelTidakValid, DataTidakValid, TahunBaruGagal, pesan_os
from lkip.paths import project_root
from lkip.pipeline import BabGagal, proses, render, tahun_laporan

KELUAR_DATA = 2
KELUAR_BAB = 3
KELUAR_BUNDEL = 4
KELUAR_REVIU = 5
KELUAR_BERKAS = 6  # a path that cannot be read or written, or of the wrong kind
KELUAR_GALAT = 70  # an unexpected error: a fault of lkip, details in a log file
# Exit status per kind of failure the analyst can act on.
KELUAR = {
    DataTidakValid: KELUAR_DATA,
    TahunBaruGagal: KELUAR_DATA,
    FileNotFoundError: KELUAR_DATA,
    BabGagal: KELUAR_BAB,
    BundelTidakValid: KELUAR_BUNDEL,
}


def _tahun(teks: str) -> int:
    if not re.fullmatch(r"[0-9]{4}", teks.strip()):
        raise argparse.ArgumentTypeError(
            f'tahun harus empat angka, misalnya 2023 (yang diberikan: "{teks}")'
        )
    return int(teks)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lkip", description="LKIP kecamatan dari data.")
    sub = p.add_subparsers(dest="perintah", required=True)
    r = sub.add_parser("report", help="render outputs/<tahun>/ (HTML, PDF, notebook)")
    r.add_argument("--year", type=_tahun, help="tahun laporan (bawaan: tahun terakhir di data)")
    r.add_argument("--quiet", action="store_true", help="tanpa baris kemajuan per bab")
    v = sub.add_parser("validate", help="periksa data mentah satu tahun tanpa merender")
    v.add_argument("--year", type=_tahun)
    n = sub.add_parser(
        "new-year", help="buat data/raw/<tahun>/ dari tahun sebelumnya, angka dikosongkan"
    )
    n.add_argument("--year", type=_tahun, required=True, help="tahun baru, misalnya 2024")
    b = sub.add_parser("bundle", help="satu zip untuk reviewer dari outputs/<tahun>/")
    b.add_argument("--year", type=_tahun, help="tahun laporan (bawaan: tahun terakhir di data)")
    vb = sub.add_parser("verify-bundle", help="periksa zip bundel terhadap manifest di dalamnya")
    vb.add_argument("file", type=Path, help="berkas zip yang diterima")
    vb.add_argument("--sidik", help="sidik bundel (sha256 manifest) yang dikirim pengirim")
    rv = sub.add_parser("reviu", help="bandingkan angka tercetak (dilaporkan.csv) dengan hitungan")
    rv.add_argument("--year", type=_tahun, help="tahun laporan (bawaan: tahun terakhir di data)")
    rv.add_argument("--ketat", action="store_true", help="keluar dengan status 5 bila tidak sesuai")
    return p


def _reviu(tahun: int | None, ketat: bool) -> int:
    from lkip.laporan import muat
    from lkip.reviu import TIDAK_SESUAI, teks_temuan

    tahun = tahun_laporan(tahun)
    laporan = muat(tahun)
    if not laporan.nilai["reviu_dilaporkan"]:
        print(f"Tidak ada data/raw/{tahun}/dilaporkan.csv: hanya pemeriksaan internal.")
    hasil = laporan.tabel["reviu"]
    print(teks_temuan(hasil, tahun))
    return KELUAR_REVIU if ketat and (hasil["status"] == TIDAK_SESUAI).any() else 0


def _bundel(tahun: int | None) -> None:
    from lkip.bundle import buat_bundel

    hasil = buat_bundel(tahun_laporan(tahun))
    print(f"Bundel selesai: {hasil.path}")
    print(f"Sidik bundel (sha256 manifest.json): {hasil.sidik}")
    print("Sampaikan sidik ini kepada penerima melalui jalur lain, bukan bersama zip-nya.")


def _periksa_bundel(file: Path, sidik: str | None) -> int:
    from lkip.bundle import periksa_bundel

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


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.perintah == "report":
            lapor = (lambda _: None) if args.quiet else (lambda m: print(m, flush=True))
            hasil = render(args.year, lapor=lapor)
            print(f"Laporan {hasil.tahun} selesai:\n  {hasil.html}\n  {hasil.pdf}")
        elif args.perintah == "validate":
            tahun = tahun_laporan(args.year)
            proses(tahun)
            print(f"Data tahun {tahun} valid.")
        elif args.perintah == "new-year":
            from lkip.template import buat_tahun_baru, tampilkan

            print(tampilkan(buat_tahun_baru(args.year)))
        elif args.perintah == "bundle":
            _bundel(args.year)
        elif args.perintah == "verify-bundle":
            return _periksa_bundel(args.file, args.sidik)
        elif args.perintah == "reviu":
            return _reviu(args.year, args.ketat)
    except tuple(KELUAR) as e:
        print(e, file=sys.stderr)
        return next(status for jenis, status in KELUAR.items() if isinstance(e, jenis))
    except OSError as e:
        print(pesan_os(e), file=sys.stderr)
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
