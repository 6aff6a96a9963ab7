"""The client lkip's chapter kernels are driven with (``client_class`` of their manager)."""

from __future__ import annotations

import math
import queue
import time

from jupyter_client.asynchronous import AsyncKernelClient


class KlienCepat(AsyncKernelClient):
    """A kernel client that knows sooner that a kernel is ready.

    ``wait_for_ready`` asks for the kernel's info, then waits for a message on the kernel's
    broadcast channel (iopub) to know that it reaches us too; jupyter_client waits 0.2 s for
    that message and, when the subscription was not yet through, asks again. This client asks
    again after 20 ms: the same check, at a tenth of the delay. A chapter's client (papermill)
    and every reset between chapters wait for it, so the delay counted for every chapter.
    """

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        batas = time.monotonic() + (math.inf if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                balasan = await self.get_shell_msg(timeout=1)
            except queue.Empty:
                pass
            else:
                if balasan["msg_type"] == "kernel_info_reply":
                    try:
                        await self.get_iopub_msg(timeout=0.02)
                    except queue.Empty:
                        pass
                    else:
                        self._handle_kernel_info_reply(balasan)
                        return
            if not await self.is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > batas:
                raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")
