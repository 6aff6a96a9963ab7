"""Shared fixtures: a private copy of the shipped data, so tests never touch data/raw."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from lkip.core.paths import PACKAGE_ROOT

SHIPPED_RAW = PACKAGE_ROOT / "data" / "raw"


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
    shutil.copytree(SHIPPED_RAW, tmp_path / "data" / "raw")
    return tmp_path


@pytest.fixture(scope="session")
def laporan_2023(tmp_path_factory: pytest.TempPathFactory):
    """The 2023 report rendered once from a copy of the shipped data, for every slow test that
    reads it (a test that changes its root must put it back)."""
    from lkip.build import pipeline

    root = tmp_path_factory.mktemp("proyek")
    shutil.copytree(SHIPPED_RAW, root / "data" / "raw")
    before = sidik_folder(root / "data" / "raw")
    hasil = pipeline.render(2023, root=root, lapor=lambda _: None)
    assert sidik_folder(root / "data" / "raw") == before, "a render must never touch data/raw"
    return hasil
