"""Every office at once: the batch, a failing office, the second kecamatan, the recap.

One session render (``kabupaten``) of three offices: Panarukan, the differently shaped
Mlandingan (tests/kecamatan_kedua.py) and an office whose kinerja.csv is broken.
"""

from __future__ import annotations

import csv
import functools
import http.server
import os
import re
import shutil
import threading
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from lkip.build import kernel, rekap_keluaran
from lkip.build.batch import HasilInstansi, render_semua, tabel_hasil
from lkip.build.bundle import periksa_bundel
from lkip.build.portal import tulis_portal
from lkip.build.rekap_keluaran import HasilRekap, tulis_rekap
from lkip.cli import KELUAR_BATCH, main
from lkip.core import fmt
from lkip.presentation.rekap_tampil import tabel_perubahan, tabel_rekap
from lkip.rekap import Rekap
from tests import kecamatan_kedua
from tests.conftest import SHIPPED_RAW, chromium

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Kabupaten:
    root: Path
    hasil: dict[str, HasilInstansi]
    rekap: HasilRekap
    portal: Path
    kernel_dimulai: int  # chapter kernels the batch started


def siapkan_root(root: Path) -> Path:
    """Panarukan (its IKM indicator given kode_iku IKU-KEC-01), Mlandingan and a broken copy."""
    panarukan = root / "data" / "raw" / "panarukan"
    shutil.copytree(SHIPPED_RAW, panarukan)
    kinerja = panarukan / "2023" / "kinerja.csv"
    with kinerja.open(encoding="utf-8", newline="") as f:
        baris = list(csv.reader(f))
    baris[0].append("kode_iku")
    for b in baris[1:]:
        b.append("IKU-KEC-01" if b[0] == "T1" else "")
    with kinerja.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(baris)
    kecamatan_kedua.buat(root)
    return root


@pytest.fixture(scope="session")
def kabupaten(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kabupaten]:
    root = siapkan_root(tmp_path_factory.mktemp("kabupaten"))
    rusak = root / "data" / "raw" / "rusak"
    shutil.copytree(SHIPPED_RAW, rusak)
    kinerja = rusak / "2023" / "kinerja.csv"
    kinerja.write_text(kinerja.read_text().replace(",10,8,10,manual,", ",10,delapan,10,manual,"))
    lama = os.environ.get("LKIP_CACHE")
    os.environ["LKIP_CACHE"] = str(root / ".cache")
    dimulai = []
    mulai_asli = kernel._mulai

    def mulai(env: dict[str, str], impor: str) -> object:
        dimulai.append(env)
        return mulai_asli(env, impor)

    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(kernel, "_mulai", mulai)
            hasil = render_semua(2023, root, paralel=2, lapor=lambda _: None)
        yield Kabupaten(
            root=root,
            hasil={h.instansi: h for h in hasil},
            rekap=tulis_rekap(2023, root),
            portal=tulis_portal(root),
            kernel_dimulai=len(dimulai),
        )
    finally:
        if lama is None:
            os.environ.pop("LKIP_CACHE", None)
        else:
            os.environ["LKIP_CACHE"] = lama


def _html(k: Kabupaten, instansi: str) -> str:
    path = k.root / "outputs" / instansi / "2023" / "lkip-2023.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ")


def test_one_bad_office_does_not_stop_the_others(kabupaten: Kabupaten) -> None:
    h = kabupaten.hasil
    assert list(h) == ["mlandingan", "panarukan", "rusak"]
    assert h["panarukan"].berhasil and h["mlandingan"].berhasil
    assert h["panarukan"].keterangan == "outputs/panarukan/2023"
    assert not h["rusak"].berhasil
    assert 'kolom "realisasi"' in h["rusak"].keterangan and "delapan" in h["rusak"].keterangan
    assert not (kabupaten.root / "outputs" / "rusak" / "2023").exists()
    teks = tabel_hasil(list(h.values()))
    assert re.search(r"^rusak\s+GAGAL\s+\d+\.\d dtk\s+Data tahun 2023 belum bisa", teks, re.M)
    assert re.search(r"^panarukan\s+berhasil\s+\d+\.\d dtk\s+outputs/panarukan/2023$", teks, re.M)
    assert teks.endswith("2 dari 3 instansi berhasil.")


