"""``lkip-<year>-tabel.xlsx``: every table of the report in Excel, and the reviu as a working paper.

Offices reuse the report's tables in Excel, and the Inspektorat works the reviu there. Each
table becomes a sheet named by its number ("Tabel 3.1.1"), with its caption above, the header
frozen, and each printed figure stored as a number whose display format prints it as the report
does: the decimals printed, "Rp " before and " %" or a unit word after. The figures are the
ones the HTML prints, read from its cells, so a workbook can never disagree with the report;
a cell that is not a plain figure ("A (81,28)", "–") stays text. Excel draws the thousands and
decimal marks of the format codes from the computer's regional settings: an Indonesian
Windows shows 2.008.940.215 and 96,82 %.

The reviu sheet comes straight from the model's reviu table (the rows of ``reviu.csv``): one row
per checked figure, its status coloured and written out, filterable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd
from bs4 import BeautifulSoup
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lkip.build.tabel_html import TabelCetak, tabel_laporan
from lkip.core.heap import frozen

NAMA_SHEET_REVIU = "Reviu"
KOLOM_REVIU = ("metrik", "lokasi", "dilaporkan", "dihitung", "selisih", "status", "keterangan")
# Excel's own "Good", "Neutral" and "Bad" cell fills: colours every Excel user already reads.
WARNA_STATUS = {"sesuai": "C6EFCE", "pembulatan": "FFEB9C", "tidak sesuai": "FFC7CE"}
LEBAR_MIN, LEBAR_MAKS = 6, 50  # column widths, in characters

# A figure as lkip.core.fmt prints it: optional "Rp ", sign, dots for thousands, comma for decimals,
# then an optional " %" or one unit word ("8 menit").
_ANGKA = re.compile(
    r"^(?P<rp>Rp\s)?(?P<tanda>[+\-\u2212]?)(?P<utuh>\d{1,3}(?:\.\d{3})+|\d+)"
    r"(?:,(?P<pecahan>\d+))?(?P<akhir>\s?%|\s[A-Za-z]+)?$"
)
# Styles made once and shared by every cell: openpyxl hashes each style it is given, and
# building a new one per cell doubled the time of writing the workbook.
_TEBAL = Font(bold=True)
_GARIS = Border(*(Side(style="thin", color="999999"),) * 4)
_KEPALA = PatternFill("solid", fgColor="D9D9D9")
_TEKS = Alignment(wrap_text=True, vertical="top")
_ANGKA_KANAN = Alignment(horizontal="right", vertical="top")
_JUDUL_KOLOM = Alignment(wrap_text=True, horizontal="center", vertical="center")
_ISI_STATUS = {s: PatternFill("solid", fgColor=w) for s, w in WARNA_STATUS.items()}
_SHEET_TERLARANG = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class AngkaCetak:
    """A printed figure: its exact value and the Excel number format that prints it again."""

    nilai: Decimal
    format: str


def angka_cetak(teks: str) -> AngkaCetak | None:
    """The figure printed as ``teks`` ("Rp 2.008.940.215", "96,82 %", "+18,72", "8 menit"),
    or None when the cell is not a plain figure."""
    m = _ANGKA.match(teks.replace("\u00a0", " ").strip())
    if not m:
        return None
    pecahan = m["pecahan"] or ""
    nilai = Decimal(m["utuh"].replace(".", "") + (f".{pecahan}" if pecahan else ""))
    if m["tanda"] in ("-", "\u2212"):
        nilai = -nilai
    pola = "#,##0" + (f".{'0' * len(pecahan)}" if pecahan else "")
    if m["rp"]:
        pola = f'"Rp "{pola}'
    if m["akhir"]:
        pola = f'{pola}"{m["akhir"]}"'
    if m["tanda"] == "+":  # a signed change prints its plus: "+18,72"
        nol = pola.replace("#,##", "")
        pola = f"+{pola};-{pola};{nol}"
    return AngkaCetak(nilai, pola)


def nama_sheet(nomor: str, dipakai: set[str]) -> str:
    """A valid, unique sheet name for a table number (Excel: 31 characters, no []:*?/\\)."""
    dasar = _SHEET_TERLARANG.sub("-", nomor)[:31] or "Tabel"
    nama, n = dasar, 1
    while nama.lower() in {d.lower() for d in dipakai}:
        n += 1
        nama = f"{dasar[: 31 - len(str(n)) - 1]}~{n}"
    dipakai.add(nama)
    return nama


@frozen()
def tulis_xlsx(
    html: str | BeautifulSoup, reviu: pd.DataFrame, tujuan: Path, tahun: int
) -> Path:
    """Write the workbook of the report ``html`` (its text or parse) and its ``reviu`` table
    to ``tujuan``."""
    wb = Workbook()
    wb.remove(wb.active)
    dipakai: set[str] = set()
    for t in tabel_laporan(html):
        _sheet_tabel(wb.create_sheet(nama_sheet(t.nomor, dipakai)), t)
    _sheet_reviu(wb.create_sheet(nama_sheet(NAMA_SHEET_REVIU, dipakai)), reviu, tahun)
    wb.properties.title = f"Tabel LKIP {tahun}"
    wb.properties.language = "id-ID"
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    wb.save(tujuan)
    return tujuan


def _isi(ws: Worksheet, baris: int, kolom: int, teks: str) -> None:
    """Write one printed cell: a figure as a number with its format, anything else as text."""
    sel = ws.cell(row=baris, column=kolom)
    angka = angka_cetak(teks)
    if angka is None:
        sel.value = teks
        sel.alignment = _TEKS
    else:
        sel.value = (
            int(angka.nilai) if angka.nilai == angka.nilai.to_integral() else float(angka.nilai)
        )
        sel.number_format = angka.format
        sel.alignment = _ANGKA_KANAN
    sel.border = _GARIS


def _sheet_tabel(ws: Worksheet, t: TabelCetak) -> None:
    ws["A1"] = t.judul
    ws["A1"].font = _TEBAL
    awal = 2
    # header: spanned cells merged as in the report
    terisi: set[tuple[int, int]] = set()
    for i, row in enumerate(t.kepala):
        kolom = 1
        for sel in row:
            while (i, kolom) in terisi:
                kolom += 1
            c = ws.cell(row=awal + i, column=kolom, value=sel.teks)
            c.font, c.fill, c.border = _TEBAL, _KEPALA, _GARIS
            c.alignment = _JUDUL_KOLOM
            for di in range(sel.rowspan):
                for dj in range(sel.colspan):
                    terisi.add((i + di, kolom + dj))
            if sel.colspan > 1 or sel.rowspan > 1:
                ws.merge_cells(
                    start_row=awal + i,
                    start_column=kolom,
                    end_row=awal + i + sel.rowspan - 1,
                    end_column=kolom + sel.colspan - 1,
                )
            kolom += sel.colspan
    mulai_badan = awal + len(t.kepala)
    badan = t.kotak("badan")
    for i, row in enumerate(badan):
        for j, isi in enumerate(row):
            _isi(ws, mulai_badan + i, j + 1, isi)
    if t.catatan:
        ws.cell(row=mulai_badan + len(badan) + 1, column=1, value=t.catatan)
    ws.freeze_panes = ws.cell(row=mulai_badan, column=1)
    _lebar(ws, [*t.kotak("kepala"), *badan])


def _sheet_reviu(ws: Worksheet, reviu: pd.DataFrame, tahun: int) -> None:
    """The reviu laid out as a working paper: one row per checked figure, filterable."""
    ws.append([k.capitalize() for k in KOLOM_REVIU])
    for c in ws[1]:
        c.font, c.fill, c.border = _TEBAL, _KEPALA, _GARIS
    for i, r in enumerate(reviu[list(KOLOM_REVIU)].itertuples(index=False), start=2):
        for j, (kolom, nilai) in enumerate(zip(KOLOM_REVIU, r, strict=True), start=1):
            teks = "" if pd.isna(nilai) else str(nilai)
            if kolom in ("dihitung", "selisih"):
                _isi(ws, i, j, teks)
            else:
                c = ws.cell(row=i, column=j, value=teks)
                c.alignment, c.border = _TEKS, _GARIS
            if kolom == "status" and teks in WARNA_STATUS:
                ws.cell(row=i, column=j).fill = _ISI_STATUS[teks]
    akhir = max(ws.max_row, 1)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(KOLOM_REVIU))}{akhir}"
    ws.freeze_panes = "A2"
    ws.sheet_properties.tabColor = "C00000"
    ws.oddHeader.center.text = f"Kertas kerja reviu angka LKIP {tahun}"
    _lebar(ws, [[str(c.value or "") for c in row] for row in ws.iter_rows()])


def _lebar(ws: Worksheet, rows: list[list[str]]) -> None:
    """Each column as wide as its longest line of text, within LEBAR_MIN..LEBAR_MAKS."""
    lebar: dict[int, int] = {}
    for row in rows:
        for j, isi in enumerate(row, start=1):
            panjang = max((len(b) for b in str(isi).split("\n")), default=0)
            lebar[j] = max(lebar.get(j, 0), panjang)
    for j, n in lebar.items():
        ws.column_dimensions[get_column_letter(j)].width = min(max(n + 2, LEBAR_MIN), LEBAR_MAKS)
