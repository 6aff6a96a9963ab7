"""Mutation testing of the formula modules (``make mutation``); prints the mutation score.

Runs mutmut as configured in pyproject.toml (``[tool.mutmut]``: the formula modules, the fast
tests that cover them) with one worker, as the machine is shared, then counts the results.
Surviving mutants judged equivalent are listed, with why, in tests/MUTATION.md; the score that
counts is the share of the other mutants that the tests kill. Exits non-zero when it is below
95 %, or when a mutant survives that tests/MUTATION.md does not list (write a test that kills
it, or judge it there).

    .venv/bin/python scripts/mutation.py [--pekerja 1]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = Path(sys.executable).parent / "mutmut"
DAFTAR_SETARA = ROOT / "tests" / "MUTATION.md"
SKOR_MINIMUM = 95.0
NAMA_MUTAN = re.compile(r"`(lkip\.[^`\s]+__mutmut_\d+)`")


def hasil_mutmut() -> dict[str, str]:
    """Status of every mutant (killed, survived, timeout, ...) by name, from mutmut's records."""
    keluaran = subprocess.run(
        [str(MUTMUT), "results", "--all", "true"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    hasil = {}
    for baris in keluaran.splitlines():
        nama, pemisah, status = baris.strip().rpartition(": ")
        if pemisah and nama.startswith("lkip."):
            hasil[nama] = status.strip()
    return hasil


def setara() -> set[str]:
    """The mutants tests/MUTATION.md judges equivalent (named in backticks)."""
    return set(NAMA_MUTAN.findall(DAFTAR_SETARA.read_text(encoding="utf-8")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pekerja", type=int, default=1, help="mutants tested at once")
    args = parser.parse_args()
    log = ROOT / "mutants" / "mutmut-run.log"
    log.parent.mkdir(exist_ok=True)
    print(f"mutmut berjalan dengan {args.pekerja} pekerja; rinciannya di {log.relative_to(ROOT)}")
    with log.open("w", encoding="utf-8") as keluaran:
        jalan = subprocess.run(
            [str(MUTMUT), "run", "--max-children", str(args.pekerja)],
            cwd=ROOT,
            stdout=keluaran,
            stderr=subprocess.STDOUT,
        )
    if jalan.returncode != 0:
        print(log.read_text(encoding="utf-8")[-3000:])
        return jalan.returncode
    hasil = hasil_mutmut()
    jumlah = Counter(hasil.values())
    hidup = {n for n, s in hasil.items() if s != "killed"}
    dinilai_setara = setara()
    setara_hidup = hidup & dinilai_setara
    lolos = sorted(hidup - dinilai_setara)
    usang = sorted(dinilai_setara - hidup)
    bukan_setara = len(hasil) - len(setara_hidup)
    skor = 100 * jumlah["killed"] / bukan_setara if bukan_setara else 100.0
    print(f"mutan: {len(hasil)} ({', '.join(f'{s} {n}' for s, n in sorted(jumlah.items()))})")
    print(f"setara (tests/MUTATION.md): {len(setara_hidup)}")
    print(f"skor mentah: {100 * jumlah['killed'] / len(hasil):.1f} % dibunuh")
    print(f"skor mutasi: {skor:.1f} % dari {bukan_setara} mutan yang tidak setara dibunuh")
    for nama in lolos:
        print(f"  lolos, belum dinilai: {nama}  (mutmut show {nama})")
    for nama in usang:
        print(f"  tercatat setara tetapi tidak hidup lagi (nilai ulang): {nama}")
    return 0 if skor >= SKOR_MINIMUM and not lolos else 1


if __name__ == "__main__":
    sys.exit(main())
