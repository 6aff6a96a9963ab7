"""Every sentence about the SKM/IKM, in Bahasa Indonesia with Indonesian number formats: the
sample adequacy, the change since last year (:mod:`lkip.model.ikm_perubahan`, as
:func:`lkip.model.skm_tahun.ringkas` stores it) and its detailed analysis
(:mod:`lkip.model.ikm_rinci`).
They take the stored plain values and tables, so report and notebook say the same thing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import pandas as pd

from lkip.core import fmt
from lkip.core.numbers import bulatkan
from lkip.formulas.ikm import UNSUR
from lkip.formulas.ikm_waktu import NAMA_BULAN
from lkip.formulas.komentar import LAINNYA
from lkip.model.ikm_perubahan import LABEL_SELANG
from lkip.model.skm_tahun import SumberSkm

T = TypeVar("T")

_NAMA_UNSUR = dict(UNSUR)


def _a(x: float) -> str:
    return fmt.angka(x, 2, tetap=True)


def _p(p: float) -> str:
    return "p < 0,001" if p < 0.001 else f"p = {fmt.angka(p, 3, tetap=True)}"


def nama_kolom(kolom: str) -> str:
    return kolom.replace("_", " ")


def unsur(kode: str) -> str:
    return f"{kode} {_NAMA_UNSUR[kode]}" if kode in _NAMA_UNSUR else kode


def rentang_bulan(awal: int, akhir: int) -> str:
    """ "Januari–Juni", or one month's name."""
    if awal == akhir:
        return NAMA_BULAN[awal - 1]
    return f"{NAMA_BULAN[awal - 1]}–{NAMA_BULAN[akhir - 1]}"


def waktu(w: Mapping[str, Any], tahun: int) -> list[str]:
    """How the run chart is divided, and the change month with the IKM before and after."""
    kalimat = []
    if w["satuan"] == "bulan":
        kalimat.append(
            f"IKM {tahun} per bulan: setiap bulan memiliki sedikitnya {w['batas']} responden."
        )
    else:
        kalimat.append(
            f"IKM {tahun} ditampilkan per triwulan karena ada bulan dengan kurang dari "
            f"{w['batas']} responden; IKM satu bulan dari responden sesedikit itu terlalu "
            "goyah untuk dibaca."
        )
    if w.get("tanpa_tanggal"):
        kalimat.append(
            f"{fmt.angka(w['tanpa_tanggal'], 0)} responden tanpa tanggal pengisian tidak masuk "
            "hitungan per periode."
        )
    t = w.get("titik")
    if t is None:
        return kalimat
    b = t["bulan_ubah"]
    sejak = NAMA_BULAN[b - 1]
    sebelum = rentang_bulan(t["bulan_awal"], b - 1)
    angka = f"sejak {sejak}: {_a(t['ikm_sesudah'])}; {sebelum}: {_a(t['ikm_sebelum'])}"
    batas = fmt.angka(t["alfa"], 2)
    if t["signifikan"]:
        arah = "turun" if t["ikm_sesudah"] < t["ikm_sebelum"] else "naik"
        kalimat.append(
            f"Tingkat kepuasan {arah} mulai {sejak} {tahun} (IKM {angka}); menurut uji "
            f"permutasi ({_p(t['p'])}, di bawah {batas}) perubahan ini lebih besar daripada "
            "variasi acak."
        )
    else:
        kalimat.append(
            f"Tidak ada bulan yang menjadi titik perubahan yang nyata pada {tahun}: pembagian "
            f"tahun yang paling berbeda (IKM {angka}) memiliki {_p(t['p'])} pada uji "
            f"permutasi, tidak di bawah {batas}, sehingga bedanya dapat terjadi karena variasi "
            "acak pengambilan sampel."
        )
    return kalimat


