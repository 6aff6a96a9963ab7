"""The report's tables, as DataFrames of display strings (Indonesian formats).

Each function takes a computed ``Laporan`` and returns what one table of the seed layout shows;
``lkip.presentation.display.tabel`` renders it.
"""

from __future__ import annotations

import pandas as pd

from lkip.core import fmt
from lkip.model.laporan import Laporan
from lkip.presentation import tabel_ikm
from lkip.presentation.kalimat import efisiensi_keterangan, nilai_indikator, nilai_lalu

TOTAL = "Jumlah"


def _indikator(L: Laporan, tingkat: str) -> pd.DataFrame:
    return L.kinerja[L.kinerja["tingkat"] == tingkat]


def _judul_tingkat(tingkat: str) -> str:
    return "Tujuan" if tingkat == "tujuan" else "Sasaran Strategis"


def pengukuran(L: Laporan, tingkat: str) -> pd.DataFrame:
    """Tabel 3.1.1.1 / 3.1.2.1: target, realisasi and capaian of this year."""
    rows = [
        {
            "No": f"{i}.",
            _judul_tingkat(tingkat): r["sasaran"],
            "Indikator Kinerja": r["indikator"],
            "Target": nilai_indikator(r, "target"),
            "Realisasi": nilai_indikator(r, "realisasi"),
            "Capaian": fmt.persen(r["capaian"]),
            "Predikat": r["predikat"] or fmt.KOSONG,
        }
        for i, (_, r) in enumerate(_indikator(L, tingkat).iterrows(), start=1)
    ]
    return pd.DataFrame(rows)


def perbandingan(L: Laporan, tingkat: str) -> pd.DataFrame:
    """Tabel 3.1.1.2 / 3.1.2.2: this year against last year (target, realisasi and capaian).

    Both years' targets are shown, unlike the seed, so that each capaian can be checked
    against the target it was measured on.
    """
    t = L.tahun
    rows = []
    for _, r in _indikator(L, tingkat).iterrows():
        rows.append(
            {
                (_judul_tingkat(tingkat), ""): r["sasaran"],
                ("Indikator Kinerja", ""): r["indikator"],
                ("Target", f"Tahun {t - 1}"): nilai_lalu(r, "target"),
                ("Target", f"Tahun {t}"): nilai_indikator(r, "target"),
                ("Realisasi", f"Tahun {t - 1}"): nilai_lalu(r),
                ("Realisasi", f"Tahun {t}"): nilai_indikator(r, "realisasi"),
                ("Capaian", f"Tahun {t - 1}"): fmt.persen(r["capaian_lalu"]),
                ("Capaian", f"Tahun {t}"): fmt.persen(r["capaian"]),
            }
        )
    return pd.DataFrame(rows, columns=pd.MultiIndex.from_tuples(rows[0].keys()))


def terhadap_target_akhir(L: Laporan, tingkat: str) -> pd.DataFrame:
    """Tabel 3.1.1.3 / 3.1.2.3: this year's realisasi against the Renstra/RPJMD end target."""
    rows = [
        {
            _judul_tingkat(tingkat): r["sasaran"],
            "Indikator Kinerja": r["indikator"],
            "Target Akhir Renstra/RPJMD": nilai_indikator(r, "target_akhir"),
            f"Realisasi {L.tahun}": nilai_indikator(r, "realisasi"),
            "Capaian terhadap Target Akhir": fmt.persen(r["capaian_akhir"]),
        }
        for _, r in _indikator(L, tingkat).iterrows()
    ]
    return pd.DataFrame(rows)


def perjanjian_kinerja(L: Laporan) -> pd.DataFrame:
    s = _indikator(L, "sasaran")
    return pd.DataFrame(
        {
            "Sasaran Strategis": s["sasaran"],
            "Indikator Kinerja": s["indikator"],
            "Target": [nilai_indikator(r, "target") for _, r in s.iterrows()],
        }
    )


