"""Typed schemas of the YAML inputs (``profil.yaml``, ``narasi.yaml``, ``skm_pemetaan.yaml``).

The notebooks index these files as the schemas below describe; a value of another shape would
pass a "key present" check and then fail inside a chapter or print a Python list in the report.
Models are strict (no silent conversion: ``20240122`` is not a date, ``123`` is not a text),
they only validate (callers keep the loaded dicts) and their failures are told like the
tables': file, line, key, value and what was expected, in Bahasa Indonesia.
"""

from __future__ import annotations

import datetime
import math
import types
import typing
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from lkip.core.errors import Masalah
from lkip.inputs.yaml_aman import Yaml

__all__ = ["Narasi", "Pemetaan", "Profil", "periksa_yaml"]


def _teks_wajib(v: Any) -> Any:
    if v is None or (isinstance(v, str) and not v.strip()):
        raise PydanticCustomError("wajib_diisi", "wajib diisi")
    return v


def _paragraf(v: Any) -> Any:
    """Prose: one text, or a list of texts (one per paragraph or list item)."""
    if isinstance(v, str) or (isinstance(v, list) and all(isinstance(p, str) for p in v)):
        return v
    raise PydanticCustomError(
        "paragraf", "harus berupa teks atau daftar teks (baris-baris diawali '- ')"
    )


def _daftar_teks(v: Any) -> Any:
    if isinstance(v, list) and all(isinstance(p, str) for p in v):
        return v
    raise PydanticCustomError("daftar_teks", "harus berupa daftar teks (baris-baris diawali '- ')")


def _tanggal(v: Any) -> Any:
    """A date as YAML reads 2024-01-22, or that text quoted; nothing else (not 20240122)."""
    _teks_wajib(v)
    if isinstance(v, datetime.date) and not isinstance(v, datetime.datetime):
        return v
    if isinstance(v, str):
        try:
            return datetime.date.fromisoformat(v.strip())
        except ValueError:
            pass
    raise PydanticCustomError("tanggal", "harus tanggal berformat YYYY-MM-DD, misalnya 2024-01-22")


def _angka(v: Any) -> Any:
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        raise PydanticCustomError("angka", "harus berupa angka, misalnya 91")
    return v


def _positif(v: Any) -> Any:
    if v is not None and _angka(v) <= 0:
        raise PydanticCustomError("positif", "harus angka positif (misalnya 120) atau null")
    return v


Teks = Annotated[str, BeforeValidator(_teks_wajib)]
Paragraf = Annotated[Any, AfterValidator(_paragraf)]
DaftarTeks = Annotated[Any, AfterValidator(_daftar_teks)]
Tanggal = Annotated[Any, AfterValidator(_tanggal)]
Angka = Annotated[Any, AfterValidator(_angka)]


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="allow")


class _Tertutup(_Model):
    """A part whose keys are all known: an unknown one is most likely a typo."""

    model_config = ConfigDict(strict=True, extra="forbid")


# --- profil.yaml ---------------------------------------------------------------------------


class Kepala(_Model):
    jabatan: Teks
    nama: Teks
    pangkat: Teks
    nip: Teks


class Penandatanganan(_Model):
    tempat: Teks
    tanggal: Tanggal


class BarisSkala(_Tertutup):
    batas_bawah: Angka | None = None
    label: Teks


def _bobot(v: Any) -> Any:
    if v is not None and str(v) not in ("eksak", "0.111"):
        raise PydanticCustomError("pilihan", "harus salah satu dari: eksak, 0.111")
    return v


class Konvensi(_Tertutup):
    capaian_turun: Literal["rasio", "selisih"] | None = None
    batas_capaian: Annotated[Any, AfterValidator(_positif)] = None
    bobot_ikm: Annotated[Any, AfterValidator(_bobot)] = None
    skala_capaian: list[BarisSkala] | None = None

    @model_validator(mode="after")
    def _skala_menurun(self) -> Konvensi:
        """Rows from the highest bound down, and exactly one catch-all row, written last."""
        skala = self.skala_capaian
        if not skala:
            return self
        batas = [b.batas_bawah for b in skala]
        tanpa = [i for i, b in enumerate(batas) if b is None]
        angka = [b for b in batas if b is not None]
        if tanpa != [len(batas) - 1] or angka != sorted(set(angka), reverse=True):
            raise PydanticCustomError(
                "skala",
                "skala_capaian harus ditulis dari batas_bawah tertinggi ke terendah tanpa batas "
                "kembar, diakhiri tepat satu baris tanpa batas_bawah (label untuk sisanya), "
                "misalnya {batas_bawah: 91, label: Sangat Tinggi} ... {label: Sangat Rendah}",
            )
        return self


