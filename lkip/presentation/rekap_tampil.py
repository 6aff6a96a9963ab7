"""The recap across offices as report chapters: tables, charts and sentences in Bahasa Indonesia.

Every figure is formatted with the same ``lkip.core.fmt`` call the office's own report uses for it,
so the recap prints exactly the office's numbers. A missing figure prints "–" and a note says
why.
"""

from __future__ import annotations

import itertools

import pandas as pd
from markupsafe import escape

from lkip.core import fmt
from lkip.presentation import charts, charts_rekap
from lkip.presentation.display import html_gambar, html_tabel
from lkip.rekap import Rekap, RingkasanInstansi

KOLOM = {
    "ikm": "IKM (mutu)",
    "sakip": "Nilai SAKIP (predikat)",
    "persen_idm": "Desa dengan IDM naik",
    "pagu": "Pagu",
    "realisasi": "Realisasi",
    "serapan": "Serapan",
    "tercapai": "Indikator tercapai",
    "temuan_reviu": "Temuan reviu",
}
# Figures compared with last year (Tabel 2 of the recap).
PERUBAHAN = ("ikm", "sakip", "persen_idm", "serapan")
# Every change is a difference of points (of the index, the score, or of a percentage), and
# is written with the decimals the figures themselves show: "+20" from 40 % to 60 %.
KOLOM_PERUBAHAN = "Perubahan (poin)"


def teks(r: RingkasanInstansi, kunci: str) -> str:
    """One figure of one office as its report prints it; "–" when missing."""
    if kunci == "ikm":
        if r.ikm is None:
            return fmt.KOSONG
        return f"{fmt.angka(r.ikm, 2)} ({r.mutu_ikm})" if r.mutu_ikm else fmt.angka(r.ikm, 2)
    if kunci == "sakip":
        if r.sakip is None:
            return fmt.KOSONG
        return f"{fmt.angka(r.sakip)} ({r.predikat_sakip})"
    if kunci in ("persen_idm", "serapan"):
        return fmt.persen(getattr(r, kunci))
    if kunci in ("pagu", "realisasi"):
        return fmt.rupiah(getattr(r, kunci))
    if kunci == "tercapai":
        if r.tercapai is None or r.jumlah_indikator is None:
            return fmt.KOSONG
        return f"{r.tercapai} dari {r.jumlah_indikator}"
    if kunci == "temuan_reviu":
        return fmt.KOSONG if r.temuan_reviu is None else str(r.temuan_reviu)
    raise KeyError(kunci)


def tabel_rekap(rekap: Rekap) -> pd.DataFrame:
    """One row per office that has the year: the figures of its report."""
    baris = []
    for b in rekap.baris:
        nama = b.kini.nama if b.kini is not None else b.instansi
        isi = {"Instansi": nama}
        for kunci, judul in KOLOM.items():
            isi[judul] = teks(b.kini, kunci) if b.kini is not None else fmt.KOSONG
        baris.append(isi)
    return pd.DataFrame(baris, columns=["Instansi", *KOLOM.values()])


def catatan_kosong(rekap: Rekap) -> list[str]:
    """Why each "–" of the recap table is there."""
    hasil, kosong = [], []
    for b in rekap.baris:
        if b.kini is None:
            hasil.append(f"{b.instansi}: semua angka kosong karena {b.alasan_kini}.")
            continue
        for kunci, alasan in b.kini.alasan.items():
            if kunci in KOLOM:
                kosong.append((b.kini.nama, KOLOM[kunci], alasan))
    return hasil + _per_alasan(kosong)


def _per_alasan(kosong: list[tuple[str, str, str]]) -> list[str]:
    """One line per missing figure and reason, naming the offices it holds for: of a
    kabupaten's 17 kecamatan, most may lack the same year's data for the same reason."""
    per: dict[tuple[str, str], list[str]] = {}
    for nama, angka, alasan in kosong:
        per.setdefault((angka, alasan), []).append(nama)
    return [
        f"{nama[0]}, {angka}: {alasan}."
        if len(nama) == 1
        else f"{angka} ({len(nama)} instansi: {', '.join(nama)}): {alasan}."
        for (angka, alasan), nama in per.items()
    ]


def _beda(kini: float | None, lalu: float | None) -> str:
    if kini is None or lalu is None:
        return fmt.KOSONG
    return fmt.bertanda(kini - lalu, tetap=False)


