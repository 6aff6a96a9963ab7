"""The Excel copy: every table as a sheet with real numbers, and the reviu working paper."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lkip.build.excel import WARNA_STATUS, angka_cetak, nama_sheet, tulis_xlsx


@pytest.mark.parametrize(
    ("teks", "nilai", "format"),
    [
        ("Rp 2.008.940.215", "2008940215", '"Rp "#,##0'),
        ("2.008.940.215", "2008940215", "#,##0"),
        ("1.500", "1500", "#,##0"),  # lkip.core.fmt prints dots only as thousands
        ("96,82 %", "96.82", '#,##0.00" %"'),
        ("100 %", "100", '#,##0" %"'),
        ("87,5 %", "87.5", '#,##0.0" %"'),
        ("0,7123", "0.7123", "#,##0.0000"),
        ("8 menit", "8", '#,##0" menit"'),
        ("-3,5", "-3.5", "#,##0.0"),
        ("\u22123,5", "-3.5", "#,##0.0"),
        ("+18,72", "18.72", "+#,##0.00;-#,##0.00;0.00"),
        ("1.234.567,89", "1234567.89", "#,##0.00"),
    ],
)
def test_printed_figures_become_numbers_with_their_format(teks, nilai, format) -> None:
    angka = angka_cetak(teks)
    assert angka is not None
    assert angka.nilai == Decimal(nilai)
    assert angka.format == format


@pytest.mark.parametrize(
    "teks", ["A (81,28)", "–", "1.", "Tahun 2023", "", "12.34", "1,234.5", "8 menit lagi", "Rp"]
)
def test_what_is_not_a_plain_figure_stays_text(teks) -> None:
    assert angka_cetak(teks) is None


def test_sheet_names_are_valid_and_unique() -> None:
    dipakai: set[str] = set()
    assert nama_sheet("Tabel 3.1.1", dipakai) == "Tabel 3.1.1"
    assert nama_sheet("Tabel 3.1.1", dipakai) == "Tabel 3.1.1~2"
    assert nama_sheet("tabel 3.1.1", dipakai) == "tabel 3.1.1~3"  # Excel ignores case
    assert nama_sheet("A/B: [c]?", dipakai) == "A-B- -c--"
    panjang = nama_sheet("x" * 40, dipakai)
    assert panjang == "x" * 31
    assert len(nama_sheet("x" * 40, dipakai)) == 31


HTML = """<html><body><section class="bab">
<figure class="tabel"><figcaption>Tabel 3.3.1 : Pagu per program</figcaption><table>
<thead><tr><th rowspan="2">Program</th><th colspan="2">Anggaran</th></tr>
<tr><th>Pagu (Rp)</th><th>Serapan</th></tr></thead>
<tbody><tr><td>Program A</td><td class="angka">1.250.000</td><td class="angka">96,82 %</td></tr>
<tr><td>Jumlah</td><td class="angka">2.500.000</td><td class="angka">–</td></tr></tbody>
</table><p class="catatan">Sumber: DPA.</p></figure>
</section></body></html>"""

REVIU = pd.DataFrame(
    [
        ["kinerja.S1.target", "Tabel 3.1", "10 menit", "10 menit", None, "sesuai", None],
        ["anggaran.total.pagu", "Bab IV", "2.500.001", "2.500.000", "+1", "tidak sesuai", "x"],
        ["kinerja.S2.capaian", "Bab III", "87,50 %", "87,5 %", None, "pembulatan", None],
    ],
    columns=["metrik", "lokasi", "dilaporkan", "dihitung", "selisih", "status", "keterangan"],
)


@pytest.fixture
def buku(tmp_path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(tulis_xlsx(HTML, REVIU, tmp_path / "t.xlsx", 2023))


def test_table_sheet_layout(buku: openpyxl.Workbook) -> None:
    assert buku.sheetnames == ["Tabel 3.3.1", "Reviu"]
    ws = buku["Tabel 3.3.1"]
    assert ws["A1"].value == "Tabel 3.3.1 : Pagu per program"
    assert [c.value for c in ws[2]] == ["Program", "Anggaran", None]
    assert [c.value for c in ws[3]] == [None, "Pagu (Rp)", "Serapan"]
    assert {str(r) for r in ws.merged_cells.ranges} == {"A2:A3", "B2:C2"}
    assert ws.freeze_panes == "A4"  # the header stays in view
    assert ws["B4"].value == 1250000 and ws["B4"].number_format == "#,##0"
    assert ws["C4"].value == pytest.approx(96.82) and ws["C4"].number_format == '#,##0.00" %"'
    assert ws["B5"].value == 2500000
    assert ws["C5"].value == "–"
    assert ws["A7"].value == "Sumber: DPA."
    assert ws.column_dimensions["A"].width == len("Program A") + 2


def test_reviu_is_a_working_paper(buku: openpyxl.Workbook) -> None:
    ws = buku["Reviu"]
    assert [c.value for c in ws[1]] == [
        "Metrik", "Lokasi", "Dilaporkan", "Dihitung", "Selisih", "Status", "Keterangan"
    ]  # fmt: skip
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:G4"
    assert [ws.cell(row=i, column=6).value for i in (2, 3, 4)] == [
        "sesuai", "tidak sesuai", "pembulatan"
    ]  # fmt: skip
    warna = [ws.cell(row=i, column=6).fill.fgColor.rgb[-6:] for i in (2, 3, 4)]
    assert warna == ["C6EFCE", "FFC7CE", "FFEB9C"]
    assert set(WARNA_STATUS) == {"sesuai", "pembulatan", "tidak sesuai"}
    # what was printed stays as printed; what lkip computed is a number
    assert ws["C3"].value == "2.500.001"
    assert ws["D3"].value == 2500000 and ws["E3"].value == 1
    assert ws["E3"].number_format.startswith("+")
    assert ws["E2"].value in (None, "")
