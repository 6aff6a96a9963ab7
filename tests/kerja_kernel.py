"""Work for a test's kernel (lkip.build.kernel.KolamKernel.kerjakan) that fails on purpose."""

from __future__ import annotations

from lkip.core.errors import BundelTidakValid


class _TanpaAcar(ValueError):
    """Made from a number, but pickled from its message: it cannot come back as itself."""

    def __init__(self, n: int) -> None:
        super().__init__(f"{n} tidak dapat dikirim")


def gagal_bundel(*masalah: str) -> None:
    raise BundelTidakValid(masalah)


def gagal_tanpa_acar(n: int) -> None:
    raise _TanpaAcar(n)
