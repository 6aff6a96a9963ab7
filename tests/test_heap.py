"""lkip.core.heap.frozen: old objects left out of collections inside, collectable again after;
and the steps that allocate most run inside it. lkip.core.heap.lepas_memori: freed memory
goes back to the system."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
import weakref
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from lkip.build import excel, word
from lkip.core.heap import frozen


class Simpul:
    """An object that can sit in a reference cycle and be watched through a weak reference."""

    def __init__(self) -> None:
        self.diri = self


def siklus() -> weakref.ref:
    """A reference cycle no one else holds: garbage only a collection can free."""
    return weakref.ref(Simpul())


def test_old_garbage_waits_new_garbage_is_collected_and_all_is_collectable_after() -> None:
    gc.collect()
    lama = siklus()
    with frozen():
        assert gc.get_freeze_count() > 0
        baru = siklus()
        gc.collect()
        assert baru() is None  # made inside: collected as usual
        assert lama() is not None  # there before: left alone
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert lama() is None


def test_nested_and_concurrent_blocks_unfreeze_once_at_the_end() -> None:
    masuk, keluar = threading.Event(), threading.Event()
    di_dalam: list[int] = []

    def lain() -> None:
        with frozen():
            masuk.set()
            keluar.wait(10)

    with frozen():
        t = threading.Thread(target=lain)
        t.start()
        assert masuk.wait(10)
        with frozen():
            pass
        di_dalam.append(gc.get_freeze_count())  # the inner block left everything frozen
    di_dalam.append(gc.get_freeze_count())  # the other thread is still inside
    keluar.set()
    t.join(10)
    assert di_dalam[0] > 0 and di_dalam[1] > 0
    assert gc.get_freeze_count() == 0


def test_an_inner_block_also_spares_what_the_outer_one_made() -> None:
    gc.collect()
    with frozen():
        tengah = siklus()
        with frozen():
            gc.collect()
            assert tengah() is not None  # made before the inner block: left alone
        gc.collect()
        assert tengah() is not None  # still frozen until the outer block ends
    gc.collect()
    assert tengah() is None


def test_an_error_inside_still_unfreezes() -> None:
    with pytest.raises(ValueError), frozen():
        raise ValueError("x")
    assert gc.get_freeze_count() == 0


def test_a_heap_frozen_by_someone_else_is_left_as_it_is() -> None:
    """As in a chapter kernel, which freezes what survives each reset."""
    gc.collect()
    gc.freeze()
    try:
        milik_kernel = gc.get_freeze_count()
        sisa = siklus()  # garbage made since the kernel froze: not to be frozen for good
        with frozen(), frozen():
            assert gc.get_freeze_count() == milik_kernel
        assert gc.get_freeze_count() == milik_kernel  # not unfrozen
        gc.collect()
        assert sisa() is None
    finally:
        gc.unfreeze()
    with frozen():  # a heap nobody froze: the block's own freeze again
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("langkah", ["docx", "xlsx", "susun"])
def test_the_heavy_steps_run_frozen(
    langkah: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dibekukan: list[int] = []
    html = "<html><head><title>t</title></head><body></body></html>"
    if langkah == "docx":
        monkeypatch.setattr(word, "_halaman", lambda doc: dibekukan.append(gc.get_freeze_count()))
        word.tulis_docx(html, tmp_path / "t.docx")
    elif langkah == "xlsx":
        monkeypatch.setattr(
            excel, "_sheet_reviu", lambda *_: dibekukan.append(gc.get_freeze_count())
        )
        excel.tulis_xlsx(html, pd.DataFrame(), tmp_path / "t.xlsx", 2023)
    else:
        import lkip.model.hitung
        import lkip.processed as processed

        def hitung(*_: object) -> SimpleNamespace:
            dibekukan.append(gc.get_freeze_count())
            return SimpleNamespace(tabel={}, nilai={})

        monkeypatch.setattr(lkip.model.hitung, "hitung_laporan", hitung)
        monkeypatch.setattr(processed, "_tambah_reviu", lambda *_: None)
        processed.susun(2023, tmp_path, {"2023/kinerja.csv": "sidik"})
    assert len(dibekukan) == 1 and dibekukan[0] > 0
    assert gc.get_freeze_count() == 0


# 190 MB in 64 KB blocks, under one more block that keeps glibc from shrinking its heap on
# its own when they are freed: resident memory (MB) before and after lepas_memori.
LEPAS = """
import psutil
from lkip.core.heap import lepas_memori
blok = [bytearray(64 * 1024) for _ in range(3000)]
penahan = bytearray(64 * 1024)
del blok
sebelum = psutil.Process().memory_info().rss
lepas_memori()
print(sebelum // 2**20, psutil.Process().memory_info().rss // 2**20)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_freed_memory_goes_back_to_the_system() -> None:
    keluaran = subprocess.run([sys.executable, "-c", LEPAS], capture_output=True, text=True)
    sebelum, sesudah = map(int, keluaran.stdout.split())
    assert sebelum - sesudah > 150