def sel(s: Mapping[str, Any], tahun_lalu: int, tahun_kini: int) -> list[str]:
    """The three segment × unsur cells that pulled the IKM down most, with their points."""
    nama = nama_kolom(s["kolom"])
    if s["turun"]:
        daftar = [
            f"{r['segmen']} – {unsur(r['unsur'])} ({fmt.bertanda(r['dalam'])} poin)"
            for r in s["turun"]
        ]
        teks = daftar[0] if len(daftar) == 1 else ", ".join(daftar[:-1]) + " dan " + daftar[-1]
        utama = (
            f"Menurut {nama} dan unsur, yang paling menurunkan IKM dari {tahun_lalu} ke "
            f"{tahun_kini} adalah {teks}."
        )
    else:
        utama = f"Menurut {nama} dan unsur, tidak ada kelompok yang nilainya menurun."
    return [
        utama,
        f"Perubahan di dalam seluruh sel {nama} × unsur berjumlah "
        f"{fmt.bertanda(s['jumlah_dalam'])} poin dan pergeseran komposisi {nama} "
        f"{fmt.bertanda(s['jumlah_komposisi'])} poin; keduanya berjumlah tepat perubahan IKM "
        f"({fmt.bertanda(s['delta'])} poin).",
    ]


def komentar(k: Mapping[str, Any], tahun: int) -> list[str]:
    """Counts and themes only: the report never quotes a respondent. The three unsur named
    most often, and any named as often as the third (the table beside it shows them all)."""
    awal = (
        f"Sebanyak {fmt.angka(k['jumlah_komentar'], 0)} dari "
        f"{fmt.angka(k['jumlah_responden'], 0)} responden {tahun} menulis komentar atau saran."
    )
    tema = [t for t in k["tema"] if t["unsur"] != LAINNYA]
    lain = sum(t["jumlah"] for t in k["tema"] if t["unsur"] == LAINNYA)
    if not tema:
        return [awal + " Tidak ada komentar yang menyebut unsur pelayanan tertentu."]
    teratas = _dengan_seri(sorted(tema, key=lambda t: -t["jumlah"]), 3, lambda t: t["jumlah"])
    daftar = ", ".join(f"{unsur(t['unsur'])} ({fmt.angka(t['jumlah'], 0)})" for t in teratas)
    kalimat = f"{awal} Unsur yang paling sering dibicarakan: {daftar}"
    if lain:
        kalimat += f"; {fmt.angka(lain, 0)} komentar tidak menyebut unsur tertentu"
    return [kalimat + "."]


def uji(u: Mapping[str, Any]) -> list[str]:
    """Bootstrap interval, permutation test and minimum detectable change, and which hold."""
    a, b = u["selang_delta"]
    selang_nol = a <= 0 <= b
    besar = abs(u["delta"]) >= u["mdc"]
    alfa = fmt.angka(u["alfa"], 2)
    bagian = [
        f"{LABEL_SELANG.capitalize()} perubahan IKM ({fmt.bertanda(u['delta'])} poin) adalah "
        f"{_a(a)} s.d. {_a(b)} poin dan {'memuat' if selang_nol else 'tidak memuat'} nol",
        f'uji permutasi "tidak ada perubahan" antara kedua tahun memberi {_p(u["p"])} '
        f"({'di bawah' if u['signifikan'] else 'tidak di bawah'} {alfa})",
        f"perubahan terkecil yang dapat dideteksi dengan jumlah responden ini (α = {alfa}, "
        f"daya {fmt.persen(100 * u['daya'], 0)}) adalah {_a(u['mdc'])} poin, "
        f"{'tidak lebih besar' if besar else 'lebih besar'} daripada perubahan yang teramati",
    ]
    nyata = [not selang_nol, u["signifikan"], besar]
    if all(nyata):
        simpul = "Ketiganya sepakat: perubahan ini nyata, bukan variasi acak pengambilan sampel."
    elif not any(nyata):
        simpul = (
            "Ketiganya sepakat: perubahan ini belum dapat dibedakan dari variasi acak "
            "pengambilan sampel."
        )
    elif nyata[0] and nyata[1]:
        simpul = (
            "Selang dan uji permutasi menunjukkan perubahan ini lebih besar daripada variasi "
            "acak, tetapi besarnya di bawah perubahan yang dapat dideteksi dengan andal; "
            "kesimpulan ini perlu dikonfirmasi dengan sampel yang lebih besar."
        )
    else:
        simpul = (
            "Ukuran-ukuran ini tidak sepakat, sehingga perubahan ini belum dapat dipastikan "
            "lebih besar daripada variasi acak pengambilan sampel."
        )
    return ["; ".join(bagian) + ".", simpul]


