"""The CLI's stand-ins for the Makefile targets that are not about one year's report."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from lkip import cli_alat
from lkip.cli import main
from lkip.core.paths import PACKAGE_ROOT


def test_every_make_target_has_an_lkip_command(capsys: pytest.CaptureFixture[str]) -> None:
    makefile = (PACKAGE_ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))
    with pytest.raises(SystemExit):
        main(["--help"])
    perintah = set(re.search(r"\{([a-z,-]+)\}", capsys.readouterr().out)[1].split(","))
    # clean removes .venv, which holds lkip itself; libreoffice installs a Debian package for
    # the tests (CI): neither has an lkip command.
    assert targets - perintah == {"clean", "libreoffice"}


def test_clean_cache_removes_the_cache_folder_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    (cache / "bab").mkdir(parents=True)
    (cache / "bab" / "x.json").write_text("{}")
    (tmp_path / "lain.txt").write_text("tetap")
    monkeypatch.setenv("LKIP_CACHE", str(cache))
    assert main(["clean-cache"]) == 0
    assert not cache.exists() and (tmp_path / "lain.txt").exists()
    assert f"Cache dihapus: {cache}" in capsys.readouterr().out
    assert main(["clean-cache"]) == 0  # nothing to remove is not an error


def test_tool_commands_run_this_python_in_the_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    dipanggil: list[tuple[list[str], Path]] = []

    def call(cmd: list[str], cwd: Path) -> int:
        dipanggil.append((cmd, cwd))
        return 0

    monkeypatch.setattr(cli_alat.subprocess, "call", call)
    assert main(["lab"]) == 0
    assert main(["bench", "--ulang", "1"]) == 0
    assert main(["test", "-k", "fmt"]) == 0
    assert main(["mutation"]) == 0
    py = sys.executable
    assert [c for c, _ in dipanggil] == [
        [py, "-m", "jupyterlab", str(PACKAGE_ROOT / "notebooks")],
        [py, str(PACKAGE_ROOT / "scripts" / "bench.py"), "--ulang", "1"],
        [py, "-m", "ruff", "check", "."],
        [py, "-c", cli_alat.LINT_IMPORTS],
        [py, "-m", "pytest", "-k", "fmt"],
        [py, str(PACKAGE_ROOT / "scripts" / "mutation.py")],
    ]
    assert {cwd for _, cwd in dipanggil} == {PACKAGE_ROOT}


def test_test_stops_at_a_lint_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    dipanggil: list[list[str]] = []

    def call(cmd: list[str], cwd: Path) -> int:
        dipanggil.append(cmd)
        return 1

    monkeypatch.setattr(cli_alat.subprocess, "call", call)
    assert main(["test"]) == 1
    assert len(dipanggil) == 1 and dipanggil[0][2] == "ruff"