def iku(L: Laporan) -> pd.DataFrame:
    rinci = {i["kode"]: i for i in L.narasi.get("iku", [])}
    rows = []
    for _, r in L.kinerja.iterrows():
        d = rinci.get(r["kode"], {})
        rows.append(
            {
                "Tujuan/Sasaran": r["sasaran"],
                "Indikator Kinerja Utama": r["indikator"],
                "Formula Pengukuran": d.get("formula", fmt.KOSONG),
                "Unit Terkait": d.get("unit_terkait", fmt.KOSONG),
                "Sumber Data": d.get("sumber_data", fmt.KOSONG),
            }
        )
    return pd.DataFrame(rows)


def _dengan_total(df: pd.DataFrame, label_col: str, total: pd.Series, kolom: dict) -> pd.DataFrame:
    baris = {c: "" for c in df.columns}
    baris[label_col] = TOTAL
    for c, (sumber, f) in kolom.items():
        baris[c] = f(total[sumber])
    return pd.concat([df, pd.DataFrame([baris])], ignore_index=True)


def rencana_anggaran(L: Laporan) -> pd.DataFrame:
    """Tabel 2.4 / 3.3: allocation per sasaran and program (sums of sub kegiatan rows)."""
    sp = L.tabel["anggaran_sasaran_program"]
    ind = L.kinerja.set_index("kode")
    df = pd.DataFrame(
        {
            "Sasaran": [ind.loc[k, "sasaran"] for k in sp["sasaran"]],
            "Indikator Sasaran": [ind.loc[k, "indikator"] for k in sp["sasaran"]],
            "Program": sp["program"],
            "Anggaran (Rp)": [fmt.angka(v, 0) for v in sp["pagu"]],
        }
    )
    # A sasaran spans several program rows: print its statement once, as the seed does.
    ulang = df["Sasaran"].eq(df["Sasaran"].shift())
    df.loc[ulang, ["Sasaran", "Indikator Sasaran"]] = ""
    total = L.tabel["anggaran_total"].iloc[0]
    return _dengan_total(
        df, "Sasaran", total, {"Anggaran (Rp)": ("pagu", lambda v: fmt.angka(v, 0))}
    )


def anggaran_per(L: Laporan, tabel: str, label: str) -> pd.DataFrame:
    """Pagu, realisasi, sisa and serapan per program or per sasaran, with the total row."""
    src = L.tabel[tabel]
    kol = src.columns[0]
    nama = src[kol]
    if kol == "sasaran":
        ind = L.kinerja.set_index("kode")
        nama = [f"{k}. {ind.loc[k, 'sasaran']}" for k in src[kol]]
    rupiah = {"Pagu (Rp)": "pagu", "Realisasi (Rp)": "realisasi", "Sisa (Rp)": "sisa"}
    df = pd.DataFrame({label: nama})
    for judul, c in rupiah.items():
        df[judul] = [fmt.angka(v, 0) for v in src[c]]
    df["Serapan"] = [fmt.persen(v) for v in src["serapan"]]
    total = L.tabel["anggaran_total"].iloc[0]
    kolom = {j: (c, lambda v: fmt.angka(v, 0)) for j, c in rupiah.items()}
    kolom["Serapan"] = ("serapan", fmt.persen)
    return _dengan_total(df, label, total, kolom)


