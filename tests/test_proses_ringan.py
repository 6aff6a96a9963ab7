"""Processing a year stays light: it loads no chart library and no Hypothesis, and validation
reports exactly the same problems without Hypothesis as with it. Reading a processed year, as
a chapter kernel does, loads no validation or spreadsheet library either."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import SHIPPED_RAW

# Run in a fresh interpreter (the test session may have loaded both long ago): process the
# shipped year, read a broken copy of it, and tell what was loaded and which problems were
# found; with "dengan", Hypothesis is loaded first, so pandera has it as it would unaided.
PROSES = """
import dataclasses, json, sys
from pathlib import Path
if sys.argv[3] == "dengan":
    import hypothesis
from lkip.core.errors import DataTidakValid
from lkip.inputs.tahun import muat_tahun
from lkip.processed import susun

susun(2023, Path(sys.argv[1]))
try:
    muat_tahun(2023, Path(sys.argv[2]))
except DataTidakValid as e:
    masalah = [dataclasses.astuple(m) for m in e.masalah]
dimuat = sorted({m.split(".")[0] for m in sys.modules} & {"hypothesis", "matplotlib", "trio"})
import hypothesis  # still importable by whoever needs it
print(json.dumps({"dimuat": dimuat, "masalah": masalah}))
"""


def salin(tujuan: Path) -> Path:
    shutil.copytree(SHIPPED_RAW, tujuan / "data" / "raw" / "panarukan")
    return tujuan


def ganti(path: Path, lama: str, baru: str) -> None:
    isi = path.read_text(encoding="utf-8")
    assert lama in isi, f"test setup: {lama!r} not in {path.name}"
    path.write_text(isi.replace(lama, baru, 1), encoding="utf-8")


def rusak(root: Path) -> Path:
    """Broken in every kind of rule pandera checks: a choice, a row rule over two columns, a
    lower bound and a missing column."""
    folder = root / "data" / "raw" / "panarukan" / "2023"
    ganti(folder / "kinerja.csv", ",menit,turun,", ",menit,turunn,")
    ganti(folder / "anggaran.csv", ",98411880,96252000", ",98411880,98411881")
    ganti(folder / "pegawai.csv", "golongan,Golongan II,2", "golongan,Golongan II,-2")
    ganti(folder / "idm.csv", "desa,", "desaa,")
    return root


def proses(utuh: Path, patah: Path, hypothesis: str) -> dict:
    hasil = subprocess.run(
        [sys.executable, "-c", PROSES, str(utuh), str(patah), hypothesis],
        capture_output=True,
        text=True,
        env=os.environ | {"LKIP_ROOT": str(utuh)},
        check=True,
    )
    return json.loads(hasil.stdout)


def test_processing_loads_neither_charts_nor_hypothesis_and_reports_the_same(
    tmp_path: Path,
) -> None:
    utuh, patah = salin(tmp_path / "utuh"), rusak(salin(tmp_path / "patah"))
    tanpa, dengan = proses(utuh, patah, "tanpa"), proses(utuh, patah, "dengan")
    assert tanpa["dimuat"] == []
    assert dengan["dimuat"] == ["hypothesis", "trio"]  # what pandera would have loaded
    assert tanpa["masalah"] == dengan["masalah"]
    assert {(m[0].split("/")[-1], m[2]) for m in tanpa["masalah"]} >= {
        ("kinerja.csv", "polaritas"),
        ("anggaran.csv", "realisasi"),
        ("pegawai.csv", "jumlah"),
        ("idm.csv", "desa"),
    }


# What a chapter kernel loads before its chapter (lkip.build.kernel.IMPOR), then the processed
# year read as a chapter reads it.
BACA = """
import json, sys
from pathlib import Path
from lkip.build.kernel import IMPOR
exec(IMPOR)
from lkip.processed import muat
L = muat(2023, Path(sys.argv[1]))
berat = {"matplotlib", "openpyxl", "pandera", "pydantic", "yaml"}
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules} & berat)))
"""


def test_a_chapter_kernel_reads_the_processed_year_without_the_inputs_libraries(
    tmp_path: Path,
) -> None:
    root = salin(tmp_path)
    env = os.environ | {"LKIP_ROOT": str(root)}
    baca = [sys.executable, "-c", BACA, str(root)]
    # the first read finds no processed year: it computes one, with the inputs layer
    pertama = subprocess.run(baca, capture_output=True, text=True, env=env, check=True)
    assert set(json.loads(pertama.stdout)) >= {"pandera", "pydantic", "yaml"}
    kedua = subprocess.run(baca, capture_output=True, text=True, env=env, check=True)
    assert json.loads(kedua.stdout) == []
