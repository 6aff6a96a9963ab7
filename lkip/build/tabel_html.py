"""The report's tables as the HTML report prints them, for the Word and Excel copies.

Every table of the report is a ``<figure class="tabel">`` with its caption ("Tabel 3.1.1 :
…"), a header of one or more rows (spanning cells for grouped columns), the body, and an
optional note. The Word and Excel copies read them from the rendered HTML, so that they hold
exactly the figures the report prints, and tests compare the copies with the same reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

# A table with at least this many columns is set smaller in print (and in Word): at the normal
# size the widest words and unbreakable figures of 11 columns (Tabel 3.3.5) are wider than an
# A4 page.
TABEL_LEBAR_KOLOM = 10
_NOMOR = re.compile(r"^((?:Tabel|Gambar)\s+[A-Z0-9][A-Z0-9.]*?)\s*:\s*")


@dataclass(frozen=True)
class Sel:
    """One cell as printed; ``angka``: a figure column (aligned right in the report)."""

    teks: str
    colspan: int = 1
    rowspan: int = 1
    angka: bool = False


@dataclass(frozen=True)
class TabelCetak:
    judul: str  # the whole caption, "Tabel 3.1.1 : Pengukuran …"
    kepala: tuple[tuple[Sel, ...], ...]  # header rows
    badan: tuple[tuple[Sel, ...], ...]  # body rows
    catatan: str = ""

    @property
    def nomor(self) -> str:
        """ "Tabel 3.1.1" of the caption (the whole caption when it has no number)."""
        return nomor(self.judul)

    def kotak(self, bagian: str = "badan") -> list[list[str]]:
        """The rows of ``bagian`` ("kepala" or "badan") as a full grid: a spanned cell's text
        stands in its first slot, the slots it covers are empty."""
        return grid(getattr(self, bagian))


def nomor(judul: str) -> str:
    m = _NOMOR.match(judul)
    return m.group(1) if m else judul


def teks(tag: Tag) -> str:
    """The visible text of a cell or caption, whitespace collapsed, line breaks as spaces."""
    return " ".join(tag.get_text(" ").split())


def baca_tabel(figure: Tag) -> TabelCetak:
    """The table printed in one ``<figure class="tabel">``."""
    caption = figure.find("figcaption")
    catatan = figure.find("p", class_="catatan")

    def baris(rows: list[Tag]) -> tuple[tuple[Sel, ...], ...]:
        return tuple(
            tuple(
                Sel(
                    teks(c),
                    int(c.get("colspan") or 1),
                    int(c.get("rowspan") or 1),
                    "angka" in (c.get("class") or []),
                )
                for c in r.find_all(["th", "td"], recursive=False)
            )
            for r in rows
        )

    return TabelCetak(
        judul=teks(caption) if caption else "",
        kepala=baris(figure.select("thead > tr")),
        badan=baris(figure.select("tbody > tr")),
        catatan=teks(catatan) if catatan else "",
    )


def sup_laporan(html: str | BeautifulSoup) -> BeautifulSoup:
    """A rendered report parsed; one already parsed as it is (the Word and Excel copies,
    written one after the other, read one parse)."""
    return html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "html.parser")


def tabel_laporan(html: str | BeautifulSoup) -> list[TabelCetak]:
    """Every table of a rendered report, in document order."""
    return [baca_tabel(f) for f in sup_laporan(html).select("figure.tabel")]


def grid(rows: tuple[tuple[Sel, ...], ...]) -> list[list[str]]:
    """Rows with spanned cells expanded to a rectangle (HTML's table model)."""
    hasil: list[list[str]] = []
    terisi: dict[tuple[int, int], str] = {}
    for i, row in enumerate(rows):
        kolom = 0
        for sel in row:
            while (i, kolom) in terisi:
                kolom += 1
            for di in range(sel.rowspan):
                for dj in range(sel.colspan):
                    terisi[(i + di, kolom + dj)] = sel.teks if di == dj == 0 else ""
            kolom += sel.colspan
    lebar = max((j + 1 for _, j in terisi), default=0)
    for i in range(len(rows)):
        hasil.append([terisi.get((i, j), "") for j in range(lebar)])
    return hasil
