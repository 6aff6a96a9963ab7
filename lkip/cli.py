"""Command line: ``lkip report --year 2023`` and friends.

Analysts see messages in Bahasa Indonesia and an exit status, never a Python traceback, for
anything that is about their data or their command.
"""

from __future__ import annotations

import argparse
import re
import sys

from lkip.errors import DataTidakValid
from lkip.pipeline import BabGagal, proses, render, tahun_laporan

KELUAR_DATA = 2
KELUAR_BAB = 3


def _tahun(teks: str) -> int:
    if not re.fullmatch(r"\d{4}", teks.strip()):
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
    return p


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
    except DataTidakValid as e:
        print(e, file=sys.stderr)
        return KELUAR_DATA
    except BabGagal as e:
        print(e, file=sys.stderr)
        return KELUAR_BAB
    except FileNotFoundError as e:
        print(e, file=sys.stderr)
        return KELUAR_DATA
    return 0


if __name__ == "__main__":
    sys.exit(main())
