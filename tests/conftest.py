"""Shared fixtures: a private copy of the shipped data, so tests never touch data/raw."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from lkip.core.paths import PACKAGE_ROOT

SHIPPED_RAW = PACKAGE_ROOT / "data" / "raw" / "panarukan"


# A cell holding one figure: "125 %", "10 menit", "A (81,28)", "Rp 2.008.940.215", "-0,25".
ANGKA = re.compile(r"^([A-D] \()?[-+]?(Rp\s?)?\d[\d.]*(,\d+)?\)?(\s?%|\s[a-z]+)?$")


def angka_rata_kiri(soup: BeautifulSoup, lewati: str = "") -> list[tuple[str, str]]:
    """(table caption, cell) of every figure that does not stand right-aligned (class
    ``angka``, lkip.presentation.display), in the tables whose caption does not start with
    ``lewati``; row numbers (a first column headed "No") are left as they are."""
    kiri = []
    for fig in soup.select("figure.tabel"):
        judul = fig.figcaption.get_text(" ", strip=True) if fig.figcaption else ""
        if lewati and judul.startswith(lewati):
            continue
        kepala = [th.get_text(strip=True) for th in fig.select("thead tr:first-child th")]
        for tr in fig.select("tbody tr"):
            for i, td in enumerate(tr.find_all("td")):
                if i == 0 and kepala[:1] in (["No"], ["No."]):
                    continue
                teks = td.get_text(" ", strip=True)
                if ANGKA.match(teks) and "angka" not in (td.get("class") or []):
                    kiri.append((judul[:30], teks))
    return kiri


def sidik_folder(folder: Path) -> dict[str, str]:
    """sha256 of every file below ``folder``: proof that a run changed nothing there."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A project root holding a copy of the shipped data/raw."""
    shutil.copytree(SHIPPED_RAW, tmp_path / "data" / "raw" / "panarukan")
    return tmp_path


# Makes `import fcntl` fail in the process that runs it and in every Python it starts (the
# chapter kernels inherit PYTHONPATH): the module does not exist on Windows.
TANPA_FCNTL = '''
import sys


class _TanpaFcntl:
    def find_spec(self, name, path=None, target=None):
        if name == "fcntl":
            raise ModuleNotFoundError("No module named 'fcntl'", name="fcntl")
        return None


sys.modules.pop("fcntl", None)
sys.meta_path.insert(0, _TanpaFcntl())
'''


@pytest.fixture(scope="session")
def laporan_2023(tmp_path_factory: pytest.TempPathFactory):
    """The 2023 report of the shipped data, rendered once per session for every slow test that
    reads it, by the CLI in a subprocess where ``fcntl`` cannot be imported (as on Windows);
    data/raw is left as it was. A test that changes its root must put it back."""
    from lkip.build.pipeline import HasilRender

    root = tmp_path_factory.mktemp("proyek-tanpa-fcntl")
    shutil.copytree(SHIPPED_RAW, root / "data" / "raw" / "panarukan")
    sebelum = sidik_folder(root / "data" / "raw")
    situs = root.parent / f"{root.name}-situs"
    situs.mkdir()
    (situs / "sitecustomize.py").write_text(TANPA_FCNTL, encoding="utf-8")
    env = os.environ | {
        "LKIP_ROOT": str(root),
        "LKIP_CACHE": str(root / ".cache"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(situs), os.environ.get("PYTHONPATH")])),
    }
    cek = [sys.executable, "-c", "import fcntl"]
    assert subprocess.run(cek, env=env, capture_output=True).returncode != 0, "fcntl not hidden"
    hasil = subprocess.run(
        [sys.executable, "-m", "lkip", "report", "--year", "2023", "--quiet"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert hasil.returncode == 0, hasil.stderr
    assert sidik_folder(root / "data" / "raw") == sebelum, "a render must never touch data/raw"
    return HasilRender.dari_folder(2023, root / "outputs" / "panarukan" / "2023")


CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"  # Debian's packages
# Without the background-networking flags Chromium keeps trying to reach Google's hosts.
BENDERA_CHROMIUM = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium(profil: Path):
    """Headless Chromium driven by selenium, with a fresh profile in ``profil``; nothing it
    opens may reach the network."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    for program in (CHROMIUM, CHROMEDRIVER):
        assert shutil.which(program), f"{program} missing: apt-get install chromium chromium-driver"
    opsi = webdriver.ChromeOptions()
    opsi.binary_location = CHROMIUM
    for bendera in (*BENDERA_CHROMIUM, f"--user-data-dir={profil}"):
        opsi.add_argument(bendera)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=opsi)
