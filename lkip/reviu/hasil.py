"""The review of one report as a table, its file ``reviu.csv`` and its summary sentences.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lkip.core import fmt
from lkip.core.errors import DataTidakValid
from lkip.model.laporan import Laporan
from lkip.reviu.banding import (
    _KOSONG,
    PEMBULATAN,
    SESUAI,
    TIDAK_SESUAI,
    Hasil,
    _baris,
    _gabung,
    _kembaran,
    bandingkan,
)
from lkip.reviu.cek import cek_bagian, cek_internal, cek_jumlah
from lkip.reviu.cetakan import Cetakan, baca_cetakan
from lkip.reviu.dilaporkan import BERKAS, periksa_dilaporkan
from lkip.reviu.metrik import daftar_metrik

KOLOM = ["metrik", "lokasi", "dilaporkan", "dihitung", "selisih", "status", "keterangan"]


PENGANTAR = (
    "Setiap angka dan pernyataan yang tercetak dalam laporan dibandingkan dengan hasil "
    "perhitungan ulang dari data. Sesuai berarti sama pada ketelitian yang dicetak; pembulatan "
    "berarti hanya berbeda karena pembulatan atau pemotongan desimal; tidak sesuai berarti "
    "berbeda, dengan selisih = angka dilaporkan dikurangi angka dihitung. Pemeriksaan internal "
    "mencocokkan jumlah per program dan per sasaran dengan total, persentase dengan "
    "bagian-bagiannya, dan status target dengan capaiannya."
)


def reviu(L: Laporan, dilaporkan: pd.DataFrame | None) -> pd.DataFrame:
    """The review of one report: printed rows (in file order), checks of printed parts, then
    the internal checks. Columns :data:`KOLOM`. Raises DataTidakValid on a bad dilaporkan."""
    rows: list[dict[str, str]] = []
    if dilaporkan is not None and len(dilaporkan):
        masalah = periksa_dilaporkan(dilaporkan, L, f"{L.tahun}/{BERKAS}")
        if masalah:
            raise DataTidakValid(L.tahun, masalah)
        daftar = daftar_metrik(L)
        per_lokasi: dict[str, dict[str, Cetakan]] = {}
        for _, r in dilaporkan.iterrows():
            m = daftar.cari(r["metrik"])
            hasil = bandingkan(m, r["dilaporkan"])
            angka = m.jenis in ("angka", "persen", "rupiah", "jumlah") and not m.kosong
            if angka and str(r["dilaporkan"]).strip() not in _KOSONG:
                c = baca_cetakan(r["dilaporkan"], bulat=m.jenis in ("rupiah", "jumlah"))
                per_lokasi.setdefault(r["lokasi"], {}).setdefault(m.id, c)
                if hasil.status == TIDAK_SESUAI:
                    ket = _gabung(hasil.keterangan, _kembaran(m, c, daftar))
                    hasil = Hasil(hasil.dihitung, hasil.selisih, hasil.status, ket)
            rows.append(_baris(m.id, r["lokasi"], r["dilaporkan"], hasil))
        rows += cek_bagian(L, per_lokasi)
        rows += cek_jumlah(L, per_lokasi)
    rows += cek_internal(L)
    return pd.DataFrame(rows, columns=KOLOM)


def tulis_reviu(laporan: Laporan, folder: Path) -> Path:
    """Write the reviu computed with ``laporan`` as ``reviu.csv`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "reviu.csv"
    laporan.tabel["reviu"].to_csv(path, index=False)
    return path


def cetakan_laporan(L: Laporan, lokasi: str = "cetakan lkip") -> pd.DataFrame:
    """A dilaporkan table of every figure as this project prints it (for the self-check)."""
    rows = [
        {"metrik": m.id, "lokasi": lokasi, "dilaporkan": m.cetak()}
        for m in daftar_metrik(L)
        if not m.kosong
    ]
    return pd.DataFrame(rows, columns=["metrik", "lokasi", "dilaporkan"])


def tanpa_dilaporkan(tahun: int) -> str:
    """The sentence of a report without a list of printed figures: only internal checks ran."""
    return (
        f"Tidak ada daftar angka tercetak (berkas {BERKAS} tahun {tahun}) untuk tahun {tahun}, "
        "sehingga hanya pemeriksaan internal yang dilakukan."
    )


def ringkasan(hasil: pd.DataFrame) -> str:
    """One sentence: how many figures were checked and how many disagree."""
    n = hasil["status"].value_counts()
    return (
        f"Dari {fmt.angka(len(hasil), 0)} angka dan pernyataan yang diperiksa, "
        f"{fmt.angka(n.get(SESUAI, 0), 0)} sesuai, {fmt.angka(n.get(PEMBULATAN, 0), 0)} hanya "
        f"berbeda karena pembulatan dan {fmt.angka(n.get(TIDAK_SESUAI, 0), 0)} tidak sesuai."
    )


def tabel_temuan(hasil: pd.DataFrame) -> pd.DataFrame:
    """The findings (status other than sesuai), worst first, as display strings."""
    temuan = hasil[hasil["status"] != SESUAI].copy()
    temuan["_urut"] = (temuan["status"] != TIDAK_SESUAI).astype(int)
    temuan = temuan.sort_values("_urut", kind="stable")
    return pd.DataFrame(
        {
            "No": [str(i) for i in range(1, len(temuan) + 1)],
            "Lokasi": temuan["lokasi"],
            # a break opportunity after each dot, so a long id wraps inside its column
            "Metrik": temuan["metrik"].str.replace(".", ".\u200b", regex=False),
            "Dilaporkan": temuan["dilaporkan"],
            "Dihitung": temuan["dihitung"],
            "Selisih": temuan["selisih"].replace("", fmt.KOSONG),
            "Status": [
                f"{s} ({k})" if k else s
                for s, k in zip(temuan["status"], temuan["keterangan"], strict=True)
            ],
        }
    )


def teks_temuan(hasil: pd.DataFrame, tahun: int) -> str:
    """The findings as plain text for the terminal (``lkip reviu``)."""
    baris = [f"Hasil reviu angka LKIP {tahun}", ringkasan(hasil)]
    for status in (TIDAK_SESUAI, PEMBULATAN):
        bagian = hasil[hasil["status"] == status]
        if not len(bagian):
            continue
        baris += ["", f"{status.upper()} ({len(bagian)})"]
        for r in bagian.itertuples():
            teks = f"- {r.lokasi} | {r.metrik}: dilaporkan {r.dilaporkan}, dihitung {r.dihitung}"
            if r.selisih:
                teks += f", selisih {r.selisih}"
            if r.keterangan:
                teks += f" — {r.keterangan}"
            baris.append(teks)
    return "\n".join(baris)
