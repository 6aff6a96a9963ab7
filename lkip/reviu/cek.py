"""Internal checks that need no printed figure: parts against totals, shares against their
parts, statuses against capaian; and checks of printed parts against printed totals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lkip.core import fmt
from lkip.core.numbers import bulatkan
from lkip.formulas import ikm as ikm_mod
from lkip.formulas.capaian import capaian as hitung_capaian
from lkip.model.laporan import Laporan
from lkip.reviu.banding import SESUAI, TIDAK_SESUAI, Hasil, _baris, _gabung, _selisih, banding_angka
from lkip.reviu.cetakan import Cetakan
from lkip.reviu.metrik import Metrik, _angka, _slug_program

LOKASI_INTERNAL = "Pemeriksaan internal (tanpa angka tercetak)"


def _cek_angka(
    metrik: str, lokasi: str, c: Cetakan, harapan: float, desimal: int, cetak: Callable, ket: str
) -> dict[str, str]:
    status, k = banding_angka(c.nilai, c.desimal, harapan, desimal)
    lebar = max(c.desimal, desimal)
    selisih = "" if status == SESUAI else _selisih(c.nilai, harapan, lebar)
    hasil = Hasil(cetak(harapan, lebar), selisih, status, _gabung(k, ket))
    return _baris(metrik, lokasi, cetak(c.nilai, c.desimal), hasil)


def _rp(x: Any, _desimal: int = 0) -> str:
    return fmt.angka(x, 0)


def _pct(x: Any, desimal: int = 2) -> str:
    return fmt.persen(x, desimal)


def cek_bagian(L: Laporan, per_lokasi: dict[str, dict[str, Cetakan]]) -> list[dict[str, str]]:
    """Printed shares, sisa and capaian against the printed parts in the same lokasi."""
    ind = L.kinerja.set_index("kode")
    rows = []
    for lokasi, angka in per_lokasi.items():
        for awal in sorted({i.rsplit(".", 1)[0] for i in angka}):
            g = {i.rsplit(".", 1)[1]: c for i, c in angka.items() if i.rsplit(".", 1)[0] == awal}
            if awal.startswith("anggaran.") and {"pagu", "realisasi"} <= g.keys():
                pagu, real = g["pagu"].nilai, g["realisasi"].nilai
                sisa = g["sisa"].nilai if "sisa" in g else pagu - real
                dari = f"dari angka tercetak: {_rp(real)} / {_rp(pagu)} × 100"
                if "serapan" in g and pagu:
                    rows.append(
                        _cek_angka(
                            f"cek.{awal}.serapan",
                            lokasi,
                            g["serapan"],
                            float(real / pagu * 100),
                            2,
                            _pct,
                            dari,
                        )
                    )
                if "sisa" in g:
                    rows.append(
                        _cek_angka(
                            f"cek.{awal}.sisa",
                            lokasi,
                            g["sisa"],
                            int(pagu - real),
                            0,
                            _rp,
                            f"dari angka tercetak: {_rp(pagu)} − {_rp(real)}",
                        )
                    )
                if "efisiensi" in g and pagu:
                    rows.append(
                        _cek_angka(
                            f"cek.{awal}.efisiensi",
                            lokasi,
                            g["efisiensi"],
                            float(sisa / pagu * 100),
                            2,
                            _pct,
                            f"dari angka tercetak: {_rp(sisa)} / {_rp(pagu)} × 100",
                        )
                    )
            kode = awal.split(".")[1] if awal.startswith("kinerja.") else None
            if kode is None or kode not in ind.index:
                continue
            r = ind.loc[kode]
            for t, c in (
                ("target", "capaian"),
                ("target_akhir", "capaian_akhir"),
                ("target_lalu", "capaian_lalu"),
            ):
                real = "realisasi_lalu" if t == "target_lalu" else "realisasi"
                if not {t, real, c} <= g.keys():
                    continue
                harapan = hitung_capaian(
                    float(g[t].nilai),
                    float(g[real].nilai),
                    r["polaritas"],
                    L.konvensi.capaian_turun,
                    L.konvensi.batas_capaian,
                )
                if harapan is None:
                    continue
                ket = (
                    f"dari angka tercetak: target {fmt.angka(g[t].nilai)}, realisasi "
                    f"{fmt.angka(g[real].nilai)} (polaritas {r['polaritas']}, konvensi "
                    f"{L.konvensi.capaian_turun})"
                )
                rows.append(_cek_angka(f"cek.{awal}.{c}", lokasi, g[c], harapan, 2, _pct, ket))
    return rows


def cek_jumlah(L: Laporan, per_lokasi: dict[str, dict[str, Cetakan]]) -> list[dict[str, str]]:
    """Printed parts (per sasaran, per program) summed against the total they should make."""
    total = L.tabel["anggaran_total"].iloc[0]
    sasaran = list(L.tabel["anggaran_sasaran"]["sasaran"])
    program = [_slug_program(p) for p in L.tabel["anggaran_program"]["program"]]
    sp = L.tabel["anggaran_sasaran_program"]
    per_sasaran = L.tabel["anggaran_sasaran"].set_index("sasaran")
    kelompok = [
        ("sasaran", [f"anggaran.sasaran.{k}" for k in sasaran], "anggaran.total", total),
        ("program", [f"anggaran.program.{p}" for p in program], "anggaran.total", total),
    ]
    for kode in sasaran:
        bagian = [
            f"anggaran.sasaran_program.{kode}.{_slug_program(p)}"
            for p in sp.loc[sp["sasaran"] == kode, "program"]
        ]
        kelompok.append(
            (f"sasaran_program.{kode}", bagian, f"anggaran.sasaran.{kode}", per_sasaran.loc[kode])
        )
    rows = []
    for lokasi, angka in per_lokasi.items():
        for nama, bagian, induk, hitung in kelompok:
            for f in ("pagu", "realisasi", "sisa"):
                ids = [f"{b}.{f}" for b in bagian]
                if len(ids) < 2 or not all(i in angka for i in ids):
                    continue
                jumlah = sum(angka[i].nilai for i in ids)
                tercetak = angka.get(f"{induk}.{f}")
                if tercetak is not None:
                    harapan, ket = int(tercetak.nilai), f"dibanding {induk}.{f} yang dicetak"
                else:
                    harapan, ket = int(hitung[f]), f"dibanding {induk}.{f} hasil perhitungan"
                ket = f"jumlah {len(ids)} angka {nama} yang dicetak, {ket}"
                rows.append(
                    _cek_angka(
                        f"jumlah.anggaran.{nama}.{f}",
                        lokasi,
                        Cetakan(jumlah, 0),
                        harapan,
                        0,
                        _rp,
                        ket,
                    )
                )
    return rows


def _cek_nilai(
    metrik: str, dari_bagian: float, tercatat: float, desimal: int, cetak: Callable, ket: str
) -> dict[str, str]:
    c = Cetakan(bulatkan(dari_bagian, desimal), desimal)
    return _cek_angka(metrik, LOKASI_INTERNAL, c, tercatat, desimal, cetak, ket)


def cek_internal(L: Laporan) -> list[dict[str, str]]:
    """Checks that need no printed figure: parts against totals, shares against their parts,
    statuses against capaian, IKM and IDM against their inputs. Always run."""
    rows = []
    total = L.tabel["anggaran_total"].iloc[0]
    for nama, tabel in (
        ("program", "anggaran_program"),
        ("sasaran", "anggaran_sasaran"),
        ("sasaran_program", "anggaran_sasaran_program"),
        ("sub_kegiatan", "anggaran_rinci"),
    ):
        t = L.tabel[tabel]
        for f in ("pagu", "realisasi"):
            rows.append(
                _cek_nilai(
                    f"cek.anggaran.{nama}.{f}",
                    int(t[f].sum()),
                    int(total[f]),
                    0,
                    _rp,
                    f"jumlah per {nama} dibanding total",
                )
            )
    tingkat = [("anggaran.total", L.tabel["anggaran_total"].iloc[0])]
    tingkat += [
        (f"anggaran.sasaran.{r['sasaran']}", r) for _, r in L.tabel["anggaran_sasaran"].iterrows()
    ]
    tingkat += [
        (f"anggaran.program.{_slug_program(r['program'])}", r)
        for _, r in L.tabel["anggaran_program"].iterrows()
    ]
    for awal, r in tingkat:
        pagu, real = int(r["pagu"]), int(r["realisasi"])
        rows.append(
            _cek_nilai(f"cek.{awal}.sisa", pagu - real, int(r["sisa"]), 0, _rp, "pagu − realisasi")
        )
        if pagu:
            rows.append(
                _cek_nilai(
                    f"cek.{awal}.serapan",
                    real / pagu * 100,
                    float(r["serapan"]),
                    2,
                    _pct,
                    "realisasi / pagu × 100",
                )
            )
            rows.append(
                _cek_nilai(
                    f"cek.{awal}.efisiensi",
                    (pagu - real) / pagu * 100,
                    float(r["efisiensi"]),
                    2,
                    _pct,
                    "sisa / pagu × 100",
                )
            )
    for _, r in L.kinerja.iterrows():
        t, real = _angka(r["target"]), _angka(r["realisasi"])
        c = hitung_capaian(
            t, real, r["polaritas"], L.konvensi.capaian_turun, L.konvensi.batas_capaian
        )
        if c is None or fmt.kosong(r["capaian"]):
            continue
        rows.append(
            _cek_nilai(
                f"cek.kinerja.{r['kode']}.capaian",
                c,
                float(r["capaian"]),
                2,
                _pct,
                f"capaian dihitung ulang dari target dan realisasi "
                f"(konvensi {L.konvensi.capaian_turun})",
            )
        )
        if not fmt.kosong(r["tercapai"]):
            m = Metrik(
                "", "status", bool(r["tercapai"]), "", pilihan=("tercapai", "belum tercapai")
            )
            kata = "tercapai" if c >= 100 else "belum tercapai"
            rows.append(
                _baris(
                    f"cek.kinerja.{r['kode']}.tercapai",
                    LOKASI_INTERNAL,
                    kata,
                    Hasil(
                        m.cetak(),
                        "",
                        SESUAI if kata == m.cetak() else TIDAK_SESUAI,
                        "status target dibanding capaian ≥ 100 %",
                    ),
                )
            )
    ikm = _angka(L.nilai.get("ikm"))
    unsur = L.tabel.get("skm_unsur")
    if ikm is not None and unsur is not None:
        dari = ikm_mod.ikm(unsur["nrr"].astype(float).tolist(), bobot=L.konvensi.bobot_ikm)
        rows.append(
            _cek_nilai(
                "cek.ikm.nilai",
                dari,
                ikm,
                2,
                fmt.angka,
                f"25 × rata-rata NRR (bobot {L.konvensi.bobot_ikm})",
            )
        )
    idm = L.tabel.get("idm")
    persen = _angka(L.nilai.get("persen_idm_meningkat"))
    if idm is not None and persen is not None:
        banding = idm[idm["meningkat"].notna()]
        dari = float(banding["meningkat"].astype(bool).sum()) / len(banding) * 100
        rows.append(
            _cek_nilai(
                "cek.idm.persen_meningkat",
                dari,
                persen,
                2,
                _pct,
                "desa meningkat / desa yang dibandingkan × 100",
            )
        )
        for _, r in L.kinerja[L.kinerja["sumber"] == "idm"].iterrows():
            rows.append(
                _cek_nilai(
                    f"cek.kinerja.{r['kode']}.realisasi",
                    persen,
                    float(r["realisasi"]),
                    2,
                    _pct,
                    "realisasi indikator dibanding persentase dari tabel desa",
                )
            )
    return rows