def test_each_rendered_office_has_a_bundle_that_verifies(kabupaten: Kabupaten) -> None:
    """Written in one of the batch's kernels, for the office whose outputs it zips."""
    for instansi in ("panarukan", "mlandingan"):
        path = kabupaten.root / "outputs" / instansi / "lkip-2023-bundel.zip"
        hasil = periksa_bundel(path)
        assert hasil.valid, hasil.masalah
        with zipfile.ZipFile(path) as zf:
            laporan = zf.read("lkip-2023/lkip-2023.html").decode("utf-8")
        assert laporan == (path.parent / "2023" / "lkip-2023.html").read_text(encoding="utf-8")
    assert not (kabupaten.root / "outputs" / "rusak" / "lkip-2023-bundel.zip").exists()


def test_the_offices_share_one_pool_of_kernels(kabupaten: Kabupaten) -> None:
    """Two offices rendered, 16 chapters: one kernel per core for the whole batch."""
    assert sum(h.berhasil for h in kabupaten.hasil.values()) == 2
    assert kabupaten.kernel_dimulai == os.cpu_count()


def test_report_all_command_exits_non_zero_prints_the_table_and_writes_the_recap_in_a_kernel(
    kabupaten: Kabupaten, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LKIP_ROOT", str(kabupaten.root))
    monkeypatch.setenv("LKIP_CACHE", str(kabupaten.root / ".cache"))  # all served from cache
    html, pdf = kabupaten.rekap.html, kabupaten.rekap.pdf
    dari_proses_ini = html.read_bytes()  # the fixture wrote it here
    html.unlink()

    def tulis_rekap(*_: object) -> None:  # the name the kernel is given
        raise AssertionError("the batch's recap is written in one of its kernels")

    monkeypatch.setattr(rekap_keluaran, "tulis_rekap", tulis_rekap)
    assert main(["report-all", "--year", "2023"]) == KELUAR_BATCH
    out = capsys.readouterr().out
    assert "Instansi" in out and "2 dari 3 instansi berhasil." in out
    assert "Galat rusak:" in out and "delapan" in out
    assert f"Rekap 2023 selesai:\n  {html}\n  {pdf}\n" in out
    assert html.read_bytes() == dari_proses_ini


def test_the_second_kecamatan_renders_its_own_structure(kabupaten: Kabupaten) -> None:
    teks = _html(kabupaten, "mlandingan")
    assert "Kecamatan Mlandingan" in teks and "Panarukan" not in teks
    for indikator in ("Rata-rata lama penerbitan rekomendasi", "Jumlah musrenbang desa"):
        assert indikator in teks
    # lower is better and missed: 10 days targeted, 14 taken -> capaian 10 / 14 = 71,43 %
    assert "71,43 %" in teks
    assert "Selomukti" in teks and "Paowan" not in teks
    assert "Fasilitasi Musrenbang Desa" in teks
    pdf = "".join(p.extract_text() for p in PdfReader(
        kabupaten.root / "outputs" / "mlandingan" / "2023" / "lkip-2023.pdf").pages)  # fmt: skip
    assert "Kecamatan Mlandingan" in pdf


def _rekap(k: Kabupaten) -> Rekap:
    return k.rekap.rekap


def test_recap_figures_worked_out_by_hand(kabupaten: Kabupaten) -> None:
    per = {b.instansi: b for b in _rekap(kabupaten).baris}
    m = per["mlandingan"].kini
    # IKM = 25 × mean(NRR) = 25 × 28,15 / 9 = 78,19..., mutu B (76,61–88,30)
    assert m.ikm == pytest.approx(25 * 28.15 / 9) and m.mutu_ikm == "B"
    assert m.sakip == 76.5 and m.predikat_sakip == "BB"  # 70 < 76,5 ≤ 80
    assert m.persen_idm == 60.0  # Kulon, Sumber Anyar, Campoan rose; Wetan, Selomukti fell
    assert m.pagu == 1_760_000_000 and m.realisasi == 1_681_915_432
    assert m.serapan == pytest.approx(100 * 1_681_915_432 / 1_760_000_000)
    assert (m.tercapai, m.jumlah_indikator) == (4, 6)  # T1 78,19 < 80 and S1 14 > 10 missed
    assert m.temuan_reviu is None and "dilaporkan.csv" in m.alasan["temuan_reviu"]
    p = per["panarukan"].kini
    assert (p.tercapai, p.jumlah_indikator, p.predikat_sakip) == (3, 4, "A")
    assert p.temuan_reviu is not None and p.temuan_reviu > 0
    assert per["rusak"].kini is None and "belum valid" in per["rusak"].alasan_kini


def test_every_recap_figure_is_what_the_office_report_prints(kabupaten: Kabupaten) -> None:
    rekap = _rekap(kabupaten)
    tabel = tabel_rekap(rekap).set_index("Instansi")
    for r in rekap.ada:
        laporan = _html(kabupaten, r.instansi)
        dicetak = [
            fmt.angka(r.ikm, 2),
            fmt.angka(r.sakip),
            fmt.persen(r.persen_idm),
            fmt.rupiah(r.pagu),
            fmt.rupiah(r.realisasi),
            fmt.persen(r.serapan),
        ]
        for angka in dicetak:
            assert angka in laporan, (r.instansi, angka)
        baris = " ".join(tabel.loc[r.nama])
        for angka in dicetak:
            assert angka in baris, (r.instansi, angka)
    mlandingan = tabel.loc["Kecamatan Mlandingan"]
    assert mlandingan["IKM (mutu)"] == "78,19 (B)"
    assert mlandingan["Pagu"] == "Rp 1.760.000.000" and mlandingan["Serapan"] == "95,56 %"
    assert mlandingan["Indikator tercapai"] == "4 dari 6" and mlandingan["Temuan reviu"] == "–"
    assert tabel.loc["rusak"].tolist().count("–") == 8


def test_recap_document_says_why_a_figure_is_missing(kabupaten: Kabupaten) -> None:
    html = kabupaten.rekap.html.read_text(encoding="utf-8")
    teks = BeautifulSoup(html, "html.parser").get_text(" ")
    assert "REKAPITULASI LKIP TAHUN 2023" in teks
    assert "rusak: semua angka kosong karena data tahun 2023 belum valid" in teks
    assert "Kecamatan Mlandingan, Temuan reviu: tidak ada dilaporkan.csv" in teks
    # IKM, serapan, then each indicator two offices share (test_change_from_last_year_...)
    assert html.count('src="data:image/svg+xml;base64,') == 2 + 2
    assert not re.search(r'(src|href)="(?!data:|#)', html)  # nothing fetched
    pdf = "".join(p.extract_text() for p in PdfReader(kabupaten.rekap.pdf).pages)
    assert "REKAPITULASI LKIP TAHUN 2023" in pdf and "Kecamatan Mlandingan" in pdf


def test_change_from_last_year_and_shared_indicators(kabupaten: Kabupaten) -> None:
    rekap = _rekap(kabupaten)
    df, catatan = tabel_perubahan(rekap)
    m = df[(df["Instansi"] == "Kecamatan Mlandingan")].set_index("Angka")
    assert m.loc["Nilai SAKIP", "2022"] == "74,10" or m.loc["Nilai SAKIP", "2022"] == "74,1"
    assert m.loc["Nilai SAKIP", "Perubahan (poin)"] == "+2,4"  # 76,5 - 74,1
    assert m.loc["Serapan", "2022"] == "–"
    (serapan,) = [c for c in catatan if c.startswith("Serapan 2022")]  # one line, every office
    assert "Kecamatan Mlandingan" in serapan
    assert serapan.endswith("): data tahun 2022 hanya data riwayat, tanpa laporan.")
    bersama = rekap.indikator_bersama()
    assert set(bersama) == {
        "kode_iku:IKU-KEC-01",
        "indikator:Capaian Nilai SAKIP Perangkat Daerah",
    }
    assert set(bersama["kode_iku:IKU-KEC-01"]) == {"panarukan", "mlandingan"}


# --- the portal, in a real browser ---------------------------------------------------------



@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    driver = chromium(tmp_path_factory.mktemp("chromium"))
    driver.set_window_size(390, 844)  # a phone
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def server(kabupaten: Kabupaten) -> Iterator[str]:
    """Any static web server: Python's, serving outputs/."""
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(kabupaten.root / "outputs")
    )
    handler.log_message = lambda *_: None  # type: ignore[attr-defined]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    benang = threading.Thread(target=httpd.serve_forever, daemon=True)
    benang.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def _tautan(driver: Any) -> list[str]:
    from selenium.webdriver.common.by import By

    return [a.get_property("href") for a in driver.find_elements(By.CSS_SELECTOR, "a[href]")]


