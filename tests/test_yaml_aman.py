"""The YAML reader's two parsers: libyaml for speed, PyYAML's own for the verdict on anything
libyaml cannot read. Whichever reads a file, the content, the lines and the problems are the
ones PyYAML's own parser gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from lkip.core.paths import PACKAGE_ROOT
from lkip.inputs import yaml_aman
from lkip.inputs.yaml_aman import baca_yaml

SHIPPED = [
    *sorted((PACKAGE_ROOT / "data" / "raw").rglob("*.yaml")),
    PACKAGE_ROOT / "lkip" / "inputs" / "kata_kunci_komentar.yaml",
]

BERMASALAH = {
    "alias": "a: &a [x, y]\nb: *a\n",
    "anchor_saja": "a: &a x\n",
    "dalam": "a: " + "[" * 40 + "]" * 40 + "\n",
    "sangat_dalam": "a: " + "[" * 20_000 + "]" * 20_000 + "\n",
    "titik_dua": "instansi: Kecamatan: Panarukan\n",
    "kutip": "instansi: 'Kecamatan\n",
    "tab": "instansi:\n\t- a\n",
    "tag": "instansi: !!python/object:os.system x\n",
    "kendali": "instansi: Kecamatan\x07 Panarukan\n",
    "tanggal": "tanggal: 2024-02-30\n",
    "kunci_daftar": "[a, b]: c\n",
    "indentasi": "a:\n  b: 1\n c: 2\n",
    "nel": "a: satu\u0085tiga\n",
}

SAH = {
    "kosong": "",
    "komentar": "# hanya komentar\n",
    "skalar": "teks saja\n",
    "bom": "\ufeffinstansi: Kecamatan Panarukan\n",
    "lipat": "a: >\n  satu\n  dua\n\n  tiga\nb: |\n  x\n   y\n",
    "campur": "a: [1, 2.5, ya, no, ~, 2024-01-22, '007']\nb: {c: 'd: e', f: \"g\\th\"}\n",
    "dalam_sah": "a: " + "[" * 30 + "]" * 30 + "\n",
    "kunci_ganda": "a: 1\na: 2\n",
    "emoji": "motto: \"Melayani 🙂 sepenuh hati\"\nb: teks 🙂 polos\n",
}


def _baca(path: Path, tanpa_libyaml: bool, monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as m:
        if tanpa_libyaml:
            m.setattr(yaml_aman, "_baca_cepat", lambda _teks: None)
        dokumen, masalah = baca_yaml(path, "2023/x.yaml")
    return (dokumen.isi, dokumen.baris) if dokumen else None, masalah


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shipped_files_read_by_libyaml_as_by_pyyaml(path, monkeypatch) -> None:
    assert yaml_aman._baca_cepat(path.read_text(encoding="utf-8")) is not None
    assert _baca(path, False, monkeypatch) == _baca(path, True, monkeypatch)


@pytest.mark.parametrize("nama", sorted(SAH))
def test_valid_yaml_read_by_libyaml_as_by_pyyaml(nama, tmp_path, monkeypatch) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(SAH[nama], encoding="utf-8")
    assert yaml_aman._baca_cepat(SAH[nama]) is not None
    hasil = _baca(path, False, monkeypatch)
    assert hasil == _baca(path, True, monkeypatch)
    assert hasil[1] == []


@pytest.mark.parametrize("nama", sorted(BERMASALAH))
def test_problems_are_pyyamls_own(nama, tmp_path, monkeypatch) -> None:
    """libyaml refuses, or is not trusted with, each of these: PyYAML words the problem."""
    path = tmp_path / "x.yaml"
    path.write_text(BERMASALAH[nama], encoding="utf-8")
    assert yaml_aman._baca_cepat(BERMASALAH[nama]) is None
    hasil = _baca(path, False, monkeypatch)
    assert hasil == _baca(path, True, monkeypatch)
    assert hasil[0] is None and len(hasil[1]) == 1


def test_libyaml_reads_the_lines_of_every_key(tmp_path) -> None:
    teks = "a:\n  b: 1\n  c:\n    - x\n    - y: 2\nd: 3\n"
    dokumen = yaml_aman._baca_cepat(teks)
    assert dokumen is not None
    assert dokumen.baris == {
        ("a",): 1,
        ("a", "b"): 2,
        ("a", "c"): 3,
        ("a", "c", "0"): 4,
        ("a", "c", "1"): 5,
        ("a", "c", "1", "y"): 5,
        ("d",): 6,
    }
