"""The HTML report in a real browser (headless Chromium): on a 390 px phone and a 1366 px laptop.

Needs Debian's ``chromium`` and ``chromium-driver`` (.ci/run installs them). The report is the
session's one render (``laporan_2023``).
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from selenium import webdriver
from selenium.webdriver.common.by import By

from lkip.build.pipeline import HasilRender
from tests.conftest import chromium

pytestmark = pytest.mark.slow

HP, LAPTOP = 390, 1366
HURUF_TERKECIL_PX = 8  # chart text below this is unreadable on a phone


@pytest.fixture(scope="module")
def peramban(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    driver = chromium(tmp_path_factory.mktemp("chromium"))
    yield driver
    driver.quit()


def buka(driver: webdriver.Chrome, laporan: Path, lebar: int) -> webdriver.Chrome:
    metrik = {"width": lebar, "height": 844, "deviceScaleFactor": 1, "mobile": lebar < 600}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrik)
    driver.get((laporan / "lkip-2023.html").as_uri())
    return driver


@pytest.fixture
def hp(peramban: webdriver.Chrome, laporan_2023: HasilRender) -> webdriver.Chrome:
    return buka(peramban, laporan_2023.folder, HP)


@pytest.fixture
def laptop(peramban: webdriver.Chrome, laporan_2023: HasilRender) -> webdriver.Chrome:
    return buka(peramban, laporan_2023.folder, LAPTOP)


def tanpa_geser_halaman(driver: webdriver.Chrome) -> None:
    lebar = driver.execute_script(
        "const d = document.documentElement; return [d.scrollWidth, d.clientWidth];"
    )
    assert lebar[0] <= lebar[1], f"the page scrolls sideways: {lebar}"


BINGKAI = """
return [...document.querySelectorAll(arguments[0])].map(b => ({
  judul: b.closest('figure').querySelector('figcaption').textContent,
  kanan: b.getBoundingClientRect().right,
  isi: b.scrollWidth, tampak: b.clientWidth, luapan: getComputedStyle(b).overflowX,
}));
"""


@pytest.mark.parametrize("bingkai", [".tabel-wrap", ".grafik-wrap"])
def test_phone_nothing_cut_off_and_no_page_scroll(hp: webdriver.Chrome, bingkai: str) -> None:
    tanpa_geser_halaman(hp)
    semua = hp.execute_script(BINGKAI, bingkai)
    assert len(semua) >= 6
    lebar = [b for b in semua if b["isi"] > b["tampak"]]
    assert lebar, "at 390 px some tables and charts are wider than the screen"
    for b in semua:
        assert b["kanan"] <= HP, b["judul"]  # the frame itself stays on screen
    for b in lebar:  # what does not fit scrolls inside its frame
        assert b["luapan"] in ("auto", "scroll"), b["judul"]


def test_phone_wide_tables_keep_their_first_column_in_view(hp: webdriver.Chrome) -> None:
    hasil = hp.execute_script("""
      return [...document.querySelectorAll('.tabel-wrap')]
        .filter(w => w.scrollWidth > w.clientWidth)
        .map(w => {
          w.scrollLeft = w.scrollWidth;
          const sel = w.querySelector('tbody td.kolom-pertama');
          const k = w.getBoundingClientRect(), s = sel.getBoundingClientRect();
          return {judul: w.closest('figure').querySelector('figcaption').textContent,
                  geser: w.scrollLeft, kiri: s.left - k.left, tampak: s.right > k.left + 5};
        });
    """)
    assert len(hasil) >= 10
    for t in hasil:
        assert t["geser"] > 0 and abs(t["kiri"]) <= 1 and t["tampak"], t


def test_phone_chart_text_stays_readable(hp: webdriver.Chrome) -> None:
    gambar = hp.find_elements(By.CSS_SELECTOR, "figure.grafik img")
    assert gambar
    for img in gambar:
        svg = base64.b64decode(img.get_attribute("src").split(",", 1)[1]).decode("utf-8")
        lebar_svg = float(re.search(r'<svg[^>]* width="([\d.]+)pt"', svg)[1])
        huruf = [float(x) for x in re.findall(r"font(?:-size)?: ?(?:[a-z]+ )*([\d.]+)px", svg)]
        assert huruf, "chart text must stay text"
        skala = img.size["width"] / lebar_svg  # CSS px per SVG unit
        assert min(huruf) * skala >= HURUF_TERKECIL_PX, img.get_attribute("alt")[:40]


def test_phone_lists_lettered_lowercase_as_in_the_seed(hp: webdriver.Chrome) -> None:
    gaya = hp.execute_script(
        "return [...document.querySelectorAll('ol[type]')]"
        ".map(o => [o.getAttribute('type'), getComputedStyle(o).listStyleType]);"
    )
    huruf = [g for t, g in gaya if t == "a"]
    assert len(huruf) >= 5 and set(huruf) == {"lower-alpha"}
    assert {g for t, g in gaya if t == "1"} == {"decimal"}


def test_phone_units_stay_on_the_line_of_their_number(hp: webdriver.Chrome) -> None:
    baris = hp.execute_script(
        "return [...document.querySelectorAll('.utuh')]"
        ".map(s => [s.textContent, s.getClientRects().length]);"
    )
    assert any(t.startswith("Rp ") for t, _ in baris) and any(t.endswith(" %") for t, _ in baris)
    assert [t for t, n in baris if n != 1] == []


def test_phone_link_back_to_daftar_isi_from_anywhere(hp: webdriver.Chrome) -> None:
    hp.execute_script("window.scrollTo(0, document.body.scrollHeight * 0.7);")
    tautan = hp.find_element(By.CSS_SELECTOR, "a.ke-daftar-isi")
    kotak = hp.execute_script("return arguments[0].getBoundingClientRect().toJSON();", tautan)
    assert kotak["top"] >= 0 and kotak["bottom"] <= 844 and kotak["right"] <= HP
    tautan.click()
    atas = hp.execute_script(
        "return document.getElementById('daftar-isi').getBoundingClientRect().top;"
    )
    assert abs(atas) <= 2
    assert hp.execute_script("return location.hash;") == "#daftar-isi"


def test_laptop_layout_holds(laptop: webdriver.Chrome) -> None:
    tanpa_geser_halaman(laptop)
    badan = laptop.execute_script("return document.body.getBoundingClientRect().toJSON();")
    assert 900 <= badan["width"] <= 1000  # the 60rem text column and its padding, centred
    lebar = laptop.execute_script("return document.documentElement.clientWidth;")
    assert abs(badan["left"] - (lebar - badan["right"])) <= 1
    for b in laptop.execute_script(BINGKAI, ".grafik-wrap"):
        assert b["isi"] <= b["tampak"], b["judul"]  # every chart fits whole
    tabel = laptop.execute_script(BINGKAI, ".tabel-wrap")
    assert sum(b["isi"] > b["tampak"] for b in tabel) <= 1  # at most the widest scrolls


def test_alt_texts_state_the_data(laporan_2023: HasilRender) -> None:
    soup = BeautifulSoup((laporan_2023.folder / "lkip-2023.html").read_text("utf-8"), "html.parser")
    for fig in soup.select("figure.grafik"):
        alt, judul = fig.img["alt"], fig.figcaption.get_text()
        assert alt.startswith(judul) and len(alt) > len(judul) + 40, judul
        assert re.search(r"\d,\d", alt), judul
    capaian = soup.select("figure.grafik")[0].img["alt"]
    assert "87,5 %, belum tercapai" in capaian


def test_browser_print_has_the_pdf_page_numbers_in_daftar_isi(
    peramban: webdriver.Chrome, laporan_2023: HasilRender
) -> None:
    buka(peramban, laporan_2023.folder, LAPTOP)
    cetak = peramban.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    halaman = [
        p.extract_text() for p in PdfReader(io.BytesIO(base64.b64decode(cetak["data"]))).pages
    ]
    daftar = " ".join(next(t for t in halaman if "DAFTAR ISI" in t and "BAB I" in t).split())
    soup = BeautifulSoup((laporan_2023.folder / "lkip-2023.html").read_text("utf-8"), "html.parser")
    entri = [
        (li.a.get_text(), li.select_one(".nomor-halaman").get_text())
        for li in soup.select("nav.daftar-isi li")
    ]
    assert ("BAB I PENDAHULUAN", "1") in entri and entri[0][1] == "i"
    for label, nomor in entri[:12]:
        assert re.search(rf"{re.escape(label)} {nomor}\b", daftar), (label, nomor)
