"""Shared fixtures: a private copy of the shipped data, so tests never touch data/raw."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from lkip.paths import PACKAGE_ROOT

SHIPPED_RAW = PACKAGE_ROOT / "data" / "raw" / "panarukan"


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
