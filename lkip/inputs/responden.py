"""Reading respondent-level Survei Kepuasan Masyarakat (SKM) data.

One row per respondent, in ``data/raw/<year>/skm_responden.csv`` (or ``.xlsx``), either as a
plain table (columns ``u1``..``u9`` holding 1-4) or as a Google Forms export as downloaded
(question text as header, questionnaire labels as answers). Agencies reword and reorder the
questions, so a question is matched to its unsur by content and an answer by its label within
that unsur (PermenPANRB 14/2017, lampiran). Anything that cannot be matched is reported with
file, spreadsheet line and column; nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from lkip.core.errors import DataTidakValid, Masalah
from lkip.formulas.ikm import UNSUR
from lkip.formulas.skm import KOLOM_UNSUR
from lkip.inputs.berkas_mentah import baris_tabel, label_berkas, susun_kolom, teks_sel
from lkip.inputs.kolom_skm import KOLOM_KOMENTAR, KOLOM_PROFIL, KOLOM_TANGGAL
from lkip.inputs.skema_yaml import Pemetaan, periksa_yaml
from lkip.inputs.yaml_aman import baca_yaml

__all__ = [
    "ABAIKAN",
    "KOLOM_KOMENTAR",
    "KOLOM_PROFIL",
    "KOLOM_TANGGAL",
    "KOLOM_UNSUR",
    "LABEL_JAWABAN",
    "baca_responden",
    "berkas_responden",
]

LABEL_JAWABAN: dict[str, tuple[str, str, str, str]] = {
    "U1": ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    "U2": ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    "U3": ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    "U4": ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    "U5": ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    "U6": ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    "U7": (
        "Tidak sopan dan ramah",
        "Kurang sopan dan ramah",
        "Sopan dan ramah",
        "Sangat sopan dan ramah",
    ),
    "U8": (
        "Tidak ada",
        "Ada tetapi tidak berfungsi",
        "Berfungsi kurang maksimal",
        "Dikelola dengan baik",
    ),
    "U9": ("Buruk", "Cukup", "Baik", "Sangat baik"),
}
"""Answer labels of the standard questionnaire, score 1 -> 4 (PermenPANRB 14/2017, lampiran).