def _dimuat(driver: Any) -> list[str]:
    """Every resource the page loaded after the document itself."""
    return driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )


def test_portal_links_every_office_year_and_recap(kabupaten: Kabupaten) -> None:
    html = kabupaten.portal.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    href = [a["href"] for a in soup.find_all("a")]
    for instansi in ("panarukan", "mlandingan"):
        folder = f"{instansi}/2023"
        assert f"{folder}/lkip-2023.html" in href and f"{folder}/lkip-2023.pdf" in href
        assert f"{folder}/reviu.csv" in href and f"{instansi}/lkip-2023-bundel.zip" in href
        assert f"{folder}/notebooks/03_capaian_kinerja.ipynb" in href
    assert "rekap/2023/rekap-2023.html" in href and "rekap/2023/rekap-2023.pdf" in href
    assert not any(h.startswith("rusak/") for h in href)  # no outputs: nothing to link
    assert not soup.find_all(["script", "img", "iframe"])
    assert [t["href"] for t in soup.find_all("link")] == ["data:,"]  # no favicon fetched


def test_portal_opened_from_a_folder(kabupaten: Kabupaten, browser: Any) -> None:
    browser.get(kabupaten.portal.as_uri())
    assert "Portal LKIP Kabupaten Situbondo" in browser.title
    tautan = _tautan(browser)
    assert len(tautan) >= 2 * 12 + 2
    for url in tautan:
        assert url.startswith("file://"), url
        assert Path(urllib.parse.unquote(urllib.parse.urlparse(url).path)).is_file(), url
    assert _dimuat(browser) == []
    # reads on a phone: nothing wider than the 390 px screen, text at a readable size
    lebar = browser.execute_script("return document.documentElement.scrollWidth")
    assert lebar <= browser.execute_script("return window.innerWidth")
    ukuran = browser.execute_script(
        "return parseFloat(getComputedStyle(document.querySelector('a')).fontSize)"
    )
    assert ukuran >= 14


