"""The order of a batch's work on this machine, with renders and kernels stood in for.

What follows the offices (the recap) starts as soon as every office's data is processed, not
when the last office is laid out; an office that fails before processing does not hold it
back; an interrupted batch runs nothing after its offices; each bundle is written in a kernel;
a failed office's row says what went wrong in the analyst's words.
"""

from __future__ import annotations

import errno
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from lkip.build import batch, eksekusi, pipeline
from lkip.build.kernel import IMPOR_BATCH, Prioritas
from lkip.build.pipeline import HasilRender
from lkip.core.paths import instansi_aktif

TUNGGU_DETIK = 30  # longer than any of these steps takes; a wait this long means a deadlock


class KolamPalsu:
    """Stands in for the batch's kernels: records what it was given."""

    def __init__(self, impor: str) -> None:
        self.impor = impor
        self.kerja: list[tuple[Any, ...]] = []
        self.ditutup = False

    def kerjakan(
        self, env: dict[str, str], modul: str, fungsi: str, *argumen: Any, prioritas: Prioritas
    ) -> None:
        self.kerja.append((env["LKIP_INSTANSI"], modul, fungsi, *argumen, prioritas))

    def tutup(self) -> None:
        self.ditutup = True


def render_semua(root: Path, **kw: Any) -> list[batch.HasilInstansi]:
    """:func:`batch.render_semua` of 2023, failing (not hanging) when it deadlocks."""
    hasil: list[Any] = []

    def jalan() -> None:
        try:
            hasil.append(batch.render_semua(2023, root, **kw))
        except BaseException as e:  # handed to the test's thread
            hasil.append(e)

    benang = threading.Thread(target=jalan, daemon=True)
    benang.start()
    benang.join(2 * TUNGGU_DETIK)
    assert hasil, "the batch did not end"
    if isinstance(hasil[0], BaseException):
        raise hasil[0]
    return hasil[0]