def kinerja_anggaran(L: Laporan, efisiensi: bool = False) -> pd.DataFrame:
    """'Pencapaian Kinerja dan Anggaran' and, with ``efisiensi``, the efficiency table."""
    per = L.tabel["anggaran_sasaran"].set_index("sasaran")
    rows = []
    for i, (_, r) in enumerate(_indikator(L, "sasaran").iterrows(), start=1):
        a = per.loc[r["kode"]] if r["kode"] in per.index else None
        row = {
            ("No", ""): f"{i}.",
            ("Sasaran", ""): r["sasaran"],
            ("Indikator Kinerja Sasaran", ""): r["indikator"],
            ("Kinerja", "Target"): nilai_indikator(r, "target"),
            ("Kinerja", "Realisasi"): nilai_indikator(r, "realisasi"),
            ("Kinerja", "%"): fmt.persen(r["capaian"]),
            ("Anggaran", "Alokasi"): fmt.angka(a["pagu"], 0) if a is not None else fmt.KOSONG,
            ("Anggaran", "Realisasi"): fmt.angka(a["realisasi"], 0)
            if a is not None
            else fmt.KOSONG,
        }
        if efisiensi:
            row[("Anggaran", "Sisa")] = fmt.angka(a["sisa"], 0) if a is not None else fmt.KOSONG
            row[("Tingkat Efisiensi", "")] = fmt.persen(a["efisiensi"] if a is not None else None)
            row[("Keterangan", "")] = efisiensi_keterangan(
                r["tercapai"], a["efisiensi"] if a is not None else None
            )
        else:
            row[("Anggaran", "%")] = fmt.persen(a["serapan"] if a is not None else None)
        rows.append(row)
    return pd.DataFrame(rows, columns=pd.MultiIndex.from_tuples(rows[0].keys()))


def unsur_ikm(L: Laporan) -> pd.DataFrame:
    """Tabel 3.2.x of the report: the seed's columns, without the answer counts."""
    return tabel_ikm.unsur(L.tabel["skm_unsur"].drop(columns="n_jawab", errors="ignore"))


def idm_desa(L: Laporan) -> pd.DataFrame:
    d = L.tabel["idm"]
    t = L.tahun

    def arah(v: object) -> str:
        return fmt.KOSONG if pd.isna(v) else ("Meningkat" if v else "Tidak meningkat")

    return pd.DataFrame(
        {
            "No": [f"{i}" for i in range(1, len(d) + 1)],
            "Desa": d["desa"],
            f"Skor IDM {t - 1}": [fmt.angka(v, 4, tetap=True) for v in d["skor_lalu"]],
            f"Status {t - 1}": d["status_lalu"].fillna("").replace("", fmt.KOSONG),
            f"Skor IDM {t}": [fmt.angka(v, 4, tetap=True) for v in d["skor_kini"]],
            f"Status {t}": d["status_kini"].fillna("").replace("", fmt.KOSONG),
            "Perubahan": [arah(v) for v in d["meningkat"]],
        }
    )


def pegawai(L: Laporan, kelompok: str) -> pd.DataFrame:
    p = L.tabel["pegawai"]
    p = p[p["kelompok"] == kelompok]
    df = pd.DataFrame({"Uraian": p["kategori"], "Jumlah (orang)": p["jumlah"].astype(int)})
    total = pd.DataFrame([{"Uraian": TOTAL, "Jumlah (orang)": int(p["jumlah"].sum())}])
    return pd.concat([df, total], ignore_index=True).astype({"Jumlah (orang)": str})


def tren(L: Laporan) -> pd.DataFrame:
    """Realisasi of every indicator in every year the data holds ('–' where a year lacks it)."""
    t = L.tren
    # Every year in the span, so a year without data shows as "–" rather than vanishing.
    tahun = list(range(int(t["tahun"].min()), int(t["tahun"].max()) + 1))
    rows = []
    for kode, g in t.groupby("kode", sort=False):
        g = g.set_index("tahun")
        last = g.iloc[-1]
        row = {"Indikator": f"{kode}. {last['indikator']}"}
        for th in tahun:
            row[str(th)] = (
                fmt.nilai(g.loc[th, "realisasi"], last["satuan"]) if th in g.index else fmt.KOSONG
            )
        rows.append(row)
    return pd.DataFrame(rows)


def struktur_kinerja(L: Laporan) -> pd.DataFrame:
    rows = L.narasi.get("struktur_kinerja", [])
    return pd.DataFrame(
        {
            "Jabatan": [r.get("jabatan", "") for r in rows],
            "Kinerja": [r.get("kinerja", "") for r in rows],
            "Indikator": [r.get("indikator", "") for r in rows],
        }
    )