def test_portal_served_by_a_static_server(
    kabupaten: Kabupaten, browser: Any, server: str
) -> None:
    browser.get(f"{server}/index.html")
    tautan = _tautan(browser)
    assert tautan and all(u.startswith(server + "/") for u in tautan)
    for url in tautan:
        with urllib.request.urlopen(url) as jawab:
            assert jawab.status == 200, url
    assert _dimuat(browser) == []
    rekap = next(u for u in tautan if u.endswith("rekap-2023.html"))
    browser.get(rekap)
    assert "Rekapitulasi" in browser.title
    assert all(u.startswith(("data:", server + "/")) for u in _dimuat(browser))


# --- Dask --------------------------------------------------------------------------------


def _tanpa_waktu(html: str) -> str:
    """The report without its render time (charts are byte-stable: they stay)."""
    return re.sub(r"\d{4}-\d\d-\d\dT[\d:.]+\S*", "", html)


def test_dask_cluster_renders_the_same_outputs(
    kabupaten: Kabupaten, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from distributed import LocalCluster

    root = tmp_path / "dask"
    for instansi in ("panarukan", "mlandingan"):
        sumber = kabupaten.root / "data" / "raw" / instansi
        shutil.copytree(sumber, root / "data" / "raw" / instansi)
    monkeypatch.setenv("LKIP_CACHE", str(tmp_path / "cache"))  # rendered afresh, not restored
    pesan: list[str] = []
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        hasil = render_semua(2023, root, dask=cluster.scheduler_address, lapor=pesan.append)
    assert [(h.instansi, h.berhasil) for h in hasil] == [("mlandingan", True), ("panarukan", True)]
    for instansi in ("panarukan", "mlandingan"):
        lokal = kabupaten.root / "outputs" / instansi / "2023"
        dask = root / "outputs" / instansi / "2023"
        assert sorted(p.relative_to(dask) for p in dask.rglob("*")) == sorted(
            p.relative_to(lokal) for p in lokal.rglob("*")
        )
        assert _tanpa_waktu((dask / "lkip-2023.html").read_text(encoding="utf-8")) == _tanpa_waktu(
            (lokal / "lkip-2023.html").read_text(encoding="utf-8")
        )
        assert (dask / "reviu.csv").read_bytes() == (lokal / "reviu.csv").read_bytes()
        teks = [
            "".join(p.extract_text() for p in PdfReader(f / "lkip-2023.pdf").pages)
            for f in (dask, lokal)
        ]
        assert teks[0] == teks[1]