def batasan(kunci: str, segmen: str, tahun_lalu: int) -> str:
    """What the data do not allow, for one key of ``ikm_rinci`` ``batasan``."""
    teks = {
        "tanggal": "Data responden tidak memuat tanggal pengisian, sehingga kapan IKM berubah "
        "tidak dapat dinilai.",
        "komentar": 'Data responden tidak memuat komentar (kolom komentar atau "Saran dan '
        'masukan"), sehingga tema komentar tidak dapat disusun.',
        "responden_lalu": f"Rincian menurut {nama_kolom(segmen)} × unsur, uji permutasi dan "
        f"perubahan terkecil yang dapat dideteksi membutuhkan data per responden tahun "
        f"{tahun_lalu}, yang tidak tersedia.",
        "segmen": f"Kolom {nama_kolom(segmen)} tidak terisi pada data responden kedua tahun, "
        f"sehingga rincian {nama_kolom(segmen)} × unsur tidak dapat dihitung.",
    }
    return teks[kunci]


def kecukupan_sampel(k: Mapping[str, Any]) -> str:
    """The respondent count against the Krejcie–Morgan minimum
    (:func:`lkip.formulas.skm.kecukupan_sampel`), or why it cannot be judged."""
    n = fmt.angka(k["n_responden"], 0)
    if k["populasi"] is None:
        return (
            f"Jumlah responden {n}; kecukupan sampel tidak dapat dinilai karena jumlah pengguna "
            "layanan (populasi) tidak diketahui."
        )
    return (
        f"Jumlah responden {n} dari {fmt.angka(k['populasi'], 0)} pengguna layanan; sampel "
        f"minimal menurut tabel Krejcie–Morgan adalah {fmt.angka(k['minimal'], 0)}, sehingga "
        "sampel " + ("mencukupi." if k["cukup"] else "belum mencukupi.")
    )


def _tahun(tahun: list[int]) -> str:
    return " dan ".join(str(t) for t in tahun)


def _ikm_total(nilai: float, tingkat: str) -> str:
    """A total-only IKM is printed as given, without invented decimals."""
    return fmt.angka(nilai) if tingkat == "total" else _a(nilai)


def perubahan_total(ubah: Mapping[str, Any]) -> str:
    """This year's IKM, its mutu, and how far it moved from last year's."""
    kini = _ikm_total(ubah["ikm_kini"], ubah["tingkat_kini"])
    huruf, kinerja = ubah["mutu_kini"]
    if ubah["delta"] == 0:
        gerak = f"sama dengan IKM {ubah['tahun_lalu']}"
    else:
        arah = "turun" if ubah["delta"] < 0 else "naik"
        lalu = _ikm_total(ubah["ikm_lalu"], ubah["tingkat_lalu"])
        gerak = f"{arah} {_a(abs(ubah['delta']))} poin dari {lalu} pada {ubah['tahun_lalu']}"
    return f"IKM {ubah['tahun_kini']} sebesar {kini} (mutu {huruf}, {kinerja}) {gerak}."


def perubahan_unsur(tabel: pd.DataFrame) -> str:
    """The two unsur that lowered and the two that raised the IKM most (``kontribusi``), and
    any other printed at the same points as the second (:func:`_paling`)."""

    def daftar(baris: list[Any]) -> str:
        return ", ".join(f"{r.unsur} {r.nama} ({fmt.bertanda(r.kontribusi)} poin)" for r in baris)

    turun, naik = _paling(tabel, 2, turun=True), _paling(tabel, 2, turun=False)
    bagian = []
    if turun:
        bagian.append(f"yang paling menurunkan IKM adalah {daftar(turun)}")
    if naik:
        bagian.append(f"yang paling menaikkan IKM adalah {daftar(naik)}")
    if not bagian:
        return "Menurut unsur, tidak ada unsur yang nilainya berubah."
    return "Menurut unsur, " + "; ".join(bagian) + "."


