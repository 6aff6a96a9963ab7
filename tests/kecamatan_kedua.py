# ruff: noqa: E501  (CSV rows as the analyst types them)
"""A second kecamatan, built in tests, shaped unlike Panarukan.

Mlandingan (test data, not real figures) has other indicators, five sasaran instead of three,
a lower-is-better indicator that misses its target (S1: 14 days against 10), five desa
instead of eight and three programs; its IKM indicator shares ``kode_iku`` IKU-KEC-01 with
Panarukan's when the test gives Panarukan that column, and its SAKIP indicator has the same
text as Panarukan's.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.conftest import SHIPPED_RAW

SLUG = "mlandingan"
NAMA = "Kecamatan Mlandingan"

KINERJA = {
    2023: """kode,tingkat,sasaran,indikator,satuan,polaritas,target,realisasi,target_akhir,sumber,skala,kode_iku
T1,tujuan,Meningkatkan kualitas pelayanan publik kecamatan,Indeks Kepuasan Masyarakat Kecamatan Mlandingan,indeks,naik,80,,85,skm,ikm,IKU-KEC-01
S1,sasaran,Meningkatnya kecepatan penerbitan rekomendasi,Rata-rata lama penerbitan rekomendasi,hari,turun,10,14,7,manual,,
S2,sasaran,Meningkatnya kualitas pemberdayaan desa,Persentase desa yang meningkat IDM-nya,%,naik,60,,80,idm,,
S3,sasaran,Meningkatnya akuntabilitas kinerja,Capaian Nilai SAKIP Perangkat Daerah,nilai,naik,75,76.5,80,manual,sakip,
S4,sasaran,Meningkatnya ketenteraman dan ketertiban umum,Persentase gangguan trantibum yang ditangani,%,naik,90,95,100,manual,,
S5,sasaran,Meningkatnya partisipasi masyarakat dalam perencanaan,Jumlah musrenbang desa yang difasilitasi,kegiatan,naik,6,6,6,manual,,
""",
    2022: """kode,tingkat,sasaran,indikator,satuan,polaritas,target,realisasi,target_akhir,sumber,skala,kode_iku