@pytest.fixture
def tiga_kantor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Offices a (processes, then waits for the recap to have started before it goes on),
    b (processes and ends) and c (bad data: fails before processing)."""
    for slug in ("a", "b", "c"):
        (tmp_path / "data" / "raw" / slug / "2023").mkdir(parents=True)
    keadaan: dict[str, Any] = {
        "root": tmp_path,
        "diproses": [],
        "selesai": [],
        "rekap_mulai": threading.Event(),
        "kolam": [],
    }

    def render(tahun: int, root: Path, lapor: Any, **kw: Any) -> HasilRender:
        instansi = instansi_aktif(root)
        if instansi == "c":
            raise ValueError("kinerja.csv baris 3: realisasi harus angka")
        keadaan["diproses"].append(instansi)
        kw["sesudah_proses"]()
        if instansi == "a":  # still laying out when the recap starts
            assert keadaan["rekap_mulai"].wait(TUNGGU_DETIK), "the recap waited for the renders"
        keadaan["selesai"].append(instansi)
        return HasilRender.dari_folder(tahun, root / "outputs" / instansi / str(tahun))

    def kolam_kernel(jumlah: int, impor: str) -> KolamPalsu:
        keadaan["kolam"].append(KolamPalsu(impor))
        return keadaan["kolam"][-1]

    monkeypatch.setattr(pipeline, "render", render)
    monkeypatch.setattr(eksekusi, "kolam_kernel", kolam_kernel)
    return keadaan


def test_the_recap_starts_once_every_office_is_processed_while_the_renders_go_on(
    tiga_kantor: dict[str, Any],
) -> None:
    k = tiga_kantor
    dilihat: list[tuple[list[str], list[str], object]] = []

    def rekap(kolam: object) -> None:
        dilihat.append((sorted(k["diproses"]), list(k["selesai"]), kolam))
        k["rekap_mulai"].set()

    hasil = render_semua(k["root"], paralel=3, lapor=lambda _: None, sesudah=rekap)

    (kolam,) = k["kolam"]
    # a and b processed, c failed before it: the recap began with a's render still going
    assert dilihat == [(["a", "b"], ["b"], kolam)]
    assert [(h.instansi, h.berhasil) for h in hasil] == [("a", True), ("b", True), ("c", False)]
    assert "realisasi harus angka" in hasil[2].keterangan
    assert kolam.ditutup  # after the recap, which uses the kernels


def test_the_batch_kernels_load_what_they_will_use_and_write_each_bundle(
    tiga_kantor: dict[str, Any],
) -> None:
    k = tiga_kantor
    k["rekap_mulai"].set()  # office a does not wait
    render_semua(k["root"], paralel=3, lapor=lambda _: None, sesudah=lambda _: None)
    (kolam,) = k["kolam"]
    assert kolam.impor == IMPOR_BATCH
    bundel = sorted(kolam.kerja)
    root = str(k["root"])
    akhir = Prioritas.SUSULAN  # after every office's own work
    modul = "lkip.build.bundle"
    assert bundel == [(i, modul, "buat_bundel", 2023, root, akhir) for i in ("a", "b")]


def test_an_interrupted_batch_runs_nothing_after_its_offices(
    tiga_kantor: dict[str, Any],
) -> None:
    k = tiga_kantor
    k["rekap_mulai"].set()  # office a does not wait
    dipanggil = []

    def lapor(pesan: str) -> None:
        if "selesai" in pesan or "GAGAL" in pesan:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        render_semua(k["root"], paralel=1, lapor=lapor, sesudah=dipanggil.append)
    assert dipanggil == []
    assert k["kolam"][0].ditutup


def test_the_kernels_load_every_module_the_batch_names() -> None:
    """A misspelt module would fail silently in the kernel (its imports may fail): here not."""
    exec(IMPOR_BATCH, {})  # the constant, as the kernel runs it
    assert {"weasyprint", "matplotlib", "nbconvert", "lkip.build.assemble"} <= set(sys.modules)


def test_a_batch_message_is_written_whole() -> None:
    """The recap reports from its own thread while the offices report: print's two writes (the
    text, then its newline) could be split by another thread's."""
    from lkip import cli

    class Berkas:
        def __init__(self) -> None:
            self.ditulis: list[str] = []

        def write(self, teks: str) -> None:
            self.ditulis.append(teks)

        def flush(self) -> None:
            pass

    berkas = Berkas()
    cli._baris("Rekap 2023 selesai:\n  rekap-2023.html\n  rekap-2023.pdf", berkas)  # type: ignore[arg-type]
    assert berkas.ditulis == ["Rekap 2023 selesai:\n  rekap-2023.html\n  rekap-2023.pdf\n"]


@pytest.mark.parametrize(
    ("galat", "pesan"),
    [
        (
            PermissionError(errno.EACCES, "Permission denied", "outputs/a/2023.docx"),
            "Tidak ada izin untuk membaca atau menulis outputs/a/2023.docx.",
        ),
        (OSError(errno.ENOSPC, "No space left on device", "outputs/a"), "Disk penuh saat"),
        (FileNotFoundError("Belum ada outputs/a/2023/manifest.json"), "Belum ada outputs/a"),
    ],
    ids=["izin", "disk-penuh", "pesan-lkip"],
)
def test_a_path_the_machine_refused_is_told_as_the_cli_tells_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, galat: OSError, pesan: str
) -> None:
    """An office that failed on a path: its row says which, in the analyst's words (pesan_os),
    not Python's "[Errno 13] …"; an error lkip worded itself keeps its words."""

    def render(*_: Any, **__: Any) -> HasilRender:
        raise galat

    monkeypatch.setattr(pipeline, "render", render)
    hasil = batch.render_instansi("a", 2023, str(tmp_path), 1)
    assert not hasil.berhasil and hasil.keterangan.startswith(pesan)