def _paling(tabel: pd.DataFrame, banyak: int, turun: bool) -> list[Any]:
    """The ``banyak`` unsur that moved the IKM most one way, ranked by their points as printed
    (two decimals), with every other unsur printed at the same points as the last of them
    (:func:`_dengan_seri`), in unsur order. Exact values that print alike differ by
    floating-point noise at most (3,74 − 3,65 against 3,75 − 3,66): the noise chose which of
    three unsur at -0,25 the report named, and a reader saw the other two in the table beside
    it. An unsur printed at 0,00 moved nothing."""
    baris = [(bulatkan(r.kontribusi, 2), r.unsur, r) for r in tabel.itertuples()]
    arah = [b for b in baris if (b[0] < 0 if turun else b[0] > 0)]
    arah.sort(key=lambda b: (b[0] if turun else -b[0], b[1]))
    return [b[2] for b in _dengan_seri(arah, banyak, lambda b: b[0])]


def _dengan_seri(urut: list[T], banyak: int, nilai: Callable[[T], object]) -> list[T]:
    """The first ``banyak`` of ``urut`` (sorted, the most first) and every one after them whose
    ``nilai`` equals the last one's: a sentence naming "the most" names all that tie, as the
    table beside it shows them."""
    if len(urut) <= banyak:
        return urut
    batas = nilai(urut[banyak - 1])
    return [u for i, u in enumerate(urut) if i < banyak or nilai(u) == batas]


def perubahan_segmen(
    kolom: str, pecahan: Mapping[str, Any], tabel: pd.DataFrame, tahun_lalu: int, tahun_kini: int
) -> list[str]:
    """The Kitagawa split by one segment column (``pecahan``: komposisi, dalam, residu) and
    this year's IKM per group; ``tabel`` is that column's rows of the segment table."""
    nama = nama_kolom(kolom)
    teks = (
        f"Menurut {nama}, pergeseran komposisi responden menyumbang "
        f"{fmt.bertanda(pecahan['komposisi'])} poin dan perubahan nilai di dalam tiap kelompok "
        f"{fmt.bertanda(pecahan['dalam'])} poin"
    )
    if abs(pecahan["residu"]) >= 0.005:
        teks += (
            f"; sisanya {fmt.bertanda(pecahan['residu'])} poin timbul karena jumlah responden "
            "yang menjawab tiap unsur tidak sama"
        )
    kini = tabel[tabel["n_kini"] > 0]
    rincian = ", ".join(
        f"{r.segmen} {_a(r.ikm_kini)} ({fmt.persen(100 * r.s_kini, 1)} responden)"
        for r in kini.itertuples()
    )
    kalimat = [f"{teks}. IKM {tahun_kini} per {nama}: {rincian}."]
    # "lalu"/"kini", else empty: missing (None) as computed, "" as read back from processed
    for r in tabel[tabel["hanya_di"].isin(["lalu", "kini"])].itertuples():
        tahun = tahun_lalu if r.hanya_di == "lalu" else tahun_kini
        kalimat.append(
            f"Kelompok {nama} {r.segmen} hanya ada pada tahun {tahun}, sehingga seluruh "
            "sumbangannya dihitung sebagai pergeseran komposisi."
        )
    return kalimat


def perubahan_nyata(delta: float, selang: tuple[float, float] | list[float]) -> str:
    """Whether a change of ``delta`` IKM points is larger than sampling noise: it is when the
    95 % interval of the change leaves out zero."""
    bawah, atas = selang
    arah = "penurunan" if delta < 0 else "kenaikan"
    awal = (
        f"{LABEL_SELANG.capitalize()} untuk perubahan IKM sebesar {fmt.bertanda(delta)} poin "
        f"adalah {_a(bawah)} s.d. {_a(atas)} poin"
    )
    if bawah <= 0 <= atas:
        return (
            f"{awal} dan memuat nol, sehingga perubahan ini belum dapat dibedakan dari variasi "
            "acak pengambilan sampel: tidak dapat disimpulkan bahwa kepuasan masyarakat "
            "benar-benar berubah."
        )
    return (
        f"{awal} dan tidak memuat nol, sehingga {arah} ini lebih besar daripada variasi acak "
        "pengambilan sampel."
    )


