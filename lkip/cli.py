"""Command line: ``lkip report --year 2023`` and friends.

Analysts see messages in Bahasa Indonesia and an exit status, never a Python traceback, for
anything that is about their data or their command.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

# Only light modules at import: a rebuild served from the cache must not load pandas. The
# commands import what they need.
from lkip.errors import BundelTidakValid, DataTidakValid, TahunBaruGagal
from lkip.paths import InstansiTidakJelas, dengan_instansi, periksa_slug, raw_year_dir, relatif
from lkip.pipeline import BabGagal, proses, render, tahun_laporan

KELUAR_DATA = 2
KELUAR_BAB = 3
KELUAR_BUNDEL = 4
KELUAR_REVIU = 5
KELUAR_BATCH = 6
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
    r.add_argument("--year", type=_tahun, help="tahun laporan (bawaan: tahun terakhir di data)")
    r.add_argument("--quiet", action="store_true", help="tanpa baris kemajuan per bab")
    v = sub.add_parser("validate", help="periksa data mentah satu tahun tanpa merender")
    v.add_argument("--year", type=_tahun)
    n = sub.add_parser(
        "new-year", help="buat data/raw/<tahun>/ dari tahun sebelumnya, angka dikosongkan"
    )
    n.add_argument("--year", type=_tahun, required=True, help="tahun baru, misalnya 2024")
    ni = sub.add_parser(
        "new-instansi", help="buat data/raw/<instansi>/ dengan susunan instansi lain, tanpa isinya"
    )
    ni.add_argument(
        "--dari", type=_instansi, required=True, help="instansi contoh, misalnya panarukan"
    )
    ra = sub.add_parser(
        "report-all", help="render setiap instansi yang punya data tahun itu, lalu rekap dan portal"
    )
    ra.add_argument("--year", type=_tahun, required=True, help="tahun laporan, misalnya 2024")
    ra.add_argument("--dask", help="alamat penjadwal Dask, misalnya tcp://scheduler:8786")
    ra.add_argument("--paralel", type=int, help="berapa instansi sekaligus (bawaan: jumlah inti)")
    rk = sub.add_parser("rekap", help="rekap semua instansi: outputs/rekap/<tahun>/")
    rk.add_argument("--year", type=_tahun, required=True, help="tahun laporan, misalnya 2024")
    sub.add_parser("portal", help="outputs/index.html: daftar semua laporan untuk reviewer")
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
        print(
            f"Tidak ada {relatif(raw_year_dir(tahun))}/dilaporkan.csv: hanya pemeriksaan internal."
        )
    hasil = laporan.tabel["reviu"]
    print(teks_temuan(hasil, tahun))
    return KELUAR_REVIU if ketat and (hasil["status"] == TIDAK_SESUAI).any() else 0


def _semua(tahun: int, dask: str | None, paralel: int | None) -> int:
    """Every office, then the recap and the portal; non-zero when an office failed."""
    from lkip.batch import render_semua, tabel_hasil
    from lkip.portal import tulis_portal

    hasil = render_semua(tahun, dask=dask, paralel=paralel, lapor=lambda m: print(m, flush=True))
    try:
        _rekap(tahun)
    except Exception as e:  # the table below still tells each office's outcome
        print(f"Rekap tahun {tahun} gagal: {e}", file=sys.stderr)
    print(f"Portal: {tulis_portal()}")
    print()
    print(tabel_hasil(hasil))
    return KELUAR_BATCH if any(not h.berhasil for h in hasil) else 0


def _rekap(tahun: int) -> None:
    from lkip.rekap_keluaran import tulis_rekap

    hasil = tulis_rekap(tahun)
    print(f"Rekap {tahun} selesai:\n  {hasil.html}\n  {hasil.pdf}")


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
        if args.instansi is not None:
            with dengan_instansi(args.instansi):
                return _jalankan(args)
        return _jalankan(args)
    except tuple(KELUAR) as e:
        print(e, file=sys.stderr)
        return next(status for jenis, status in KELUAR.items() if isinstance(e, jenis))


def _jalankan(args: argparse.Namespace) -> int:
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
    elif args.perintah == "new-instansi":
        from lkip.instansi_baru import buat_instansi_baru, tampilkan

        if args.instansi is None:
            raise InstansiTidakJelas(
                "sebutkan nama instansi baru: make new-instansi INSTANSI=kendit FROM=panarukan"
            )
        print(tampilkan(buat_instansi_baru(args.instansi, args.dari)))
    elif args.perintah == "report-all":
        return _semua(args.year, args.dask, args.paralel)
    elif args.perintah == "rekap":
        _rekap(args.year)
    elif args.perintah == "portal":
        from lkip.portal import tulis_portal

        print(f"Portal: {tulis_portal()}")
    elif args.perintah == "bundle":
        _bundel(args.year)
    elif args.perintah == "verify-bundle":
        return _periksa_bundel(args.file, args.sidik)
    elif args.perintah == "reviu":
        return _reviu(args.year, args.ketat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
