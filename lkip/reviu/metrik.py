"""The registry of metrik: every figure a report prints, by its dotted id, with its computed value.

The ids are listed in the package docstring (``lkip.reviu``) and in ``data/README.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd

from lkip.core import fmt
from lkip.formulas import ikm as ikm_mod
from lkip.formulas.predikat import predikat_sakip
from lkip.model.laporan import Laporan, huruf_skala

_FIELD_ANGGARAN = ("pagu", "realisasi", "sisa", "serapan", "efisiensi")


_LABEL_ANGGARAN = {
    "pagu": "Pagu",
    "realisasi": "Realisasi anggaran",
    "sisa": "Sisa anggaran",
    "serapan": "Serapan",
    "efisiensi": "Tingkat efisiensi",
}


_LABEL_KINERJA = {
    "target": "Target",
    "realisasi": "Realisasi",
    "capaian": "Capaian",
    "target_akhir": "Target akhir Renstra/RPJMD",
    "capaian_akhir": "Capaian terhadap target akhir",
    "target_lalu": "Target tahun lalu",
    "realisasi_lalu": "Realisasi tahun lalu",
    "capaian_lalu": "Capaian tahun lalu",
}


@dataclass(frozen=True)
class Metrik:
    """One figure the pipeline computes, as the report would print it.

    ``jenis``: angka (a value, optionally with its letter ``huruf`` and unit ``satuan``),
    persen, rupiah, jumlah (a count), status (yes/no statement, worded by ``pilihan``),
    arah (meningkat/menurun/tetap), label (a word: mutu, status desa, predikat, a name),
    nama (a sasaran or indikator statement: agrees when one's words contain the other's),
    daftar (a list of names) or rumus (a formula "pembilang / penyebut"). ``desimal`` is the
    precision the report prints the value at.
    """

    id: str
    jenis: str
    nilai: Any
    uraian: str
    desimal: int = 2
    huruf: str | None = None
    satuan: str = ""
    pilihan: tuple[str, str] = ("ya", "tidak")

    @property
    def kosong(self) -> bool:
        return fmt.kosong(self.nilai) if not isinstance(self.nilai, tuple | list) else False

    def cetak(self, desimal: int | None = None) -> str:
        """The value formatted with the report's own functions (``lkip.core.fmt``), at the report's
        precision or at ``desimal`` when a printed figure shows more decimals."""
        v = self.nilai
        d = self.desimal if desimal is None else desimal
        if self.kosong:
            return fmt.KOSONG
        if self.jenis == "angka":
            if self.huruf:
                return fmt.dengan_huruf(self.huruf, v, d)
            return fmt.nilai(v, self.satuan, d)
        if self.jenis == "persen":
            return fmt.persen(v, d)
        if self.jenis in ("rupiah", "jumlah"):
            return fmt.angka(v, 0)
        if self.jenis == "status":
            return self.pilihan[0] if v else self.pilihan[1]
        if self.jenis == "daftar":
            return ", ".join(v)
        return str(v)


class MetrikTidakDikenal(KeyError):
    """A ``metrik`` id that names no figure of this report (or several)."""

    def __str__(self) -> str:
        return str(self.args[0])


def _kunci(teks: str) -> str:
    """A segment as matched: lower case, runs of anything but letters/digits become "_"."""
    return re.sub(r"[^0-9a-z]+", "_", str(teks).lower()).strip("_")


def _slug_program(nama: str) -> str:
    return _kunci(re.sub(r"^\s*program\s+", "", str(nama), flags=re.IGNORECASE))


class DaftarMetrik:
    """The metrik of one report, looked up the forgiving way analysts type them."""

    def __init__(self, metrik: Iterable[Metrik]) -> None:
        self._semua = {m.id: m for m in metrik}
        self._kunci = {tuple(_kunci(s) for s in i.split(".")): m for i, m in self._semua.items()}

    def __iter__(self) -> Iterator[Metrik]:
        return iter(self._semua.values())

    def __len__(self) -> int:
        return len(self._semua)

    def __getitem__(self, id_: str) -> Metrik:
        return self._semua[id_]

    def cari(self, id_: str) -> Metrik:
        """The metrik named ``id_``; a name segment may be a unique leading part of the name
        (whole words), and a program may be written with or without its word "Program"."""
        seg = tuple(re.sub(r"^program_", "", _kunci(s)) for s in str(id_).split("."))
        if seg in self._kunci:
            return self._kunci[seg]
        cocok = [
            m
            for k, m in self._kunci.items()
            if len(k) == len(seg)
            and all(a == b or (b and a.startswith(b + "_")) for a, b in zip(k, seg, strict=True))
        ]
        if len(cocok) == 1:
            return cocok[0]
        if cocok:
            daftar = ", ".join(m.id for m in cocok[:5])
            raise MetrikTidakDikenal(f"metrik ambigu, cocok dengan: {daftar}")
        if seg[0] == "sakip" and not any(k[0] == "sakip" for k in self._kunci):
            raise MetrikTidakDikenal(
                "metrik sakip.* butuh satu indikator bernilai SAKIP: isi kolom skala "
                "kinerja.csv dengan sakip pada indikator itu"
            )
        mirip = [m.id for k, m in self._kunci.items() if k[:2] == seg[:2]][:5]
        saran = f"; yang ada misalnya: {', '.join(mirip)}" if mirip else ""
        raise MetrikTidakDikenal(
            "metrik tidak dikenal (lihat daftar metrik di data/README.md)" + saran
        )


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) and v.strip() else None


def _angka(v: Any) -> float | None:
    return None if fmt.kosong(v) else float(v)


def _metrik_kinerja(L: Laporan) -> Iterator[Metrik]:
    k = L.kinerja
    yield Metrik(
        "kinerja.jumlah_sasaran",
        "jumlah",
        int(k.loc[k["tingkat"] == "sasaran", "sasaran"].nunique()),
        "Jumlah sasaran strategis",
        0,
    )
    yield Metrik(
        "kinerja.jumlah_indikator",
        "jumlah",
        int((k["tingkat"] == "sasaran").sum()),
        "Jumlah indikator sasaran",
        0,
    )
    for _, r in k.iterrows():
        kode, skala, satuan = r["kode"], _str(r.get("skala")), str(r["satuan"])
        nama = f"{kode} ({r['indikator']})"
        yield Metrik(
            f"kinerja.{kode}.sasaran", "nama", r["sasaran"], f"Pernyataan {r['tingkat']} {kode}"
        )
        yield Metrik(f"kinerja.{kode}.indikator", "nama", r["indikator"], f"Indikator {kode}")
        for f in ("target", "realisasi", "target_akhir", "target_lalu", "realisasi_lalu"):
            v = _angka(r.get(f))
            yield Metrik(
                f"kinerja.{kode}.{f}",
                "angka",
                v,
                f"{_LABEL_KINERJA[f]} {nama}",
                huruf=huruf_skala(skala, v),
                satuan=satuan,
            )
        for f in ("capaian", "capaian_akhir", "capaian_lalu"):
            yield Metrik(
                f"kinerja.{kode}.{f}", "persen", _angka(r.get(f)), f"{_LABEL_KINERJA[f]} {nama}"
            )
        c = _angka(r.get("capaian"))
        yield Metrik(
            f"kinerja.{kode}.capaian_lebih",
            "persen",
            None if c is None else c - 100,
            f"Capaian {nama} di atas 100 %",
        )
        t = r.get("tercapai")
        yield Metrik(
            f"kinerja.{kode}.tercapai",
            "status",
            None if fmt.kosong(t) else bool(t),
            f"Pernyataan target {nama} tercapai",
            pilihan=("tercapai", "belum tercapai"),
        )
        kini, lalu = _angka(r.get("realisasi")), _angka(r.get("realisasi_lalu"))
        arah = None
        if kini is not None and lalu is not None:
            arah = "meningkat" if kini > lalu else "menurun" if kini < lalu else "tetap"
        yield Metrik(
            f"kinerja.{kode}.arah", "arah", arah, f"Arah realisasi {nama} dibanding tahun lalu"
        )
        if skala == "sakip":
            v = _angka(r.get("realisasi"))
            p = None if v is None else predikat_sakip(v)
            yield Metrik("sakip.nilai", "angka", v, "Nilai SAKIP", huruf=p and p.huruf)
            yield Metrik("sakip.predikat", "label", p and p.huruf, "Predikat SAKIP")
            yield Metrik(
                "sakip.interpretasi", "label", p and p.interpretasi, "Interpretasi predikat SAKIP"
            )


def _metrik_ikm(L: Laporan) -> Iterator[Metrik]:
    nilai = _angka(L.nilai.get("ikm"))
    if nilai is not None:
        m = ikm_mod.mutu(nilai)
        yield Metrik("ikm.nilai", "angka", nilai, "Nilai IKM", huruf=m.huruf)
        yield Metrik("ikm.mutu", "label", m.huruf, "Mutu pelayanan (IKM)")
        yield Metrik("ikm.kinerja", "label", m.kinerja, "Kinerja unit pelayanan (IKM)")
    unsur = L.tabel.get("skm_unsur")
    if unsur is None:
        return
    for _, r in unsur.iterrows():
        u, nama = r["unsur"], f"{r['unsur']} {r['nama']}"
        yield Metrik(f"ikm.{u}.nrr", "angka", float(r["nrr"]), f"NRR {nama}")
        yield Metrik(f"ikm.{u}.peringkat", "jumlah", int(r["peringkat"]), f"Peringkat {nama}", 0)
        yield Metrik(f"ikm.{u}.mutu", "label", r["mutu"], f"Mutu {nama}")
        yield Metrik(f"ikm.{u}.kinerja", "label", r["kinerja"], f"Kinerja {nama}")


def _metrik_idm(L: Laporan) -> Iterator[Metrik]:
    d = L.tabel.get("idm")
    if d is None:
        return
    for _, r in d.iterrows():
        desa = str(r["desa"])
        slug = re.sub(r"[^0-9A-Za-z]+", "_", desa).strip("_")  # "Weringin_Anom"
        for f, label in (("skor_lalu", "Skor IDM tahun lalu"), ("skor_kini", "Skor IDM")):
            yield Metrik(f"idm.{slug}.{f}", "angka", _angka(r[f]), f"{label} Desa {desa}", 4)
        for f, label in (("status_lalu", "Status desa tahun lalu"), ("status_kini", "Status")):
            yield Metrik(f"idm.{slug}.{f}", "label", _str(r[f]), f"{label} Desa {desa}")
        naik = r["meningkat"]
        yield Metrik(
            f"idm.{slug}.meningkat",
            "status",
            None if fmt.kosong(naik) else bool(naik),
            f"IDM Desa {desa} meningkat",
            pilihan=("meningkat", "tidak meningkat"),
        )
    banding = d[d["meningkat"].notna()]
    naik = banding["meningkat"].astype(bool)
    yield Metrik(
        "idm.persen_meningkat",
        "persen",
        _angka(L.nilai.get("persen_idm_meningkat")),
        "Persentase desa yang meningkat IDM-nya",
    )
    yield Metrik("idm.jumlah_desa", "jumlah", len(banding), "Jumlah desa yang dibandingkan", 0)
    yield Metrik("idm.jumlah_meningkat", "jumlah", int(naik.sum()), "Jumlah desa meningkat", 0)
    berubah = banding[banding["status_lalu"] != banding["status_kini"]]
    yield Metrik(
        "idm.berubah_status", "daftar", tuple(berubah["desa"]), "Desa yang berubah status IDM"
    )


def _metrik_baris_anggaran(awal: str, nama: str, r: pd.Series) -> Iterator[Metrik]:
    for f in _FIELD_ANGGARAN:
        jenis = "persen" if f in ("serapan", "efisiensi") else "rupiah"
        desimal = 2 if jenis == "persen" else 0
        yield Metrik(
            f"{awal}.{f}",
            jenis,
            _angka(r[f]) if jenis == "persen" else int(r[f]),
            f"{_LABEL_ANGGARAN[f]} {nama}",
            desimal,
        )


def _metrik_anggaran(L: Laporan) -> Iterator[Metrik]:
    total = L.tabel["anggaran_total"].iloc[0]
    yield from _metrik_baris_anggaran("anggaran.total", "seluruhnya", total)
    tercapai = L.kinerja.set_index("kode")["tercapai"]
    for _, r in L.tabel["anggaran_sasaran"].iterrows():
        kode = r["sasaran"]
        yield from _metrik_baris_anggaran(f"anggaran.sasaran.{kode}", f"sasaran {kode}", r)
        if kode in tercapai.index and not fmt.kosong(tercapai[kode]):
            efisien = bool(tercapai[kode]) and float(r["sisa"]) > 0
            yield Metrik(
                f"anggaran.sasaran.{kode}.efisien",
                "status",
                efisien,
                f"Pernyataan anggaran sasaran {kode} efisien",
                pilihan=("efisien", "tidak efisien"),
            )
    program = L.tabel["anggaran_program"]
    for _, r in program.iterrows():
        slug = _slug_program(r["program"])
        yield from _metrik_baris_anggaran(f"anggaran.program.{slug}", str(r["program"]), r)
    for _, r in L.tabel["anggaran_sasaran_program"].iterrows():
        awal = f"anggaran.sasaran_program.{r['sasaran']}.{_slug_program(r['program'])}"
        yield from _metrik_baris_anggaran(awal, f"{r['program']} pada sasaran {r['sasaran']}", r)
    yield Metrik("anggaran.jumlah_program", "jumlah", len(program), "Jumlah program", 0)


def _metrik_teks(L: Laporan) -> Iterator[Metrik]:
    for kunci in ("instansi", "kabupaten"):
        if _str(L.profil.get(kunci)):
            yield Metrik(f"teks.{kunci}", "nama", L.profil[kunci], f"Nama {kunci}")
    for iku in L.narasi.get("iku") or []:
        if _str(iku.get("formula")) and _str(iku.get("kode")):
            yield Metrik(
                f"iku.{iku['kode']}.formula",
                "rumus",
                " ".join(iku["formula"].split()),
                f"Formula IKU {iku['kode']}",
            )


def daftar_metrik(L: Laporan) -> DaftarMetrik:
    """Every figure of ``L`` that a printed report can be checked against."""
    return DaftarMetrik(
        m
        for sumber in (_metrik_kinerja, _metrik_ikm, _metrik_idm, _metrik_anggaran, _metrik_teks)
        for m in sumber(L)
    )