def _bulat_positif(v: Any) -> Any:
    if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v <= 0):
        raise PydanticCustomError("bulat_positif", "harus bilangan bulat positif, misalnya 1500")
    return v


class SkmProfil(_Model):
    pengguna_layanan: Annotated[Any, AfterValidator(_bulat_positif)] = None


class Profil(_Model):
    instansi: Teks
    kabupaten: Teks
    alamat: Teks
    periode_renstra: Teks
    kepala: Kepala
    penandatanganan: Penandatanganan
    konvensi: Konvensi | None = None
    skm: SkmProfil | None = None
    motto: str | None = None
    media_sosial: str | None = None


# --- narasi.yaml ---------------------------------------------------------------------------


class TugasFungsi(_Model):
    unit: Teks
    tugas: str | None = None
    fungsi: DaftarTeks | None = None


class StrukturKinerja(_Model):
    jabatan: str | None = None
    kinerja: str | None = None
    indikator: str | None = None


class PenjelasanVisi(_Model):
    judul: Teks
    butir: DaftarTeks


class Visi(_Model):
    pernyataan: Teks
    penjelasan: list[PenjelasanVisi] = []


class Misi(_Model):
    misi: Teks
    tujuan: Teks


class Iku(_Model):
    kode: Teks
    formula: str | None = None
    unit_terkait: str | None = None
    sumber_data: str | None = None


class Analisis(_Model):
    uraian: DaftarTeks | None = None
    keberhasilan: DaftarTeks | None = None
    penurunan: DaftarTeks | None = None
    upaya: DaftarTeks | None = None
    program_pendukung: DaftarTeks | None = None


class Narasi(_Model):
    kata_pengantar: Paragraf
    ikhtisar: Paragraf
    latar_belakang: Paragraf
    landasan_hukum: Paragraf
    maksud: Paragraf
    tujuan_penyusunan: Paragraf
    isu_strategis: Paragraf
    upaya_isu_strategis: Paragraf
    tugas_fungsi: list[TugasFungsi]
    struktur_organisasi: Paragraf
    struktur_kinerja: list[StrukturKinerja]
    sistematika: Paragraf
    visi: Visi
    misi: list[Misi]
    peran_misi: Paragraf
    iku: list[Iku]
    analisis: dict[str, Analisis]
    analisis_penyebab: dict[str, DaftarTeks]
    anggaran_pengantar: Paragraf
    kesimpulan_pengantar: Paragraf
    keberhasilan_ikm: Paragraf
    saran: Paragraf
    rencana_tindak_lanjut: Paragraf
    lampiran: Paragraf
    pengantar: dict[str, Paragraf] = {}
    penutup: Paragraf | None = None


# --- skm_pemetaan.yaml -----------------------------------------------------------------------


def _skor(v: Any) -> Any:
    if isinstance(v, bool) or v not in (1, 2, 3, 4):
        raise PydanticCustomError("skor", "skor harus 1, 2, 3 atau 4")
    return v


class Pemetaan(_Tertutup):
    pertanyaan: dict[str, Teks] | None = None
    jawaban: dict[str, dict[str, Annotated[Any, AfterValidator(_skor)]]] | None = None


# --- problems --------------------------------------------------------------------------------

_PESAN = {
    "missing": "wajib diisi",
    "string_type": "harus berupa teks",
    "list_type": "harus berupa daftar (baris-baris diawali '- ')",
    "dict_type": "harus berupa pasangan kunci: nilai",
    "model_type": "harus berupa pasangan kunci: nilai",
    "model_attributes_type": "harus berupa pasangan kunci: nilai",
    "literal_error": "harus salah satu dari: {pilihan}",
    "extra_forbidden": "tidak dikenal (salah ketik?); kunci yang dikenal: {kunci}",
}


