"""The manager and client lkip's chapter kernels are driven with."""

from __future__ import annotations

import math
import queue
import time
from typing import Any

from jupyter_client import AsyncKernelManager
from jupyter_client.asynchronous import AsyncKernelClient


class ManajerKernel(AsyncKernelManager):
    """A kernel manager that keeps the clients it made, so that they can be closed when a
    chapter is over (:meth:`tutup_klien`).

    papermill's executor (nbclient) leaves its client connected to a kernel it was lent, as
    it should for a kernel it does not own: each chapter would otherwise leave a heartbeat
    thread and a ZeroMQ context with its sockets open in this process, some ten descriptors a
    chapter, until a long-lived process (the tests, a batch) runs out of them.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(client_class="lkip.build.klien_kernel.KlienCepat", **kwargs)
        self._klien: list[AsyncKernelClient] = []

    def client(self, **kwargs: Any) -> AsyncKernelClient:
        klien = super().client(**kwargs)
        self._klien.append(klien)
        return klien

    async def _async_wait(self, pollinterval: float = 0.1) -> None:
        """Wait for the kernel's process to end, looking every 5 ms rather than every 0.1 s:
        a killed kernel is gone within milliseconds, and every render ends by shutting its
        kernels down, so jupyter_client's interval was the last tenth of a second of each."""
        await super()._async_wait(pollinterval=min(pollinterval, 0.005))

    def tutup_klien(self) -> None:
        """Stop the channels of every client made so far (those already stopped stay so)."""
        for klien in self._klien:
            if klien.channels_running:
                klien.stop_channels()
        self._klien.clear()


class KlienCepat(AsyncKernelClient):
    """A kernel client that knows sooner that a kernel is ready.

    ``wait_for_ready`` asks for the kernel's info, then waits for a message on the kernel's
    broadcast channel (iopub) to know that it reaches us too; jupyter_client waits 0.2 s for
    that message and, when the subscription was not yet through, asks again. This client asks
    again after 20 ms: the same check, at a tenth of the delay. A chapter's client (papermill)
    and every reset between chapters wait for it, so the delay counted for every chapter.
    """

    def start_channels(
        self,
        shell: bool = True,
        iopub: bool = True,
        stdin: bool = True,
        hb: bool = True,
        control: bool = True,
    ) -> None:
        """The channels, without the heartbeat (``hb`` is taken, as the base class takes it,
        and ignored): whether the kernel lives is asked of its manager (:meth:`is_alive`, as
        nbclient and :meth:`wait_for_ready` do), so the heartbeat's thread, its event loop and
        its socket, one set per client, had no use. They did harm: now and then, in a
        ``report-all``, a heartbeat thread failed to make its socket ("Too many open files",
        with far fewer descriptors open than the process may have) and printed its traceback
        among the results."""
        super().start_channels(shell, iopub, stdin, False, control)

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
