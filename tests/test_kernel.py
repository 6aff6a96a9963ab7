"""Kernels started ahead and reused: each chapter finds a kernel as a new one would be, with
lkip already imported; none is left behind."""

from __future__ import annotations

import asyncio
import errno
import gc
import os
import pickle
import threading
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from lkip.build import eksekusi as ek
from lkip.build.kernel import KerjaGagal, KolamKernel, Prioritas
from lkip.build.klien_kernel import KlienCepat, ManajerKernel
from lkip.core.errors import BundelTidakValid, DataTidakValid, Masalah, pesan_os


def _kernel_anak() -> list[psutil.Process]:
    return [
        p
        for p in psutil.Process().children(recursive=True)
        if any("ipykernel" in part for part in p.cmdline())
    ]


def _notebook(path: Path, *sel: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("tahun = None"), *map(nbformat.v4.new_code_cell, sel)]
    nb.cells[0].metadata["tags"] = ["parameters"]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, path)
    return path


def _keluaran(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [o.get("text", "").strip() for c in nb.cells for o in c.get("outputs", [])]


@pytest.fixture
def kolam() -> KolamKernel:
    k = KolamKernel(1, os.environ)
    yield k
    k.tutup()
    psutil.wait_procs(_kernel_anak(), timeout=10)
    assert _kernel_anak() == []


def test_one_kernel_runs_two_chapters_each_as_in_a_new_kernel(
    tmp_path: Path, kolam: KolamKernel
) -> None:
    pertama = _notebook(
        tmp_path / "a.ipynb",
        "import os, sys\nsisa = 'dari bab pertama'\n"
        "print(os.environ['LKIP_ROOT'], 'lkip.model.laporan' in sys.modules, tahun, os.getpid())",
    )
    kedua = _notebook(
        tmp_path / "b.ipynb",
        "import os\nprint(os.environ['LKIP_ROOT'], 'sisa' in globals(), tahun, os.getpid())",
    )
    km = kolam.ambil({"LKIP_ROOT": "/akar/satu"})
    ek.jalankan_notebook(pertama, 2023, tmp_path / "a-keluar.ipynb", km)
    kolam.kembalikan(km)
    km = kolam.ambil({"LKIP_ROOT": "/akar/dua"})
    ek.jalankan_notebook(kedua, 2024, tmp_path / "b-keluar.ipynb", km)
    kolam.kembalikan(km)

    akar1, diimpor, tahun1, pid1 = _keluaran(tmp_path / "a-keluar.ipynb")[0].split()
    akar2, sisa, tahun2, pid2 = _keluaran(tmp_path / "b-keluar.ipynb")[0].split()
    assert (akar1, diimpor, tahun1) == ("/akar/satu", "True", "2023")
    assert (akar2, sisa, tahun2) == ("/akar/dua", "False", "2024")  # nothing left behind
    assert pid1 == pid2  # the same kernel ran both
    for nama in ("a-keluar.ipynb", "b-keluar.ipynb"):  # counted from 1 in each notebook
        nb = nbformat.read(tmp_path / nama, as_version=4)
        assert [c.execution_count for c in nb.cells if c.cell_type == "code"][:2] == [1, 2]


def test_each_chapter_starts_with_the_survivors_frozen_and_the_last_ones_garbage_collected(
    tmp_path: Path, kolam: KolamKernel
) -> None:
    """The first chapter leaves a reference cycle behind, watched through a weak reference
    kept outside its namespace; by the second chapter the cycle is gone (collected before the
    freeze, not frozen with the survivors), and the survivors are frozen."""
    pertama = _notebook(
        tmp_path / "a.ipynb",
        "import gc, sys, weakref\n"
        "class Simpul: pass\n"
        "s = Simpul(); s.diri = s\n"
        "sys.lkip_uji = weakref.ref(s)\n"
        "print(gc.get_freeze_count() > 0)",
    )
    kedua = _notebook(
        tmp_path / "b.ipynb",
        "import gc, sys\nprint(sys.lkip_uji() is None, gc.get_freeze_count() > 0)",
    )
    for nb in (pertama, kedua):
        km = kolam.ambil({})
        ek.jalankan_notebook(nb, 2023, tmp_path / f"{nb.stem}-keluar.ipynb", km)
        kolam.kembalikan(km)
    assert _keluaran(tmp_path / "a-keluar.ipynb") == ["True"]
    assert _keluaran(tmp_path / "b-keluar.ipynb") == ["True True"]


def test_a_chapter_leaves_no_client_connected_to_its_kernel(
    tmp_path: Path, kolam: KolamKernel
) -> None:
    """papermill keeps its client connected to a kernel it was lent; given back, the kernel's
    clients are closed: no heartbeat thread, no descriptor left per chapter."""
    nb = _notebook(tmp_path / "a.ipynb", "print(6 * 7)")
    deskriptor = []
    for _ in range(3):
        km = kolam.ambil({})
        ek.jalankan_notebook(nb, 2023, tmp_path / "keluar.ipynb", km)
        kolam.kembalikan(km)
        assert [t for t in threading.enumerate() if type(t).__name__ == "HBChannel"] == []
        proses = psutil.Process()  # descriptors on POSIX, handles on Windows
        deskriptor.append(proses.num_fds() if os.name == "posix" else proses.num_handles())
    assert deskriptor[2] == deskriptor[1] == deskriptor[0]


def test_a_chapter_run_in_a_thread_leaves_no_event_loop_open(
    tmp_path: Path, kolam: KolamKernel
) -> None:
    """nbclient runs a chapter on an event loop it makes for the calling thread and never
    closes; a render runs each chapter in a thread of its own, so each left a loop and its
    three descriptors to the garbage collector, which now and then printed a traceback closing
    it. The loop is closed when the chapter ends."""
    nb = _notebook(tmp_path / "a.ipynb", "print(6 * 7)")

    def satu() -> None:
        km = kolam.ambil({})
        ek.jalankan_notebook(nb, 2023, tmp_path / "keluar.ipynb", km)
        kolam.kembalikan(km)

    def terbuka() -> int:
        return sum(
            isinstance(o, asyncio.AbstractEventLoop) and not o.is_closed() for o in gc.get_objects()
        )

    kolam.kembalikan(kolam.ambil({}))  # the pool's kernel started: its starting loop closed
    gc.collect()
    sebelum = terbuka()
    for _ in range(3):
        benang = threading.Thread(target=satu)
        benang.start()
        benang.join()
    assert terbuka() == sebelum
    assert _keluaran(tmp_path / "keluar.ipynb") == ["42"]


def test_a_dead_kernel_is_replaced(tmp_path: Path, kolam: KolamKernel) -> None:
    km = kolam.ambil({"LKIP_ROOT": str(tmp_path)})
    psutil.Process(km.provisioner.process.pid).kill()
    kolam.buang(km)
    nb = _notebook(tmp_path / "a.ipynb", "print(6 * 7)")
    km = kolam.ambil({"LKIP_ROOT": str(tmp_path)})
    ek.jalankan_notebook(nb, 2023, tmp_path / "keluar.ipynb", km)
    kolam.kembalikan(km)
    assert _keluaran(tmp_path / "keluar.ipynb") == ["42"]


def test_a_kernel_that_fails_to_start_is_told_and_another_one_serves(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A kernel started ahead that never answered (the 60 s limit) is said, in one line, and
    the chapter waiting for it gets a kernel started in its stead."""
    from lkip.build import kernel

    mulai_asli = kernel._mulai
    gagal = [RuntimeError("Kernel didn't respond in 60 seconds")]

    async def mulai(env: dict[str, str], impor: str) -> ManajerKernel:
        if gagal:
            raise gagal.pop()
        return await mulai_asli(env, impor)

    monkeypatch.setattr(kernel, "_mulai", mulai)
    kolam = KolamKernel(1, os.environ)
    try:
        km = kolam.ambil({})
        assert asyncio.run(km.is_alive())
        kolam.kembalikan(km)
    finally:
        kolam.tutup()
    assert [r.getMessage() for r in caplog.records if r.name == kernel.__name__] == [
        "Sebuah kernel tidak dapat disiapkan (Kernel didn't respond in 60 seconds); "
        "dipakai kernel lain."
    ]
    psutil.wait_procs(_kernel_anak(), timeout=10)
    assert _kernel_anak() == []


def test_more_kernels_start_only_when_asked(kolam: KolamKernel) -> None:
    """One kernel at first; siapkan(2) starts the second, siapkan(1) starts none."""
    pertama = kolam.ambil({})
    kolam.siapkan(1)
    kolam.siapkan(2)
    kedua = kolam.ambil({})  # the first is still lent out: this is the one just started
    assert kedua is not pertama and kedua.has_kernel
    kolam.kembalikan(pertama)
    kolam.kembalikan(kedua)
    kolam.siapkan(2)
    assert len(_kernel_anak()) == 2


def test_work_runs_in_a_kernel_and_raises_here_what_it_raised_there(
    tmp_path: Path, kolam: KolamKernel
) -> None:
    asal, tujuan = tmp_path / "asal.txt", tmp_path / "tujuan.txt"
    asal.write_text("empat puluh dua", encoding="utf-8")
    hilang = tmp_path / "tidak-ada.txt"
    with pytest.raises(FileNotFoundError) as e:
        kolam.kerjakan({}, "shutil", "copyfile", str(hilang), str(tujuan),
                       prioritas=Prioritas.KANTOR)  # fmt: skip
    # the OSError itself, so the CLI tells the analyst which path (pesan_os)
    assert (e.value.errno, e.value.filename) == (errno.ENOENT, str(hilang))
    assert pesan_os(e.value) == f"{hilang} tidak ditemukan."
    jejak = e.value.__notes__[-1]  # the kernel's traceback, without terminal colours
    assert "copyfile" in jejak and "\x1b[" not in jejak
    # lkip's own errors come back whole: the problems, not one string cut into characters
    with pytest.raises(BundelTidakValid) as e:
        kolam.kerjakan({}, "tests.kerja_kernel", "gagal_bundel", "tidak sama",
                       prioritas=Prioritas.KANTOR)  # fmt: skip
    assert e.value.masalah == ("tidak sama",)
    # the same kernel, still fit
    kolam.kerjakan({}, "shutil", "copyfile", str(asal), str(tujuan), prioritas=Prioritas.TATA)
    assert tujuan.read_text(encoding="utf-8") == "empat puluh dua"
    assert len(_kernel_anak()) == 1


def test_a_failure_that_cannot_come_back_as_itself_is_named(kolam: KolamKernel) -> None:
    """An exception that pickles into something else stays in the kernel, told by name."""
    with pytest.raises(KerjaGagal, match=r"^_TanpaAcar: 3 tidak dapat dikirim\n") as e:
        kolam.kerjakan({}, "tests.kerja_kernel", "gagal_tanpa_acar", 3,
                       prioritas=Prioritas.KANTOR)  # fmt: skip
    assert e.value.asli is None and "gagal_tanpa_acar" in e.value.__notes__[-1]


@pytest.mark.parametrize(
    "galat",
    [
        BundelTidakValid(["a.pdf: isi berubah", "b.html: tidak ada"]),
        DataTidakValid(2023, [Masalah("2023/kinerja.csv", 4, "target", "x", "harus angka")]),
    ],
    ids=["bundel", "data"],
)
def test_lkips_errors_pickle_as_themselves(galat: Exception) -> None:
    kembali = pickle.loads(pickle.dumps(galat))
    assert type(kembali) is type(galat) and str(kembali) == str(galat)
    assert kembali.masalah == galat.masalah


def _bunuh_yang_bebas(kolam: KolamKernel) -> int:
    """Kill the pool's one kernel while it is free; its pid."""
    km = kolam.ambil({})
    pid = km.provisioner.process.pid
    kolam.kembalikan(km)
    psutil.Process(pid).kill()
    psutil.Process(pid).wait(10)
    return pid


def test_a_kernel_that_died_while_free_is_replaced_for_work_and_for_a_chapter(
    tmp_path: Path, kolam: KolamKernel
) -> None:
    pid = _bunuh_yang_bebas(kolam)
    asal, tujuan = tmp_path / "asal.txt", tmp_path / "tujuan.txt"
    asal.write_text("42", encoding="utf-8")
    kolam.kerjakan({}, "shutil", "copyfile", str(asal), str(tujuan), prioritas=Prioritas.TATA)
    assert tujuan.read_text(encoding="utf-8") == "42"
    assert [p.pid for p in _kernel_anak()] != [pid]
    pid = _bunuh_yang_bebas(kolam)
    km = kolam.ambil({})
    assert km.provisioner.process.pid != pid and asyncio.run(km.is_alive())
    kolam.kembalikan(km)


def test_the_kernels_client_knows_when_it_is_ready_and_when_it_died(kolam: KolamKernel) -> None:
    km = kolam.ambil({})
    kc = km.client()
    assert isinstance(kc, KlienCepat)
    kc.start_channels()
    keluaran: list[str] = []

    def simpan(pesan: dict) -> None:
        if pesan["msg_type"] == "stream":
            keluaran.append(pesan["content"]["text"])

    try:
        # no heartbeat thread: whether the kernel lives is asked of its manager
        assert [t for t in threading.enumerate() if type(t).__name__ == "HBChannel"] == []
        asyncio.run(kc.wait_for_ready(timeout=30))
        asyncio.run(kc.execute_interactive("print(6 * 7)", output_hook=simpan, timeout=30))
        assert asyncio.run(kc.is_alive()) is True
    finally:
        kc.stop_channels()
    assert keluaran == ["42\n"]  # iopub reached us: the first output is not lost
    psutil.Process(km.provisioner.process.pid).kill()
    kc = km.client()
    kc.start_channels()
    try:
        with pytest.raises(RuntimeError, match="died"):
            asyncio.run(kc.wait_for_ready(timeout=30))
    finally:
        kc.stop_channels()
    kolam.buang(km)


def test_a_killed_kernel_is_waited_for_in_steps_of_5_ms(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shutting a kernel down waits for its process to end: every 5 ms, not every 0.1 s."""
    import jupyter_client.manager

    jeda: list[float] = []

    async def tidur(detik: float) -> None:
        jeda.append(detik)

    hidup = iter([True, True, False])

    async def masih_hidup() -> bool:
        return next(hidup)

    km = ManajerKernel()
    monkeypatch.setattr(jupyter_client.manager.asyncio, "sleep", tidur)
    monkeypatch.setattr(km, "_async_is_alive", masih_hidup)
    asyncio.run(km._async_wait())
    assert jeda == [0.005, 0.005]


class KernelPalsu:
    """A kernel as the pool sees it when lending and taking it back."""

    def tutup_klien(self) -> None:
        pass


def test_a_free_kernel_goes_to_the_most_urgent_work_then_to_the_earliest() -> None:
    kolam = KolamKernel(0, {})
    kolam._hidup = 1  # one kernel, lent out: everyone below waits
    dilayani: list[str] = []

    def minta(nama: str, prioritas: Prioritas) -> None:
        km, baru = kolam._pinjam(prioritas)
        assert not baru  # given a kernel that was freed, none started
        dilayani.append(nama)
        kolam.kembalikan(km)

    urutan = [  # in order of arrival
        ("bundel", Prioritas.SUSULAN),
        ("word", Prioritas.KANTOR),
        ("bab-1", Prioritas.BAB),
        ("tata", Prioritas.TATA),
        ("bab-2", Prioritas.BAB),
    ]
    benang = []
    for nama, prioritas in urutan:
        benang.append(threading.Thread(target=minta, args=(nama, prioritas)))
        benang[-1].start()
        while len(kolam._antre) < len(benang):  # arrived and waiting, before the next
            time.sleep(0.01)
    kolam.kembalikan(KernelPalsu())  # the one kernel, freed: served one after another
    for b in benang:
        b.join(10)
    assert dilayani == ["tata", "bab-1", "bab-2", "word", "bundel"]