def _tanpa_pembungkus(jenis: Any) -> Any:
    """``X | None`` and ``Annotated[X, ...]`` as ``X``."""
    while True:
        asal = typing.get_origin(jenis)
        if asal is Annotated:
            jenis = typing.get_args(jenis)[0]
        elif asal in (typing.Union, types.UnionType):
            bukan_none = [a for a in typing.get_args(jenis) if a is not type(None)]
            if len(bukan_none) != 1:
                return jenis
            jenis = bukan_none[0]
        else:
            return jenis


def _jenis_di(model: type[BaseModel], jalur: tuple) -> Any:
    """The declared type at ``jalur`` inside ``model`` (for naming the keys expected there)."""
    jenis: Any = model
    for bagian in jalur:
        jenis = _tanpa_pembungkus(jenis)
        if isinstance(jenis, type) and issubclass(jenis, BaseModel):
            info = jenis.model_fields.get(str(bagian))
            if info is None:
                return None
            jenis = info.annotation
        elif typing.get_origin(jenis) is list:
            jenis = typing.get_args(jenis)[0]
        elif typing.get_origin(jenis) is dict:
            jenis = typing.get_args(jenis)[1]
        else:
            return None
    return _tanpa_pembungkus(jenis)


def _kunci_model(jenis: Any) -> str:
    if isinstance(jenis, type) and issubclass(jenis, BaseModel):
        return ", ".join(jenis.model_fields)
    return ""


def _tempat(jalur: tuple) -> str:
    """``("misi", 0, "tujuan")`` as the analyst reads it: ``"misi" butir ke-1, "tujuan"``."""
    bagian: list[str] = []
    kunci: list[str] = []
    for b in jalur:
        if isinstance(b, int):
            bagian.append(f'"{".".join(kunci)}" butir ke-{b + 1}')
            kunci = []
        else:
            kunci.append(str(b))
    if kunci:
        bagian.append(f'"{".".join(kunci)}"')
    return "kunci " + ", ".join(bagian) if bagian else "isi berkas"


def _nilai(v: Any) -> str | None:
    if isinstance(v, str | int | float | datetime.date) and not isinstance(v, bool):
        teks = str(v)
        return teks if len(teks) <= 80 else teks[:77] + "..."
    if isinstance(v, bool):
        return "true" if v else "false"
    return None


def _pesan(model: type[BaseModel], galat: dict, jalur: tuple) -> str:
    jenis = galat["type"]
    if jenis == "literal_error":
        pilihan = galat.get("ctx", {}).get("expected", "").replace("'", "").replace(" or ", ", ")
        return _PESAN[jenis].format(pilihan=pilihan)
    if jenis == "extra_forbidden":
        return _PESAN[jenis].format(kunci=_kunci_model(_jenis_di(model, jalur[:-1])))
    if jenis == "string_type" and galat.get("input") is None:
        return "wajib diisi"
    if jenis == "string_type" and isinstance(galat.get("input"), int | float):
        return "harus berupa teks; tulis di antara tanda kutip"
    if jenis in ("model_type", "model_attributes_type", "dict_type"):
        kunci = _kunci_model(_jenis_di(model, jalur))
        return _PESAN[jenis] + (f" dengan kunci: {kunci}" if kunci else "")
    if jenis in _PESAN:
        return _PESAN[jenis]
    return galat["msg"]  # our own PydanticCustomError messages are already Indonesian


def periksa_yaml(model: type[BaseModel], dokumen: Yaml, berkas: str) -> list[Masalah]:
    """Every way ``dokumen`` departs from ``model``, one :class:`Masalah` each, in file order."""
    try:
        model.model_validate(dokumen.isi)
    except ValidationError as err:
        masalah = []
        for galat in err.errors(include_url=False):
            jalur = tuple(b for b in galat["loc"] if b != "[key]")
            pesan = _pesan(model, galat, jalur)
            nilai = None if galat["type"] == "missing" else _nilai(galat.get("input"))
            baris = dokumen.baris_dari(jalur)
            masalah.append(Masalah(berkas, baris, None, nilai, f"{_tempat(jalur)} {pesan}"))
        return sorted(masalah, key=lambda m: m.baris or 0)
    return []