def perubahan(ubah: Mapping[str, Any], tabel: Mapping[str, pd.DataFrame]) -> list[str]:
    """The conclusions about the change, in order: total, per unsur, per segment, against
    noise; each only where the stored values hold it. ``tabel`` holds the report's
    ``ikm_perubahan_unsur`` and ``ikm_segmen`` when they exist."""
    if "delta" not in ubah:
        return []
    lalu, kini = ubah["tahun_lalu"], ubah["tahun_kini"]
    kalimat = [perubahan_total(ubah)]
    if "ikm_perubahan_unsur" in tabel:
        kalimat.append(perubahan_unsur(tabel["ikm_perubahan_unsur"]))
    for kolom, pecahan in ubah["segmen"].items():
        seg = tabel["ikm_segmen"]
        kalimat += perubahan_segmen(kolom, pecahan, seg[seg["kolom"] == kolom], lalu, kini)
    if ubah["selang_delta"] is not None:
        kalimat.append(perubahan_nyata(ubah["delta"], ubah["selang_delta"]))
    return kalimat


def beda_total(c: Mapping[str, Any]) -> str:
    """The IKM computed from the data differs from the one typed in kinerja.csv
    (:func:`lkip.model.skm_tahun.beda_total`): say which one the change analysis uses."""
    sumber = "data responden" if c["tingkat"] == "responden" else "nilai rata-rata per unsur"
    return (
        f"IKM {c['tahun']} yang dihitung dari {sumber} ({_a(c['dihitung'])}) tidak "
        f"sama dengan realisasi yang tercatat di kinerja.csv ({fmt.angka(c['tercatat'])}); "
        f"analisis perubahan memakai nilai hasil hitungan dari {sumber}."
    )


def batasan_perubahan(b: Mapping[str, Any]) -> str:
    """What the two years' data do not allow, for one record of the change's ``batasan``."""
    kunci = b["kunci"]
    if kunci == "tanpa_ikm_lalu":
        return (
            f"IKM tahun {_tahun(b['tahun'])} tidak tersedia, sehingga perubahan IKM tidak "
            "dapat dihitung."
        )
    if kunci == "hanya_total":
        return f"IKM {_tahun(b['tahun'])} hanya tersedia sebagai nilai total."
    if kunci == "tanpa_nrr":
        return (
            "Rincian perubahan per unsur tidak dapat disimpulkan karena nilai rata-rata per "
            f"unsur (NRR) tahun {_tahun(b['tahun'])} tidak tersedia."
        )
    if kunci == "tanpa_responden":
        return (
            "Pengaruh pergeseran komposisi responden (misalnya kanal kertas/digital) dan "
            "apakah perubahan ini lebih besar daripada variasi acak pengambilan sampel tidak "
            f"dapat dinilai karena data per responden tahun {_tahun(b['tahun'])} tidak tersedia."
        )
    nama = nama_kolom(b["kolom"])
    if kunci == "segmen_kosong":
        return (
            f"Data {nama} tidak ada pada responden tahun {_tahun(b['tahun'])}; pengaruh "
            f"komposisi menurut {nama} tidak dapat dinilai."
        )
    if kunci == "segmen_gagal":
        return f"Rincian menurut {nama} tidak dapat dihitung: {b['pesan']}."
    raise KeyError(f"batasan perubahan IKM tidak dikenal: {kunci!r}")


def sumber_data(S: SumberSkm) -> str:
    """Which files the exploration read; synthetic sample data say so loudly."""
    nama = ", ".join(p.name for p in S.berkas) or "tidak ada berkas responden"
    if S.sintetis:
        return (
            f"DATA SINTETIS — bukan data asli. Analisis ini memakai contoh buatan program "
            f"({nama}); angkanya tidak menggambarkan responden sungguhan dan tidak boleh "
            "dikutip sebagai hasil survei."
        )
    return f"Sumber data: {S.folder} ({nama})."