U4 runs from "Sangat mahal" (1) to "Gratis" (4): the cheaper, the better.
"""

_KOLOM_LAIN = (KOLOM_TANGGAL, *KOLOM_PROFIL)
ABAIKAN = "abaikan"
"""Target in ``skm_pemetaan.yaml`` for a column to leave out."""
PEMISAH_KOMENTAR = " | "

_SINONIM_KANAL = {
    "kertas": "kertas",
    "manual": "kertas",
    "luring": "kertas",
    "digital": "digital",
    "online": "digital",
    "daring": "digital",
    "google form": "digital",
}

# Whole words (an optional Indonesian "-nya" allowed), so "saran" does not fire inside "sarana".
_KATA_KUNCI_UNSUR: dict[str, tuple[str, ...]] = {
    "U1": ("persyaratan", "syarat"),
    "U2": ("prosedur", "mekanisme", "alur"),
    "U3": ("waktu", "kecepatan", "cepat", "lama"),
    "U4": ("biaya", "tarif"),
    "U5": ("produk", "spesifikasi", "hasil pelayanan", "hasil layanan"),
    "U6": ("kompetensi", "kompeten", "kemampuan"),
    "U7": ("perilaku", "sopan", "kesopanan", "ramah", "keramahan"),
    "U8": ("pengaduan", "saran", "masukan"),
    "U9": ("sarana", "prasarana", "fasilitas"),
}
_KATA_KUNCI_PROFIL: dict[str, tuple[str, ...]] = {
    "jenis_kelamin": ("jenis kelamin", "kelamin", "gender"),
    "umur": ("umur", "usia"),
    "pendidikan": ("pendidikan",),
    "pekerjaan": ("pekerjaan", "profesi"),
    "jenis_layanan": ("jenis layanan", "jenis pelayanan", "layanan yang"),
    "kanal": ("kanal", "cara pengisian", "media pengisian"),
}
# Words of a header asking for free text. Such a column is a comment, never an unsur, unless
# the rest of its header names an unsur and its answers are on that unsur's scale (the standard
# U8 question "penanganan pengaduan, saran dan masukan").
_KATA_KUNCI_KOMENTAR = (
    "saran",
    "masukan",
    "kritik",
    "komentar",
    "usul",
    "usulan",
    "catatan",
    "keluhan",
    "harapan",
    "pesan",
    "kesan",
    "tanggapan",
)
# Headers recognised as a whole (after normalisation) before any keyword rule.
_KOLOM_TANGGAL = {"tanggal", "cap waktu", "timestamp"}
_KOLOM_METADATA = {
    "no",
    "nomor",
    "nama",
    "nama responden",
    "keterangan",
    "email",
    "alamat email",
    "email address",
    "skor",
    "score",
}
_ANGKA_JAWABAN = re.compile(r"^([1-4])(?:[.,]0+)?$")


def _normal(teks: object) -> str:
    """Lower case, trimmed, inner whitespace collapsed: the form in which labels are compared."""
    return " ".join(str(teks).split()).lower()


def _kata(teks: str) -> str:
    """A header reduced to words: punctuation and underscores become spaces ("Biaya/Tarif")."""
    return " ".join(re.sub(r"[\W_]+", " ", teks.lower()).split())


def _cocok(kata: str, kunci: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{re.escape(k)}(nya)?\b", kata) for k in kunci)


def _nama_unsur(kode: str) -> str:
    return dict(UNSUR)[kode]


def _tahun(path: Path) -> int | None:
    return int(path.parent.name) if re.fullmatch(r"\d{4}", path.parent.name) else None


def _baca_tabel(path: Path, berkas: str) -> tuple[pd.DataFrame | None, list[Masalah]]:
    """Every cell as text ("" when empty), headers as written, through the project's one
    input reader (CSV with ``,`` or ``;`` and an optional BOM, or a workbook)."""
    baris, masalah = baris_tabel(path, NAMA_BERKAS, berkas)
    if baris is None:
        return None, masalah
    judul, isi, salah = susun_kolom(baris, berkas, lambda j: " ".join(teks_sel(j).split()))
    tabel = pd.DataFrame(
        [[teks_sel(v) for v in r] for r in isi], columns=judul, dtype=object
    ).reset_index(drop=True)
    return tabel, masalah + salah


def _baca_pemetaan(path: Path) -> tuple[dict[str, str], dict[str, dict[str, int]], list[Masalah]]:
    """``skm_pemetaan.yaml``: ``pertanyaan`` (header -> U1..U9 | profile | komentar | abaikan)
    and ``jawaban`` (U1..U9 -> {label: 1-4}) for forms worded differently from the standard."""
    berkas = label_berkas(path)
    dokumen, masalah = baca_yaml(path, berkas)
    if dokumen is None:
        return {}, {}, masalah
    if dokumen.isi is None:
        return {}, {}, []
    masalah = periksa_yaml(Pemetaan, dokumen, berkas)
    isi = dokumen.isi
    if not isinstance(isi, dict):
        return {}, {}, masalah
    pertanyaan: dict[str, str] = {}
    jawaban: dict[str, dict[str, int]] = {}
    sah = {kode for kode, _ in UNSUR} | set(_KOLOM_LAIN) | {ABAIKAN, KOLOM_KOMENTAR}
    tanya = isi.get("pertanyaan")
    for kolom, tujuan in (tanya if isinstance(tanya, dict) else {}).items():
        t = str(tujuan).strip()
        t = t.upper() if t.upper() in dict(UNSUR) else t.lower()
        if t not in sah:
            pesan = "tujuan harus U1..U9, salah satu kolom profil, 'komentar' atau 'abaikan'"
            masalah.append(Masalah(berkas, None, f"pertanyaan: {kolom}", str(tujuan), pesan))
        pertanyaan[_normal(kolom)] = t
    jawab = isi.get("jawaban")
    for kode, label in (jawab if isinstance(jawab, dict) else {}).items():
        k = str(kode).strip().upper()
        if k not in dict(UNSUR) or not isinstance(label, dict):
            pesan = "harus U1..U9 berisi pemetaan label -> skor 1-4"
            masalah.append(Masalah(berkas, None, f"jawaban: {kode}", None, pesan))
            continue
        for teks, skor in label.items():
            if not isinstance(skor, bool) and skor in (1, 2, 3, 4):
                jawaban.setdefault(k, {})[_normal(teks)] = int(skor)
    return pertanyaan, jawaban, masalah


def _tanpa_kata(kata: str, kunci: tuple[str, ...]) -> str:
    for k in kunci:
        kata = re.sub(rf"\b{re.escape(k)}(nya)?\b", " ", kata)
    return " ".join(kata.split())


def _pada_skala(nilai: pd.Series, kode: str, tambahan: Mapping[str, int]) -> bool:
    """Whether a column has answers and every one is a score 1-4 or a label of ``kode``."""
    label = _skor_label(kode, tambahan)
    teks = [t for t in (_normal(v) for v in nilai.tolist()) if t]
    return bool(teks) and all(_ANGKA_JAWABAN.match(t) or t in label for t in teks)


def _tujuan_kolom(
    kolom: str,
    pemetaan: Mapping[str, str],
    nilai: pd.Series | None = None,
    jawaban: Mapping[str, Mapping[str, int]] | None = None,
) -> tuple[str | None, str | None]:
    """What a column holds (U1..U9, a profile column, ``komentar``, ``abaikan``) or why it
    cannot be told. A header asking for free text makes a comment column whatever unsur it
    mentions, unless the rest of the header names one unsur and ``nilai`` (the answers) are
    all on that unsur's scale."""
    normal = _normal(kolom)
    if normal in pemetaan:
        return pemetaan[normal], None
    if re.fullmatch(r"u[1-9]", normal):
        return normal.upper(), None
    kata = _kata(kolom)
    if normal in _KOLOM_TANGGAL or kata in _KOLOM_TANGGAL:
        return KOLOM_TANGGAL, None
    if kata in _KOLOM_METADATA:
        return ABAIKAN, None
    if kata.replace(" ", "_") in _KOLOM_LAIN:
        return kata.replace(" ", "_"), None
    if kata == KOLOM_KOMENTAR:
        return KOLOM_KOMENTAR, None
    if _cocok(kata, _KATA_KUNCI_KOMENTAR):
        sisa = _tanpa_kata(kata, _KATA_KUNCI_KOMENTAR)
        unsur = [kode for kode, kunci in _KATA_KUNCI_UNSUR.items() if _cocok(sisa, kunci)]
        tambahan = (jawaban or {}).get(unsur[0], {}) if len(unsur) == 1 else {}
        if len(unsur) == 1 and nilai is not None and _pada_skala(nilai, unsur[0], tambahan):
            return unsur[0], None
        return KOLOM_KOMENTAR, None
    unsur = [kode for kode, kunci in _KATA_KUNCI_UNSUR.items() if _cocok(kata, kunci)]
    if len(unsur) == 1:
        return unsur[0], None
    if len(unsur) > 1:
        return None, (
            f"pertanyaan cocok dengan lebih dari satu unsur ({', '.join(unsur)}); "
            "tetapkan unsurnya di skm_pemetaan.yaml (pertanyaan)"
        )
    profil = [nama for nama, kunci in _KATA_KUNCI_PROFIL.items() if _cocok(kata, kunci)]
    if len(profil) == 1:
        return profil[0], None
    return None, (
        "pertanyaan tidak cocok dengan unsur mana pun (U1..U9) maupun kolom profil; "
        "tetapkan di skm_pemetaan.yaml (pertanyaan: unsur, kolom profil, atau 'abaikan')"
    )


