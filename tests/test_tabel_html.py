"""Reading the report's tables back from its HTML (shared by the Word and Excel copies)."""

from __future__ import annotations

from lkip.build.tabel_html import Sel, grid, nomor, tabel_laporan

HTML = """
<figure class="tabel"><figcaption>Tabel 3.3.4 : Pencapaian
  kinerja</figcaption><div class="tabel-wrap"><table>
<thead>
<tr><th rowspan="2">No</th><th colspan="2">Kinerja</th><th>Catatan</th></tr>
<tr><th>Target</th><th>Realisasi</th><th></th></tr>
</thead>
<tbody>
<tr><td>1.</td><td class="angka">10 menit</td><td class="angka">8<br>menit</td><td>ok</td></tr>
</tbody></table></div><p class="catatan">Catatan kaki.</p></figure>
<figure class="grafik"><img alt="x"><figcaption>Gambar 3.1 : Bukan tabel</figcaption></figure>
"""


def test_caption_header_body_and_note() -> None:
    [t] = tabel_laporan(HTML)
    assert t.judul == "Tabel 3.3.4 : Pencapaian kinerja"
    assert t.nomor == "Tabel 3.3.4"
    assert t.kepala[0] == (
        Sel("No", 1, 2),
        Sel("Kinerja", 2, 1),
        Sel("Catatan"),
    )
    assert t.badan[0][1] == Sel("10 menit", angka=True)
    assert t.badan[0][2].teks == "8 menit"  # a line break reads as a space
    assert t.catatan == "Catatan kaki."


def test_spanned_cells_fill_a_rectangle() -> None:
    [t] = tabel_laporan(HTML)
    # "No" spans two rows: the second header row starts in column 2
    assert t.kotak("kepala") == [
        ["No", "Kinerja", "", "Catatan"],
        ["", "Target", "Realisasi", ""],
    ]
    assert grid(((Sel("a", 3),), (Sel("b"), Sel("c", 1, 2), Sel("d")), (Sel("e"), Sel("f")))) == [
        ["a", "", ""],
        ["b", "c", "d"],
        ["e", "", "f"],
    ]


def test_nomor_of_captions() -> None:
    assert nomor("Tabel L.2 : Hasil reviu") == "Tabel L.2"
    assert nomor("Tabel 3.1.1.1 : Pengukuran") == "Tabel 3.1.1.1"
    assert nomor("Gambar 3.2.1 : NRR") == "Gambar 3.2.1"
    assert nomor("Tanpa nomor") == "Tanpa nomor"
