"""Write the synthetic SKM sample in data/sample/: DATA SINTETIS — bukan data asli.

Respondent rows for 2022 and 2023 that exercise the "why did the IKM drop" analysis: the 2023
rows reproduce the unsur means published in the LKIP Kecamatan Panarukan 2023 to two decimals,
2022 gives an IKM near the published 94, and the digital channel scores lower and has more
respondents in 2023. In 2023 satisfaction drops from July, one service (izin usaha) rates
waktu and prosedur lower, and respondents write comments that mostly speak of their lowest
unsur. Also the 2023 rows as a Google Forms export (Indonesian headers, label answers, shuffled
questions, a free-text "Saran dan masukan" column) to exercise the reader. Same seed, same
bytes:

    .venv/bin/python scripts/make_sample.py [folder]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from lkip.formulas.ikm import UNSUR
from lkip.inputs.responden import KOLOM_UNSUR, LABEL_JAWABAN

SEED = 20240122
KETERANGAN = "DATA SINTETIS — bukan data asli"
FOLDER = Path(__file__).resolve().parent.parent / "data" / "sample"

NRR_2023 = (3.66, 3.65, 3.66, 3.61, 3.72, 3.78, 3.70, 3.99, 3.66)
"""Published in the LKIP Kecamatan Panarukan 2023 (Bab III, table of unsur means)."""
NRR_2022 = (3.75, 3.74, 3.76, 3.70, 3.78, 3.82, 3.77, 3.99, 3.63)
"""Invented: only the total IKM 2022 (94) was published; these give 94,28."""


@dataclass(frozen=True)
class Tahun:
    tahun: int
    nrr: tuple[float, ...]
    n: int
    porsi_digital: float
    kosong: int  # blank answers scattered over the year's rows
    bulan_turun: int | None = None  # latent satisfaction lower from this month on
    sel_turun: tuple[tuple[str, str, float], ...] = ()  # (service, unsur, SD lower)


IZIN = "Rekomendasi izin usaha"
TAHUN = (
    Tahun(2022, NRR_2022, n=300, porsi_digital=0.15, kosong=4),
    Tahun(
        2023,
        NRR_2023,
        n=400,
        porsi_digital=0.60,
        kosong=7,
        bulan_turun=7,
        sel_turun=((IZIN, "U3", 3.0), (IZIN, "U2", 2.5)),
    ),
)
PENURUNAN_BULAN = 0.7  # latent satisfaction, in SD, lost from ``bulan_turun`` on
PORSI_KOMENTAR = 0.3  # respondents who write something
PENURUNAN_DIGITAL = 0.8  # digital respondents' latent satisfaction, in SD below paper's

JENIS_LAYANAN = (
    "Rekomendasi KTP-el",
    "Rekomendasi Kartu Keluarga",
    "Surat keterangan",
    "Legalisasi dokumen",
    IZIN,
)
PENDIDIKAN = ("SD", "SMP", "SMA/SMK", "D3", "S1", "S2")
PEKERJAAN = ("PNS", "TNI/Polri", "Pegawai swasta", "Wiraswasta", "Petani", "Pelajar/Mahasiswa")

PERTANYAAN = {
    "U1": "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis "
    "pelayanannya?",
    "U2": "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    "U3": "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    "U4": "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "U5": "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum "
    "dalam standar pelayanan dengan hasil yang diberikan?",
    "U6": "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    "U7": "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait "
    "kesopanan dan keramahan?",
    "U8": "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
    "U9": "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
}
"""Question wording of the PermenPANRB 14/2017 lampiran."""


def _jawaban(target: float, m: int) -> np.ndarray:
    """``m`` answers (ascending) whose mean rounds to ``target``: mostly 4s and 3s, a few 2s."""
    kurang = 4 * m - round(target * m)  # points below an all-4 sheet
    n2 = round(kurang * 0.05)
    n3 = kurang - 2 * n2
    n4 = m - n2 - n3
    hasil = np.repeat([2, 3, 4], [n2, n3, n4])
    assert round(hasil.mean(), 2) == target, (target, hasil.mean())
    return hasil


KOMENTAR = {
    "U1": ("Persyaratannya terlalu banyak, berkas harus fotokopi berkali-kali.",
           "Syarat di papan pengumuman beda dengan yang diminta petugas."),
    "U2": ("Alurnya berbelit, harus bolak-balik ke beberapa meja.",
           "Antrean tidak tertib, prosedur kurang jelas."),
    "U3": ("Prosesnya lama sekali, sudah seminggu belum jadi.",
           "Menunggu lebih dari 2 jam, <b>terlalu lama</b>.",
           "Pelayanan lambat, mohon dipercepat."),
    "U4": ("Masih ada yang minta bayar padahal katanya gratis.",),
    "U5": ("Ada salah ketik nama di surat, harus diulang.",),
    "U6": ("Petugas kurang paham aturan, saya diminta bertanya ke tempat lain.",),
    "U7": ("Petugas kurang ramah dan jarang senyum.",),
    "U8": ("Keluhan lewat kotak saran tidak pernah ditanggapi.",),
    "U9": ("Ruang tunggu panas, kursinya kurang.", "Parkir sempit dan toilet kotor."),
}  # fmt: skip
"""Complaints per unsur, worded with the shipped keywords (lkip/inputs/kata_kunci_komentar.yaml)."""
PUJIAN = (
    "Pelayanan sudah bagus, terima kasih.",
    "Pertahankan.",
    "Semoga makin baik ke depannya.",
)


def _tanggal(tahun: int, n: int, rng: np.random.Generator) -> pd.Series:
    """Dates through the year, the same number of respondents each month (± 1)."""
    per_bulan = np.full(12, n // 12) + (np.arange(12) < n % 12)
    bulan = np.repeat(np.arange(1, 13), per_bulan)
    hari = rng.integers(1, 29, size=n)
    tanggal = pd.to_datetime({"year": tahun, "month": bulan, "day": hari})
    return tanggal.sort_values(kind="stable").reset_index(drop=True)


def _komentar(tabel: pd.DataFrame, rng: np.random.Generator) -> list[str]:
    """A comment for about a third of the respondents: a complaint about their lowest-rated
    unsur when it is below 4 (more often the lower it is), else praise; blank for the rest."""
    hasil = []
    for _, r in tabel.iterrows():
        skor = {k.upper(): r[k] for k in KOLOM_UNSUR if not pd.isna(r[k])}
        terendah = min(skor.values())
        if rng.random() >= PORSI_KOMENTAR * (2.5 if terendah <= 2 else 1):
            hasil.append("")
        elif terendah < 4:
            kode = str(rng.choice([k for k, v in skor.items() if v == terendah]))
            hasil.append(str(rng.choice(KOMENTAR[kode])))
        else:
            hasil.append(str(rng.choice(PUJIAN)))
    return hasil


def responden(spek: Tahun, rng: np.random.Generator) -> pd.DataFrame:
    """One year's respondents: profile columns, u1..u9 (Int64, blank = not answered) and the
    free-text ``komentar``."""
    n = spek.n
    digital = rng.random(n) < spek.porsi_digital
    tanggal = _tanggal(spek.tahun, n, rng)
    turun = tanggal.dt.month.to_numpy() >= (spek.bulan_turun or 13)
    laten = rng.normal(size=n) - PENURUNAN_DIGITAL * digital - PENURUNAN_BULAN * turun
    umur = np.where(digital, rng.normal(32, 9, n), rng.normal(46, 12, n)).clip(17, 80)
    tabel = pd.DataFrame(
        {
            "keterangan": KETERANGAN,
            "tanggal": tanggal.dt.strftime("%Y-%m-%d"),
            "kanal": np.where(digital, "digital", "kertas"),
            "jenis_layanan": rng.choice(JENIS_LAYANAN, n, p=[0.3, 0.3, 0.2, 0.1, 0.1]),
            "jenis_kelamin": rng.choice(["Laki-laki", "Perempuan"], n, p=[0.55, 0.45]),
            "umur": umur.round().astype(int),
            "pendidikan": rng.choice(PENDIDIKAN, n, p=[0.15, 0.2, 0.35, 0.1, 0.17, 0.03]),
            "pekerjaan": rng.choice(PEKERJAAN, n, p=[0.1, 0.05, 0.2, 0.3, 0.25, 0.1]),
        }
    )
    sel_kosong = rng.choice(n * len(UNSUR), size=spek.kosong, replace=False)
    for j, (kolom, target) in enumerate(zip(KOLOM_UNSUR, spek.nrr, strict=True)):
        menjawab = np.setdiff1d(np.arange(n), sel_kosong[sel_kosong // n == j] % n)
        kunci = laten + rng.normal(0, 0.7, n)
        for layanan, kode, besar in spek.sel_turun:
            if kode.lower() == kolom:
                kunci = kunci - besar * (tabel["jenis_layanan"] == layanan).to_numpy()
        urutan = menjawab[np.argsort(kunci[menjawab])]
        nilai = pd.array([pd.NA] * n, dtype="Int64")
        nilai[urutan] = _jawaban(target, menjawab.size)
        tabel[kolom] = nilai
    tabel["komentar"] = _komentar(tabel, rng)
    return tabel


def google_form(tabel: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The same respondents as a Google Forms export (Indonesian UI): "Cap waktu", profile
    questions, the unsur questions in shuffled order with sarana before pengaduan, then the
    free-text "Saran dan masukan" (whose words name U8's "saran dan masukan": not an unsur)."""
    detik = rng.integers(8 * 3600, 15 * 3600, size=len(tabel))
    waktu = pd.to_datetime(tabel["tanggal"]) + pd.to_timedelta(detik, "s")
    form = pd.DataFrame(
        {
            "Cap waktu": waktu.dt.strftime("%d/%m/%Y %H:%M:%S"),
            "Jenis Kelamin": tabel["jenis_kelamin"],
            "Usia (tahun)": tabel["umur"],
            "Pendidikan Terakhir": tabel["pendidikan"],
            "Pekerjaan Utama": tabel["pekerjaan"],
            "Jenis layanan yang diterima": tabel["jenis_layanan"],
            "Cara pengisian survei": tabel["kanal"].str.capitalize(),
        }
    )
    kode = [k for k, _ in UNSUR]
    acak = [kode[i] for i in rng.permutation(len(kode))]
    if acak.index("U9") > acak.index("U8"):
        i, j = acak.index("U8"), acak.index("U9")
        acak[i], acak[j] = acak[j], acak[i]
    for k in acak:
        label = LABEL_JAWABAN[k]
        form[PERTANYAAN[k]] = [
            "" if pd.isna(v) else label[int(v) - 1] for v in tabel[k.lower()].tolist()
        ]
    form["Saran dan masukan"] = tabel["komentar"]
    return form


def main(folder: Path = FOLDER) -> list[Path]:
    rng = np.random.default_rng(SEED)
    folder.mkdir(parents=True, exist_ok=True)
    ditulis = []
    for spek in TAHUN:
        tabel = responden(spek, rng)
        path = folder / f"skm_responden_{spek.tahun}_SINTETIS.csv"
        tabel.to_csv(path, index=False, lineterminator="\n")
        ditulis.append(path)
        if spek.tahun == 2023:
            path = folder / "skm_google_form_2023_SINTETIS.csv"
            google_form(tabel, rng).to_csv(path, index=False, lineterminator="\n")
            ditulis.append(path)
    return ditulis


if __name__ == "__main__":
    for p in main(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER):
        print(p)
