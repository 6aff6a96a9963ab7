"""Marks in a chapter's HTML that let it read on a phone as well as in print.

Presentation only: nothing here changes a figure or a word. A number stays on the line of its
unit ("98,08 %", "Rp 2.326.586.175" are wrapped in ``span.utuh``, which the stylesheet keeps
whole), and the cells of a table's first column are classed ``kolom-pertama`` so the stylesheet
can keep that column in view while a wide table scrolls sideways.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

# "98,08 %", "-5 %", "Rp 2.326.586.175", "Rp -5.000", "Rp 1,5 M", "10 menit": a number and its
# unit (the units of counts and durations an indicator's satuan commonly is).
_ANGKA = r"[-−]?\d[\d.]*(?:,\d+)?"
_SATUAN = r"%|(?:menit|jam|hari|minggu|bulan|orang|desa|dokumen|kali|unit|kegiatan)\b"
SATUAN_UTUH = re.compile(rf"Rp {_ANGKA}(?: (?:T|M|jt)\b)?|{_ANGKA} (?:{_SATUAN})")
_TANPA_TEKS = ("style", "script", "svg", "title")


def satuan_utuh(soup: BeautifulSoup | Tag) -> None:
    """Wrap every number with its unit in ``<span class="utuh">`` (kept on one line by CSS)."""
    for teks in list(soup.find_all(string=SATUAN_UTUH)):
        if teks.find_parent(_TANPA_TEKS) or _dalam_utuh(teks):
            continue
        potongan: list[NavigableString | Tag] = []
        awal = 0
        for m in SATUAN_UTUH.finditer(teks):
            if m.start() > awal:
                potongan.append(NavigableString(teks[awal : m.start()]))
            span = soup.new_tag("span", attrs={"class": "utuh"})
            span.string = m.group()
            potongan.append(span)
            awal = m.end()
        if awal < len(teks):
            potongan.append(NavigableString(teks[awal:]))
        teks.replace_with(*potongan)


def _dalam_utuh(teks: NavigableString) -> bool:
    induk = teks.parent
    return isinstance(induk, Tag) and induk.name == "span" and "utuh" in induk.get("class", [])


def tandai_kolom_pertama(table: Tag) -> None:
    """Class ``kolom-pertama`` the cells that start in the table's first column.

    Row and column spans are followed, so a cell under a tall first cell is not mistaken for
    the first column.
    """
    terisi: dict[int, set[int]] = {}  # row -> columns taken by cells spanning from above
    for r, tr in enumerate(table.find_all("tr")):
        kolom = 0
        for sel in tr.find_all(["td", "th"], recursive=False):
            while kolom in terisi.get(r, set()):
                kolom += 1
            lebar = _rentang(sel, "colspan")
            tinggi = _rentang(sel, "rowspan")
            if kolom == 0:
                sel["class"] = [*sel.get("class", []), "kolom-pertama"]
            for dr in range(1, tinggi):
                terisi.setdefault(r + dr, set()).update(range(kolom, kolom + lebar))
            kolom += lebar


def _rentang(sel: Tag, nama: str) -> int:
    try:
        return max(int(str(sel.get(nama) or 1)), 1)
    except ValueError:
        return 1
