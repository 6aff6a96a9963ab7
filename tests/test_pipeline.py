"""The render pipeline: parallel chapters, progress lines, one run per year, clean interruption,
honest chapter dependencies, and the same report with and without the cache."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import nbformat
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from lkip import processed
from lkip.build import eksekusi as ek
from lkip.build import pipeline
from lkip.cli import main
from lkip.core.paths import PACKAGE_ROOT
from lkip.model import laporan as lap
from tests.conftest import SHIPPED_RAW, sidik_folder
from tests.test_cache import BAB_KINERJA, BAB_PEGAWAI, Rekaman, fixture_palsu  # noqa: F401

ASLI_NOTEBOOKS = PACKAGE_ROOT / "notebooks"


def _sisa(root: Path) -> list[str]:
    """Hidden folders a run may leave: staging, set-aside outputs, half-written tables."""
    tempat = [root / "outputs" / "panarukan", root / "data" / "processed" / "panarukan"]
    return sorted(p.name for t in tempat if t.exists() for p in t.iterdir() if p.is_dir()
                  and p.name.startswith("."))  # fmt: skip


def test_chapters_run_at_the_same_time(
    root: Path, palsu: Rekaman, monkeypatch: pytest.MonkeyPatch
) -> None:
    eksekusi = ek.jalankan_notebook
    bersama = threading.Barrier(2, timeout=60)

    def tunggu_yang_lain(notebook: Path, tahun: int, keluaran: Path, km: object = None) -> None:
        bersama.wait()  # breaks (and the run fails) unless both chapters are running at once
        eksekusi(notebook, tahun, keluaran, km)

    monkeypatch.setattr(ek, "jalankan_notebook", tunggu_yang_lain)
    pipeline.render(2023, root=root, lapor=lambda _: None, pekerja=2)
    assert sorted(palsu.dijalankan) == [BAB_PEGAWAI, BAB_KINERJA]


def test_progress_lines_and_quiet(
    root: Path, palsu: Rekaman, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("LKIP_ROOT", str(root))
    assert main(["report", "--year", "2023"]) == 0
    out = capsys.readouterr().out
    for bab in (BAB_PEGAWAI, BAB_KINERJA):
        assert f"Bab {bab}: mulai" in out
        assert re.search(rf"^Bab {bab}: selesai \(\d+,?\.?\d* dtk\)$", out, re.M)
    pegawai = root / "data" / "raw" / "panarukan" / "2023" / "pegawai.csv"
    pegawai.write_text(pegawai.read_text().replace("Golongan II,2", "Golongan II,5"))
    assert main(["report", "--year", "2023"]) == 0
    out = capsys.readouterr().out
    assert f"Bab {BAB_KINERJA}: dari cache" in out and f"Bab {BAB_PEGAWAI}: mulai" in out
    pegawai.write_text(pegawai.read_text().replace("Golongan II,5", "Golongan II,6"))
    assert main(["report", "--year", "2023", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "Bab" not in out and "Laporan 2023 selesai" in out
    assert palsu.dijalankan.count(BAB_PEGAWAI) == 3


def test_a_second_run_for_the_same_year_waits_for_the_first(tmp_path: Path) -> None:
    (tmp_path / "data" / "raw" / "panarukan").mkdir(parents=True)
    pesan: list[str] = []
    masuk = threading.Event()

    def kedua() -> None:
        with pipeline.kunci_tahun(2023, tmp_path, pesan.append):
            masuk.set()

    with pipeline.kunci_tahun(2023, tmp_path):
        t = threading.Thread(target=kedua)
        t.start()
        t.join(timeout=1)
        assert t.is_alive() and not masuk.is_set()  # still waiting while the first holds it
        with pipeline.kunci_tahun(2022, tmp_path, pesan.append):
            pass  # another year is not blocked
    t.join(timeout=60)
    assert masuk.is_set()
    assert pesan == ["Laporan 2023 sedang dibuat oleh proses lain; menunggu sampai selesai..."]
    assert (tmp_path / "outputs" / "panarukan" / ".2023.lock").exists()


def test_interrupted_run_keeps_last_outputs_and_leaves_no_litter(
    root: Path, palsu: Rekaman, monkeypatch: pytest.MonkeyPatch
) -> None:
    hasil = pipeline.render(2023, root=root, lapor=lambda _: None)
    sebelum = sidik_folder(hasil.folder)

    def putus(*_: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ek, "jalankan_notebook", putus)
    _notebook_berubah = pipeline.notebooks_dir() / f"{BAB_KINERJA}.ipynb"
    _notebook_berubah.write_text(_notebook_berubah.read_text().replace("L.kinerja", "L.tren"))
    with pytest.raises(KeyboardInterrupt):
        pipeline.render(2023, root=root, lapor=lambda _: None)
    assert sidik_folder(hasil.folder) == sebelum
    assert _sisa(root) == []
    cache = root / "cache"
    assert not [p for p in cache.rglob("*") if p.name.startswith(".")]


def test_interrupted_swap_is_repaired_by_the_next_run(root: Path) -> None:
    out = root / "outputs" / "panarukan"
    (out / ".2023-lama-123").mkdir(parents=True)
    (out / ".2023-lama-123" / "lkip-2023.html").write_text("laporan terakhir")
    (out / ".2023-sedang-abc").mkdir()
    (root / "data" / "processed" / "panarukan" / ".2023-x1").mkdir(parents=True)
    pipeline._bersihkan_sisa(2023, root)
    assert (out / "2023" / "lkip-2023.html").read_text() == "laporan terakhir"
    assert _sisa(root) == []


def test_a_failing_chapter_does_not_lose_the_others(
    root: Path, palsu: Rekaman, monkeypatch: pytest.MonkeyPatch
) -> None:
    eksekusi = ek.jalankan_notebook

    def kinerja_gagal(notebook: Path, tahun: int, keluaran: Path, km: object = None) -> None:
        eksekusi(notebook, tahun, keluaran, km)
        if notebook.stem == BAB_KINERJA:
            raise ek.BabGagal(notebook.stem, 2, "ZeroDivisionError: division by zero", keluaran)

    monkeypatch.setattr(ek, "jalankan_notebook", kinerja_gagal)
    with pytest.raises(ek.BabGagal) as e:
        pipeline.render(2023, root=root, lapor=lambda _: None)
    assert e.value.bab == BAB_KINERJA and e.value.notebook.parent.parent.name == "2023-gagal"
    monkeypatch.setattr(ek, "jalankan_notebook", eksekusi)
    palsu.dijalankan.clear()
    pipeline.render(2023, root=root, lapor=lambda _: None)
    assert palsu.dijalankan == [BAB_KINERJA]  # the chapter that succeeded came from the cache


def test_every_chapter_declares_what_it_reads() -> None:
    assert set(pipeline.BACAAN) == set(pipeline.CHAPTERS)


# --- slow: the real notebooks --------------------------------------------------------------


class _DictTercatat(dict):
    """A dict that notes which keys were looked at (iteration looks at all of them)."""

    def __init__(self, isi: dict, catat: set[str], awalan: str) -> None:
        super().__init__(isi)
        self._catat, self._awalan = catat, awalan

    def _lihat(self, *kunci: str) -> None:
        self._catat.update(self._awalan + k for k in kunci)

    def __getitem__(self, k: str) -> Any:
        self._lihat(k)
        return super().__getitem__(k)

    def get(self, k: str, default: Any = None) -> Any:
        self._lihat(k)
        return super().get(k, default)

    def __contains__(self, k: object) -> bool:
        self._lihat(str(k))
        return super().__contains__(k)

    def __iter__(self) -> Any:
        self._lihat(*super().keys())
        return super().__iter__()

    def items(self) -> Any:
        self._lihat(*super().keys())
        return super().items()

    def values(self) -> Any:
        self._lihat(*super().keys())
        return super().values()


class _LaporanTercatat(lap.Laporan):
    """A Laporan that notes every laporan.json part and table a notebook reads."""

    _catat: set[str]

    def __getattribute__(self, nama: str) -> Any:
        if nama in ("profil", "narasi", "konvensi", "nilai", "sumber"):
            object.__getattribute__(self, "_catat").add(nama)
        return super().__getattribute__(nama)


@pytest.mark.slow
def test_chapters_read_only_what_they_declare(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run each notebook's code against a recording Laporan: the cache key must cover it."""
    monkeypatch.setenv("LKIP_ROOT", str(root))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    asli = processed.muat(2023, root)
    for bab in pipeline.CHAPTERS:
        catat: set[str] = set()
        tercatat = _LaporanTercatat(
            tahun=asli.tahun,
            profil=asli.profil,
            narasi=asli.narasi,
            konvensi=asli.konvensi,
            nilai=asli.nilai,
            sumber=asli.sumber,
            tabel=_DictTercatat(asli.tabel, catat, "tabel:"),
        )
        object.__setattr__(tercatat, "_catat", catat)
        monkeypatch.setattr(processed, "muat", lambda tahun=None, root=None, _t=tercatat: _t)
        nb = nbformat.read(ASLI_NOTEBOOKS / f"{bab}.ipynb", as_version=4)
        ruang: dict[str, Any] = {}
        with contextlib.redirect_stdout(io.StringIO()):
            for sel in nb.cells:
                if sel.cell_type == "code":
                    exec(sel.source.replace("tahun = None", "tahun = 2023"), ruang)
        assert catat, bab
        assert catat <= pipeline.BACAAN[bab], f"{bab} reads {sorted(catat - pipeline.BACAAN[bab])}"