def tabel_perubahan(rekap: Rekap) -> tuple[pd.DataFrame, list[str]]:
    """This year against last year, a row per office and figure; why a change is missing."""
    lalu_t, kini_t = str(rekap.tahun - 1), str(rekap.tahun)
    baris: list[dict[str, str]] = []
    catatan: list[tuple[str, str, str]] = []
    for b in rekap.baris:
        if b.kini is None:
            continue
        for kunci in PERUBAHAN:
            judul = KOLOM[kunci].split(" (")[0]
            lalu = getattr(b.lalu, kunci) if b.lalu is not None else None
            kini = getattr(b.kini, kunci)
            baris.append(
                {
                    "Instansi": b.kini.nama,
                    "Angka": judul,
                    lalu_t: fmt.KOSONG if lalu is None else _angka(kunci, lalu),
                    kini_t: fmt.KOSONG if kini is None else _angka(kunci, kini),
                    KOLOM_PERUBAHAN: _beda(kini, lalu),
                }
            )
            if lalu is None:
                alasan = b.alasan_lalu if b.lalu is None else b.lalu.alasan.get(kunci)
                if alasan:
                    catatan.append((b.kini.nama, f"{judul} {lalu_t}", alasan))
    kolom = ["Instansi", "Angka", lalu_t, kini_t, KOLOM_PERUBAHAN]
    return pd.DataFrame(baris, columns=kolom), _per_alasan(catatan)


def _angka(kunci: str, x: float) -> str:
    return fmt.persen(x) if kunci in ("persen_idm", "serapan") else fmt.angka(x, 2)


def _daftar(butir: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(b)}</li>" for b in butir) + "</ul>" if butir else ""


def bab_rekap(rekap: Rekap, kabupaten: str) -> str:
    """The recap's body: one chapter, as an HTML fragment for lkip.build.assemble."""
    t = rekap.tahun
    ada = rekap.ada
    bagian = [
        f'<h1 class="bab">REKAPITULASI LKIP TAHUN {t}</h1>',
        f"<p>{escape(_pengantar(rekap, kabupaten))}</p>",
        "<h2>1. Angka utama per instansi</h2>",
        html_tabel(
            tabel_rekap(rekap),
            f"Tabel 1 : Angka utama LKIP tahun {t} per instansi",
            angka=[v for k, v in KOLOM.items()],
        ),
    ]
    catatan = catatan_kosong(rekap)
    if catatan:
        bagian += ["<p>Angka yang kosong (–) dan sebabnya:</p>", _daftar(catatan)]
    perubahan, alasan = tabel_perubahan(rekap)
    bagian.append(f"<h2>2. Perubahan dari tahun {t - 1}</h2>")
    if len(perubahan):
        bagian.append(
            html_tabel(
                perubahan,
                f"Tabel 2 : Angka utama tahun {t - 1} dan {t}",
                angka=[str(t - 1), str(t), KOLOM_PERUBAHAN],
            )
        )
        if alasan:
            bagian += [f"<p>Angka tahun {t - 1} yang kosong (–) dan sebabnya:</p>", _daftar(alasan)]
    bagian.append("<h2>3. Grafik</h2>")
    nomor = itertools.count(1)
    dengan_ikm = [(r.nama, r.ikm) for r in ada if r.ikm is not None]
    if dengan_ikm:
        grafik = charts_rekap.ikm_per_halaman(
            [n for n, _ in dengan_ikm],
            [v for _, v in dengan_ikm],
            f"IKM per instansi tahun {t} dan mutu pelayanan",
        )
        bagian.append(html_gambar(grafik, f"Grafik {next(nomor)} : IKM per instansi tahun {t}"))
    dengan_pagu = [r for r in ada if r.pagu]
    if dengan_pagu:
        df = pd.DataFrame(
            {
                "instansi": [r.nama for r in dengan_pagu],
                "pagu": [r.pagu for r in dengan_pagu],
                "realisasi": [r.realisasi for r in dengan_pagu],
                "serapan": [r.serapan for r in dengan_pagu],
            }
        )
        grafik = charts.serapan_per_halaman(
            df,
            "instansi",
            f"Pagu, realisasi dan serapan anggaran tahun {t}",
            charts_rekap.UKURAN_SERAPAN,
        )
        judul = f"Grafik {next(nomor)} : Serapan anggaran per instansi tahun {t}"
        bagian.append(html_gambar(grafik, judul))
    bersama = rekap.indikator_bersama()
    for per_instansi in bersama.values():
        indikator = next(iter(per_instansi.values())).indikator
        baris = [r for r in ada if r.instansi in per_instansi]
        grafik = charts_rekap.capaian_per_halaman(
            [r.nama for r in baris], [per_instansi[r.instansi].capaian for r in baris], indikator
        )
        judul = f"Grafik {next(nomor)} : Capaian per instansi tahun {t}, {indikator}"
        bagian.append(html_gambar(grafik, judul))
    if not bersama:
        bagian.append(
            "<p>Tidak ada indikator yang sama (kode_iku atau teks indikator yang sama) di dua "
            "instansi atau lebih.</p>"
        )
    return "\n".join(bagian)


def _pengantar(rekap: Rekap, kabupaten: str) -> str:
    n = len(rekap.baris)
    return (
        f"Rekapitulasi ini memuat angka utama LKIP tahun {rekap.tahun} dari "
        f"{fmt.terbilang_jumlah(n)} instansi di Kabupaten {kabupaten}. Setiap angka dihitung "
        "dari data yang sama dengan yang dicetak pada LKIP masing-masing instansi."
    )