T1,tujuan,Meningkatkan kualitas pelayanan publik kecamatan,Indeks Kepuasan Masyarakat Kecamatan Mlandingan,indeks,naik,78,79.5,,manual,ikm,IKU-KEC-01
S1,sasaran,Meningkatnya kecepatan penerbitan rekomendasi,Rata-rata lama penerbitan rekomendasi,hari,turun,12,12,,manual,,
S2,sasaran,Meningkatnya kualitas pemberdayaan desa,Persentase desa yang meningkat IDM-nya,%,naik,60,40,,manual,,
S3,sasaran,Meningkatnya akuntabilitas kinerja,Capaian Nilai SAKIP Perangkat Daerah,nilai,naik,72,74.1,,manual,sakip,
S4,sasaran,Meningkatnya ketenteraman dan ketertiban umum,Persentase gangguan trantibum yang ditangani,%,naik,85,88,,manual,,
S5,sasaran,Meningkatnya partisipasi masyarakat dalam perencanaan,Jumlah musrenbang desa yang difasilitasi,kegiatan,naik,6,5,,manual,,
""",
}
IDM = {
    2023: "desa,skor\nMlandingan Kulon,0.6512\nMlandingan Wetan,0.7140\nSumber Anyar,0.5921\n"
    "Campoan,0.6233\nSelomukti,0.7750\n",
    2022: "desa,skor\nMlandingan Kulon,0.6400\nMlandingan Wetan,0.7201\nSumber Anyar,0.5800\n"
    "Campoan,0.6100\nSelomukti,0.7802\n",
}
SKM = """unsur,nama,nrr
U1,Persyaratan,3.20
U2,"Sistem, Mekanisme, dan Prosedur",3.10
U3,Waktu Penyelesaian,2.95
U4,Biaya/Tarif,3.50
U5,Produk Spesifikasi Jenis Pelayanan,3.15
U6,Kompetensi Pelaksana,3.05
U7,Perilaku Pelaksana,3.30
U8,Penanganan Pengaduan,3.00
U9,Sarana dan Prasarana,2.90
"""
ANGGARAN = """sasaran,program,kegiatan,sub_kegiatan,pagu,realisasi
S1,Program Penyelenggaraan Pemerintahan dan Pelayanan Publik,Pelayanan Administrasi Kecamatan,Fasilitasi Rekomendasi Perizinan,120000000,101500000
S2,Program Pemberdayaan Masyarakat Desa dan Kelurahan,Koordinasi Kegiatan Pemberdayaan Desa,Pendampingan Desa dalam Peningkatan IDM,85000000,80250000
S3,Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota,Administrasi Keuangan Perangkat Daerah,Penyediaan Gaji dan Tunjangan ASN,1450000000,1398765432
S4,Program Penyelenggaraan Pemerintahan dan Pelayanan Publik,Koordinasi Ketenteraman dan Ketertiban Umum,Koordinasi Penanganan Gangguan Trantibum,60000000,57300000
S5,Program Pemberdayaan Masyarakat Desa dan Kelurahan,Koordinasi Perencanaan Pembangunan Desa,Fasilitasi Musrenbang Desa,45000000,44100000
"""
PEGAWAI = """kelompok,kategori,jumlah
golongan,Golongan II,3
golongan,Golongan III,8
golongan,Golongan IV,2
golongan,Tenaga Honorer/Lainnya,7
"""


def buat(root: Path, slug: str = SLUG, nama: str = NAMA) -> Path:
    """Write ``data/raw/<slug>/2022`` and ``2023`` under ``root``; returns the office folder."""
    folder = root / "data" / "raw" / slug
    for tahun in (2022, 2023):
        (folder / str(tahun)).mkdir(parents=True)
        (folder / str(tahun) / "kinerja.csv").write_text(KINERJA[tahun], encoding="utf-8")
        (folder / str(tahun) / "idm.csv").write_text(IDM[tahun], encoding="utf-8")
    kini = folder / "2023"
    (kini / "skm_unsur.csv").write_text(SKM, encoding="utf-8")
    (kini / "anggaran.csv").write_text(ANGGARAN, encoding="utf-8")
    (kini / "pegawai.csv").write_text(PEGAWAI, encoding="utf-8")
    profil = yaml.safe_load((SHIPPED_RAW / "2023" / "profil.yaml").read_text(encoding="utf-8"))
    profil |= {
        "instansi": nama,
        "alamat": "Jalan Raya Mlandingan No. 1, Mlandingan - Kabupaten Situbondo",
        "motto": "Melayani dengan sepenuh hati",
        "media_sosial": "",
    }
    profil["kepala"] |= {"jabatan": "Camat Mlandingan", "nama": "Contoh Nama, S.Sos.",
                         "nip": "198001012005011001"}  # fmt: skip
    profil["penandatanganan"]["tempat"] = "Mlandingan"
    (kini / "profil.yaml").write_text(yaml.safe_dump(profil, allow_unicode=True), "utf-8")
    teks = (SHIPPED_RAW / "2023" / "narasi.yaml").read_text(encoding="utf-8")
    narasi = yaml.safe_load(teks.replace("Panarukan", "Mlandingan"))
    kode = [baris.split(",")[0] for baris in KINERJA[2023].splitlines()[1:]]
    narasi["analisis"] = {
        k: {"uraian": [f"Uraian capaian indikator {k}."], "keberhasilan": [f"Upaya {k}."]}
        for k in kode
    }
    narasi["analisis_penyebab"] = {k: [f"Penyebab capaian indikator {k}."] for k in kode}
    narasi["iku"] = [
        {"kode": k, "formula": f"Rumus indikator {k}", "unit_terkait": "Seluruh Kasi",
         "sumber_data": "Data kecamatan"}
        for k in kode
    ]  # fmt: skip
    (kini / "narasi.yaml").write_text(yaml.safe_dump(narasi, allow_unicode=True), "utf-8")
    return folder
