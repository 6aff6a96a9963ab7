"""Property-based fuzzing of validation (issue 15): mutate the shipped 2023 data the ways an
analyst's files go wrong and assert that ``validate`` accepts, or rejects with messages naming
the file: never a traceback, never a hang, never a write under ``data/raw``.

``make test`` runs a small, fixed sample (profile ``cepat``); ``make fuzz`` sets
``LKIP_FUZZ=lama`` for a few thousand fresh cases. Validation only: no case renders.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from lkip.build.pipeline import proses
from lkip.core.errors import DataTidakValid
from tests.conftest import SHIPPED_RAW, sidik_folder

SAMPLE = SHIPPED_RAW.parents[1] / "sample" / "skm_google_form_2023_SINTETIS.csv"
TAHUN = 2023
BATAS_DETIK = 120  # one validation taking longer than this is a hang

settings.register_profile(
    "cepat",
    max_examples=12,
    deadline=None,
    derandomize=True,  # the same cases every run: make test stays deterministic
    database=None,
    phases=[Phase.explicit, Phase.generate],  # a failure is reported as found, not shrunk
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "lama",
    max_examples=1000,
    deadline=None,
    database=None,
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("LKIP_FUZZ", "cepat"))

TABEL = (
    "2023/kinerja.csv",
    "2023/anggaran.csv",
    "2023/idm.csv",
    "2023/skm_unsur.csv",
    "2023/pegawai.csv",
    "2023/dilaporkan.csv",
    "2022/kinerja.csv",
    "2022/idm.csv",
)
YAML = ("2023/profil.yaml", "2023/narasi.yaml")
SEL_KHUSUS = (
    "",
    " ",
    "NA",
    "NaN",
    "null",
    "12%",
    "96,82 %",
    "-1",
    "0",
    "1e309",
    "inf",
    "-inf",
    "nan",
    "1.000.000,5",
    "1,000,000.5",
    "Rp 2.008.940.215",
    "150",
    "25",
    "100",
    '"',
    "'",
    "\ufeff",
    "=SUM(A1:A3)",
    "{tahun}",
    "{",
    "}",
    "x" * 5000,
    "é",
    "\x00",
    "\r",
    "\n",
    "tujuan",
    "sasaran",
    "ikm",
    "sakip",
    "skm",
    "idm",
    "manual",
    "naik",
    "turun",
    "T1",
    "S9",
    "U10",
)
TEKS = st.text(st.characters(exclude_categories=("Cs",)), max_size=25)
SEL = st.one_of(
    st.sampled_from(SEL_KHUSUS),
    TEKS,
    st.integers(-(10**15), 10**15).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(-200, 200, places=2).map(lambda d: str(d).replace(".", ",")),
)
NILAI_YAML = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**9), 10**9)
    | st.floats()
    | TEKS
    | st.dates()
    | st.sampled_from(SEL_KHUSUS),
    lambda anak: st.lists(anak, max_size=3) | st.dictionaries(TEKS, anak, max_size=3),
    max_leaves=8,
)
POTONGAN_YAML = st.sampled_from(
    [
        "&a ",
        "*a",
        ": ",
        "- ",
        "\t",
        "  ",
        "[",
        "]",
        "{",
        "}",
        "!!python/none ",
        "|",
        ">",
        "#",
        "'",
        '"',
        "%",
        "@",
        "`",
        "\n",
        "\x00",
        "? ",
        "<<: *a\n",
        "2024-02-30",
        ".nan",
        "~",
    ]
)


# --- reading and writing a mutated copy ------------------------------------------------------


def baca_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def tulis_csv(path: Path, baris: list[list[str]], pemisah: str = ",", enc: str = "utf-8") -> None:
    teks = io.StringIO(newline="")
    csv.writer(teks, delimiter=pemisah, lineterminator="\n").writerows(baris)
    path.write_bytes(teks.getvalue().encode(enc, errors="replace"))


def mutasi_tabel(data: st.DataObject, path: Path) -> None:
    """One way a table goes wrong: a cell, a header, a column, the separator, the encoding, or
    the bytes themselves."""
    jenis = data.draw(
        st.sampled_from(
            [
                "sel",
                "sel",
                "sel",
                "judul_ganda",
                "judul_kosong",
                "hapus_kolom",
                "baris_lebar",
                "pemisah",
                "pengodean",
                "potong",
                "acak",
                "folder",
                "tautan",
            ]
        ),
        label="jenis",
    )
    if jenis in ("potong", "acak", "folder", "tautan"):
        isi = path.read_bytes()
        if jenis == "potong":
            path.write_bytes(isi[: data.draw(st.integers(0, len(isi)), label="panjang")])
        elif jenis == "acak":
            path.write_bytes(data.draw(st.binary(max_size=300), label="bytes"))
        elif jenis == "folder":
            path.unlink()
            path.mkdir()
        else:
            path.unlink()
            path.symlink_to(data.draw(st.sampled_from(["/dev/null", "/tmp", "/tidak/ada"])))
        return
    baris = baca_csv(path)
    lebar = len(baris[0])
    i = data.draw(st.integers(0, len(baris) - 1), label="baris")
    j = data.draw(st.integers(0, lebar - 1), label="kolom")
    pemisah, enc = ",", "utf-8"
    if jenis == "sel":
        baris[i][j] = data.draw(SEL, label="nilai")
    elif jenis == "judul_ganda":
        baris[0][j] = baris[0][data.draw(st.integers(0, lebar - 1), label="kembar")]
    elif jenis == "judul_kosong":
        baris[0][j] = data.draw(st.sampled_from(["", " ", "\ufeff"]), label="judul")
    elif jenis == "hapus_kolom":
        baris = [r[:j] + r[j + 1 :] for r in baris]
    elif jenis == "baris_lebar":
        baris[i] = [*baris[i], data.draw(SEL, label="lebih")]
    elif jenis == "pemisah":
        pemisah = data.draw(st.sampled_from([";", "\t", "|"]), label="pemisah")
    else:
        baris[i][j] = baris[i][j] + "é"
        enc = data.draw(st.sampled_from(["cp1252", "utf-16", "latin-1"]), label="enc")
    tulis_csv(path, baris, pemisah, enc)


def _jalur_yaml(data: st.DataObject, isi: Any) -> list[Any]:
    jalur: list[Any] = []
    while isinstance(isi, dict | list) and isi and data.draw(st.booleans(), label="turun"):
        kunci = list(isi) if isinstance(isi, dict) else list(range(len(isi)))
        k = data.draw(st.sampled_from(kunci), label="kunci")
        jalur.append(k)
        isi = isi[k]
    return jalur


def mutasi_yaml(data: st.DataObject, path: Path) -> None:
    """A value of another shape somewhere in the document, a key removed, or raw text typed
    into the file."""
    teks = path.read_text(encoding="utf-8")
    jenis = data.draw(st.sampled_from(["nilai", "nilai", "hapus", "teks"]), label="jenis")
    if jenis == "teks":
        posisi = data.draw(st.integers(0, len(teks)), label="posisi")
        sisip = data.draw(st.lists(POTONGAN_YAML | TEKS, max_size=4), label="sisip")
        path.write_text(teks[:posisi] + "".join(sisip) + teks[posisi:], encoding="utf-8")
        return
    isi = yaml.safe_load(teks)
    jalur = _jalur_yaml(data, isi)
    if not jalur:
        isi = data.draw(NILAI_YAML, label="dokumen")
    else:
        induk = isi
        for k in jalur[:-1]:
            induk = induk[k]
        if jenis == "hapus":
            del induk[jalur[-1]]
        else:
            induk[jalur[-1]] = data.draw(NILAI_YAML, label="nilai")
    path.write_text(yaml.safe_dump(isi, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- the property ----------------------------------------------------------------------------


@contextmanager
def salinan(responden: bool = False) -> Iterator[Path]:
    """A throw-away project root holding a copy of the shipped data/raw."""
    with tempfile.TemporaryDirectory(prefix="lkip-fuzz-") as tmp:
        root = Path(tmp)
        shutil.copytree(SHIPPED_RAW, root / "data" / "raw" / "panarukan")
        if responden:
            baris = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:31]
            (root / "data" / "raw" / "panarukan" / "2023" / "skm_responden.csv").write_text(
                "".join(baris)
            )
        yield root


class _Macet(Exception):
    pass


@contextmanager
def batas_waktu(detik: int) -> Iterator[None]:
    def habis(*_: Any) -> None:
        raise _Macet(f"validasi tidak selesai dalam {detik} detik")

    lama = signal.signal(signal.SIGALRM, habis)
    signal.alarm(detik)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, lama)


def diterima_atau_ditolak_dengan_jelas(root: Path) -> None:
    """The property: accepted, or every problem names a file of data/raw; nothing else."""
    sebelum = sidik_folder(root / "data" / "raw" / "panarukan")
    try:
        with batas_waktu(BATAS_DETIK):
            proses(TAHUN, root)
    except DataTidakValid as e:
        assert e.masalah, "a rejection lists at least one problem"
        for m in e.masalah:
            assert m.berkas.startswith(("2022/", "2023/")), m
            assert m.pesan.strip(), m
            assert "Traceback" not in m.pesan and "Error" not in m.pesan, m
    assert sidik_folder(root / "data" / "raw" / "panarukan") == sebelum, (
        "validation wrote under data/raw"
    )


def jalankan(mutasi: Callable[[Path], None], responden: bool = False) -> None:
    with salinan(responden) as root:
        mutasi(root)
        diterima_atau_ditolak_dengan_jelas(root)


@given(st.data())
def test_mutated_tables(data: st.DataObject) -> None:
    def mutasi(root: Path) -> None:
        for nama in data.draw(
            st.lists(st.sampled_from(TABEL), min_size=1, max_size=2, unique=True)
        ):
            path = root / "data" / "raw" / "panarukan" / nama
            if path.is_file() and not path.is_symlink():
                mutasi_tabel(data, path)

    jalankan(mutasi)


@given(st.data())
def test_mutated_yaml(data: st.DataObject) -> None:
    def mutasi(root: Path) -> None:
        for nama in data.draw(st.lists(st.sampled_from(YAML), min_size=1, max_size=2, unique=True)):
            mutasi_yaml(data, root / "data" / "raw" / "panarukan" / nama)

    jalankan(mutasi)


@given(st.data())
def test_mutated_respondent_files(data: st.DataObject) -> None:
    def mutasi(root: Path) -> None:
        mutasi_tabel(data, root / "data" / "raw" / "panarukan" / "2023" / "skm_responden.csv")

    jalankan(mutasi, responden=True)


@pytest.mark.parametrize("responden", [False, True])
def test_the_unmutated_data_is_accepted(responden: bool) -> None:
    with salinan(responden) as root:
        proses(TAHUN, root)
