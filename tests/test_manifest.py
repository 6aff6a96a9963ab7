"""manifest.json: inputs, code commit, environment and outputs of a rendered report."""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
from datetime import datetime
from importlib import metadata
from pathlib import Path

import pytest

from lkip.build import manifest as m


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Uji", "-c", "user.email=uji@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A staging folder holding outputs, as the pipeline leaves it before the manifest."""
    out = tmp_path / "staging"
    (out / "notebooks").mkdir(parents=True)
    (out / "lkip-2023.html").write_text("<p>laporan</p>", encoding="utf-8")
    (out / "lkip-2023.pdf").write_bytes(b"%PDF-1.7 uji")
    (out / "notebooks" / "00_pembuka.ipynb").write_text("{}", encoding="utf-8")
    return out


def test_masukan_is_every_raw_file_up_to_the_year(root: Path) -> None:
    (root / "data" / "raw" / "panarukan" / "2023" / "lampiran").mkdir()
    (root / "data" / "raw" / "panarukan" / "2023" / "lampiran" / "sk.txt").write_bytes(b"SK IKU")
    (root / "data" / "raw" / "panarukan" / "2024").mkdir()
    (root / "data" / "raw" / "panarukan" / "2024" / "kinerja.csv").write_bytes(b"kode\n")
    got = m.Asal.baca(2023, root).masukan
    assert got["data/raw/panarukan/2023/lampiran/sk.txt"] == _sha(b"SK IKU")
    kinerja = (root / "data" / "raw" / "panarukan" / "2022" / "kinerja.csv").read_bytes()
    assert got["data/raw/panarukan/2022/kinerja.csv"] == _sha(kinerja)
    assert not any(p.startswith("data/raw/panarukan/2024/") for p in got)
    shipped = {
        "data/raw/panarukan/" + p.relative_to(root / "data" / "raw" / "panarukan").as_posix()
        for p in (root / "data" / "raw" / "panarukan").rglob("*")
        if p.is_file() and not p.is_relative_to(root / "data" / "raw" / "panarukan" / "2024")
    }
    assert set(got) == shipped


def test_sidik_pendek_is_sha256sum_lines_sorted_by_path() -> None:
    a, b = "1" * 64, "2" * 64
    expected = _sha(f"{a}  data/raw/2022/a.csv\n{b}  data/raw/2023/b.csv\n".encode())[:12]
    assert m.sidik_pendek({"data/raw/2023/b.csv": b, "data/raw/2022/a.csv": a}) == expected
    # the same bytes under another name (or year) is other data
    renamed = m.sidik_pendek({"data/raw/2023/b.csv": b, "data/raw/2023/a.csv": a})
    assert renamed != expected and len(renamed) == 12
    assert m.sidik_pendek({}) == _sha(b"")[:12]


def test_info_git_clean_then_dirty(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    (tmp_path / "a.txt").write_text("a")
    _git(tmp_path, "add", "a.txt")
    _git(tmp_path, "commit", "-q", "-m", "awal")
    head = _git(tmp_path, "rev-parse", "HEAD")
    assert m.info_git(tmp_path) == {"commit": head, "ada_perubahan": False}
    (tmp_path / "a.txt").write_text("b")
    assert m.info_git(tmp_path) == {"commit": head, "ada_perubahan": True}


def test_info_git_outside_a_repository_or_without_git(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert m.info_git(tmp_path) == {"commit": None, "ada_perubahan": None}
    monkeypatch.setenv("PATH", str(tmp_path))  # no git executable at all
    assert m.info_git(m.PACKAGE_ROOT) == {"commit": None, "ada_perubahan": None}


def test_keluaran_hashes_every_output_but_the_manifest(folder: Path) -> None:
    (folder / m.NAMA_MANIFEST).write_text("{}")
    assert m.keluaran(folder) == {
        "lkip-2023.html": _sha(b"<p>laporan</p>"),
        "lkip-2023.pdf": _sha(b"%PDF-1.7 uji"),
        "notebooks/00_pembuka.ipynb": _sha(b"{}"),
    }


def test_tulis_manifest(root: Path, folder: Path) -> None:
    (folder / "reviu.csv").write_text("bab,catatan\n", encoding="utf-8")
    path = m.tulis_manifest(m.Asal.baca(2023, root), folder, {"tahun": 2023, "wajib_lengkap": True})
    assert path == folder / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == 1 and data["tahun"] == 2023
    assert data["parameter"] == {"tahun": 2023, "wajib_lengkap": True}
    assert data["masukan"] == m.Asal.baca(2023, root).masukan
    assert data["sidik_masukan"] == m.sidik_pendek(data["masukan"])
    assert data["keluaran"]["reviu.csv"] == _sha(b"bab,catatan\n")
    assert set(data["keluaran"]) == {
        "lkip-2023.html",
        "lkip-2023.pdf",
        "notebooks/00_pembuka.ipynb",
        "reviu.csv",
    }
    assert data["git"] == m.info_git(m.PACKAGE_ROOT)
    assert data["python"] == platform.python_version()
    assert data["paket"]["pandas"] == metadata.version("pandas")
    assert data["paket"]["weasyprint"] == metadata.version("weasyprint")
    assert set(data["paket"]) == set(m.PAKET_UTAMA)
    assert datetime.fromisoformat(data["dibuat"]).tzinfo is not None
    # written again (a re-render), the old manifest is not hashed as an output
    m.tulis_manifest(m.Asal.baca(2023, root), folder, {"tahun": 2023})
    assert "manifest.json" not in json.loads(path.read_text(encoding="utf-8"))["keluaran"]


def test_versi_paket_of_a_missing_package_is_none(monkeypatch) -> None:
    monkeypatch.setattr(m, "PAKET_UTAMA", ("pandas", "paket-yang-tidak-ada"))
    harapan = {"pandas": metadata.version("pandas"), "paket-yang-tidak-ada": None}
    assert m.versi_paket_utama() == harapan


@pytest.mark.parametrize(
    ("git", "awal"),
    [
        (
            {"commit": "abc1234def5678" + "0" * 26, "ada_perubahan": False},
            "Dibuat dari commit abc1234def56",
        ),
        (
            {"commit": "abc1234def5678" + "0" * 26, "ada_perubahan": True},
            "Dibuat dari commit abc1234def56 (ada perubahan belum di-commit)",
        ),
        ({"commit": None, "ada_perubahan": None}, "Dibuat di luar repositori git"),
    ],
)
def test_catatan_kaki(root: Path, monkeypatch, git, awal) -> None:
    monkeypatch.setattr(m, "info_git", lambda folder=None: git)
    asal = m.Asal.baca(2023, root)
    sidik = m.sidik_pendek(asal.masukan)
    assert m.catatan_kaki(asal) == f"{awal} · sidik data masukan {sidik}"


def test_catatan_kaki_changes_with_the_data(root: Path) -> None:
    before = m.catatan_kaki(m.Asal.baca(2023, root))
    with (root / "data" / "raw" / "panarukan" / "2023" / "kinerja.csv").open(
        "a", encoding="utf-8"
    ) as f:
        f.write("\n")
    assert m.catatan_kaki(m.Asal.baca(2023, root)) != before