def _teks_pdf(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def _tanpa_gambar_dan_waktu(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for img in soup.find_all("img"):
        img["src"] = ""
    return re.sub(r"\d{4}-\d\d-\d\dT[\d:.]+\S*", "", str(soup))


@pytest.mark.slow
def test_same_report_with_and_without_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LKIP_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "proyek"
    shutil.copytree(SHIPPED_RAW, root / "data" / "raw" / "panarukan")
    tanpa = pipeline.render(2023, root=root, lapor=lambda _: None, pakai_cache=False)
    html_tanpa = tanpa.html.read_text(encoding="utf-8")
    pdf_tanpa = _teks_pdf(tanpa.pdf)
    pipeline.render(2023, root=root, lapor=lambda _: None)  # executes and fills the cache
    # assemble again from the cached chapters, HTML fragments and laid-out PDF parts
    shutil.rmtree(tmp_path / "cache" / "laporan")
    shutil.rmtree(tmp_path / "cache" / "penunjuk")
    pesan: list[str] = []
    dengan = pipeline.render(2023, root=root, lapor=pesan.append)
    assert all(p.endswith("dari cache") for p in pesan[: len(pipeline.CHAPTERS)])
    # front matter, the chapters from BAB I and the closing note: all laid out already
    bagian = len(pipeline.CHAPTERS) - pipeline.DAFTAR_ISI_SETELAH + 2
    assert re.fullmatch(
        rf"HTML dan PDF selesai \(\d+\.\d dtk; 0 dari {bagian} bagian PDF ditata ulang\)",
        pesan[len(pipeline.CHAPTERS)],
    )
    html_dengan = dengan.html.read_text(encoding="utf-8")
    assert _tanpa_gambar_dan_waktu(html_dengan) == _tanpa_gambar_dan_waktu(html_tanpa)
    assert _teks_pdf(dengan.pdf) == pdf_tanpa
    assert "Rp 2.326.586.175" in html_dengan
    pesan.clear()
    lagi = pipeline.render(2023, root=root, lapor=pesan.append)
    assert pesan == ["Tidak ada yang berubah: laporan diambil dari cache"]
    assert lagi.html.read_text(encoding="utf-8") == html_dengan
    assert lagi.pdf.read_bytes()[:4] == b"%PDF"


def test_a_folder_that_is_not_a_year_stops_the_default_year(tmp_path: Path) -> None:
    for nama in ("2022", "2O23", ".cache"):
        (tmp_path / "data" / "raw" / "panarukan" / nama).mkdir(parents=True)
    with pytest.raises(FileNotFoundError, match=r"data/raw/panarukan/2O23 bukan folder tahun"):
        pipeline.tahun_laporan(None, tmp_path)
    assert pipeline.tahun_laporan(2022, tmp_path) == 2022  # a year named explicitly is used
    (tmp_path / "data" / "raw" / "panarukan" / "2O23").rename(
        tmp_path / "data" / "raw" / "panarukan" / "2023"
    )
    assert pipeline.tahun_laporan(None, tmp_path) == 2023


def test_the_build_does_not_pay_for_jsonschemas_iri_grammars() -> None:
    """Once lkip.build is imported, nbformat still validates notebooks, without loading the
    optional IRI checker that costs a second or two a run."""
    kode = """
import sys, lkip.build, nbformat, papermill, nbconvert
nb = nbformat.v4.new_notebook()
nbformat.validate(nb)
nb.cells.append({"cell_type": "code"})
try:
    nbformat.validate(nb)
except nbformat.ValidationError:
    print("ditolak", sys.modules["rfc3987_syntax"])
"""
    hasil = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True)
    assert hasil.returncode == 0, hasil.stderr
    assert hasil.stdout.split() == ["ditolak", "None"]

