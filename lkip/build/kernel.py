"""Chapter kernels started ahead of need.

Starting a kernel and importing pandas, matplotlib and lkip into it takes about two seconds per
chapter. Kernels started while the main process validates and processes the data have done
that work by the time a chapter needs them, which is most of what a one-chapter rebuild costs.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jupyter_client import AsyncKernelManager

KERNEL = "python3"
# The kernel logs nothing to the terminal: a failing cell is reported by papermill.
ARGUMEN = ["--IPKernelApp.log_level=CRITICAL"]
# What every chapter imports first; a failure here is left for the chapter itself to report.
IMPOR = "import " + ", ".join(
    f"lkip.{m}"
    for m in (
        "processed",
        "presentation.display",
        "presentation.kalimat",
        "presentation.tabel",
        "presentation.charts",
    )
)


class KernelHangat:
    """Up to ``jumlah`` kernels, started in the background with ``env`` as their environment."""

    def __init__(self, jumlah: int, env: dict[str, str]) -> None:
        self._siap: queue.SimpleQueue[AsyncKernelManager] = queue.SimpleQueue()
        self._benang = threading.Thread(target=self._mulai, args=(jumlah, env), daemon=True)
        self._benang.start()

    def _mulai(self, jumlah: int, env: dict[str, str]) -> None:
        from jupyter_client import AsyncKernelManager

        async def satu() -> None:
            km = AsyncKernelManager(kernel_name=KERNEL)
            await km.start_kernel(env=env, extra_arguments=ARGUMEN)
            kc = km.client()
            kc.start_channels()
            try:
                await kc.wait_for_ready(timeout=60)
                await kc.execute_interactive(IMPOR, store_history=False, timeout=60)
            except Exception:
                await km.shutdown_kernel(now=True)
                return
            finally:
                kc.stop_channels()
            self._siap.put(km)

        async def semua() -> None:
            await asyncio.gather(*(satu() for _ in range(jumlah)), return_exceptions=True)

        asyncio.run(semua())

    def ambil(self) -> AsyncKernelManager | None:
        """A ready kernel (the caller shuts it down after use), or None when none is left."""
        self._benang.join()
        try:
            return self._siap.get_nowait()
        except queue.Empty:
            return None

    def tutup(self) -> None:
        """Shut down the kernels nobody took."""
        while (km := self.ambil()) is not None:
            matikan(km)


def matikan(km: AsyncKernelManager) -> None:
    asyncio.run(km.shutdown_kernel(now=True))