def _skor_label(kode: str, tambahan: Mapping[str, int]) -> dict[str, int]:
    return {_normal(label): i for i, label in enumerate(LABEL_JAWABAN[kode], start=1)} | dict(
        tambahan
    )


def _skor_jawaban(
    nilai: pd.Series, kode: str, tambahan: Mapping[str, int], berkas: str, kolom: str
) -> tuple[pd.Series, list[Masalah]]:
    """Scores 1-4 of one unsur's column: by whole label (case-insensitive) or by number."""
    label = _skor_label(kode, tambahan)
    diterima = ", ".join(f'"{t}"' for t in LABEL_JAWABAN[kode]) + ", atau angka 1–4"
    skor: list[float | None] = []
    masalah: list[Masalah] = []
    for i, mentah in enumerate(nilai.tolist()):
        teks = _normal(mentah)
        bilangan = _ANGKA_JAWABAN.match(teks)
        if not teks:
            skor.append(None)
        elif bilangan:
            skor.append(float(bilangan.group(1)))
        elif teks in label:
            skor.append(float(label[teks]))
        else:
            skor.append(None)
            pesan = (
                f"jawaban {kode} ({_nama_unsur(kode)}) tidak dikenali; yang diterima: {diterima}"
            )
            masalah.append(Masalah(berkas, i + 2, kolom, str(mentah).strip(), pesan))
    return pd.Series(skor, index=nilai.index, dtype="Float64"), masalah


def _kanal(nilai: pd.Series, berkas: str, kolom: str) -> tuple[pd.Series, list[Masalah]]:
    hasil: list[str | None] = []
    masalah: list[Masalah] = []
    for i, mentah in enumerate(nilai.tolist()):
        teks = _normal(mentah)
        if not teks:
            hasil.append(None)
        elif teks in _SINONIM_KANAL:
            hasil.append(_SINONIM_KANAL[teks])
        else:
            hasil.append(None)
            pesan = "kanal harus 'kertas' atau 'digital'"
            masalah.append(Masalah(berkas, i + 2, kolom, str(mentah).strip(), pesan))
    return pd.Series(hasil, index=nilai.index, dtype="string"), masalah


NAMA_BERKAS = "skm_responden"


def berkas_responden(folder: Path) -> Path | None:
    """A year's respondent file, ``skm_responden.csv`` or else ``.xlsx``, or None.

    When it exists it replaces ``skm_unsur.csv`` as the source of the IKM, so a loader that
    requires ``skm_unsur.csv`` for ``sumber = skm`` must accept this file instead.
    """
    for akhiran in (".csv", ".xlsx"):
        path = Path(folder) / f"{NAMA_BERKAS}{akhiran}"
        if path.exists() or path.is_symlink():  # a folder or bad link: the reader says so
            return path
    return None


def baca_responden(path: Path, pemetaan: Path | None = None) -> pd.DataFrame:
    """Respondents of one year as a tidy table: ``u1``..``u9`` (nullable floats, blank = not
    answered) plus whichever of ``KOLOM_PROFIL`` the file has.

    Free-text columns (suggestions, complaints) become one text column ``komentar``.
    ``pemetaan`` defaults to ``skm_pemetaan.yaml`` beside the file when that exists. Every
    unmatched question, duplicate or missing unsur and unrecognised answer is collected and
    raised together as :class:`~lkip.core.errors.DataTidakValid`. ``tanggal`` is kept as written:
    a Forms timestamp's day/month order depends on the sheet's locale and cannot be told apart.
    """
    path = Path(path)
    berkas = label_berkas(path)
    beside = path.parent / "skm_pemetaan.yaml"
    if pemetaan is None and (beside.exists() or beside.is_symlink()):
        pemetaan = beside
    peta_tanya: dict[str, str] = {}
    peta_jawab: dict[str, dict[str, int]] = {}
    masalah: list[Masalah] = []
    if pemetaan is not None:
        peta_tanya, peta_jawab, masalah = _baca_pemetaan(Path(pemetaan))
    tabel, salah = _baca_tabel(path, berkas)
    masalah += salah
    if tabel is None:
        raise DataTidakValid(_tahun(path), masalah)

    kolom_dari: dict[str, str] = {}
    komentar: list[str] = []
    for kolom in tabel.columns:
        tujuan, alasan = _tujuan_kolom(str(kolom), peta_tanya, tabel[kolom], peta_jawab)
        if alasan is not None:
            masalah.append(Masalah(berkas, 1, str(kolom), None, alasan))
        elif tujuan == KOLOM_KOMENTAR:
            komentar.append(str(kolom))
        elif tujuan == ABAIKAN or tujuan is None:
            continue
        elif tujuan in kolom_dari:
            pesan = f'{tujuan} sudah diambil dari kolom "{kolom_dari[tujuan]}"'
            masalah.append(Masalah(berkas, 1, str(kolom), None, pesan))
        else:
            kolom_dari[tujuan] = str(kolom)
    dikenal = {_normal(k) for k in tabel.columns}
    for kolom in peta_tanya:
        if kolom not in dikenal:
            pesan = "kolom dari skm_pemetaan.yaml tidak ada di berkas"
            masalah.append(Masalah(berkas, 1, kolom, None, pesan))
    for kode, nama in UNSUR:
        if kode not in kolom_dari:
            pesan = f"tidak ada kolom untuk unsur {kode} ({nama})"
            masalah.append(Masalah(berkas, None, None, None, pesan))

    hasil: dict[str, pd.Series] = {}
    for kode, _ in UNSUR:
        if kode in kolom_dari:
            kolom = kolom_dari[kode]
            skor, salah = _skor_jawaban(tabel[kolom], kode, peta_jawab.get(kode, {}), berkas, kolom)
            hasil[kode.lower()] = skor
            masalah.extend(salah)
    for nama in _KOLOM_LAIN:
        if nama not in kolom_dari:
            continue
        mentah = tabel[kolom_dari[nama]]
        if nama == "kanal":
            hasil[nama], salah = _kanal(mentah, berkas, kolom_dari[nama])
            masalah.extend(salah)
        else:
            teks = mentah.map(lambda v: " ".join(str(v).split()))
            hasil[nama] = teks.replace("", pd.NA).astype("string")
    if komentar:
        hasil[KOLOM_KOMENTAR] = _gabung_komentar(tabel[komentar])
    if masalah:
        raise DataTidakValid(_tahun(path), masalah)
    return pd.DataFrame(hasil, index=tabel.index).reset_index(drop=True)


def _gabung_komentar(kolom: pd.DataFrame) -> pd.Series:
    """Each respondent's free texts in one cell (NA when none was written)."""
    teks = kolom.map(lambda v: " ".join(str(v).split()))
    gabung = teks.apply(lambda r: PEMISAH_KOMENTAR.join(t for t in r if t), axis=1)
    return gabung.replace("", pd.NA).astype("string")
