"""The reviewer bundle: what the zip holds, and that any change to it fails verification."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from lkip.build.bundle import (
    NAMA_README,
    BundelTidakValid,
    buat_bundel,
    notebook_html,
    path_bundel,
    periksa_bundel,
)
from lkip.build.manifest import Asal, tulis_manifest
from lkip.cli import KELUAR_BUNDEL, KELUAR_DATA, main

KODE = "d.kalimat(kalimat.pegawai(L.tabel['pegawai_rekap']))"
KODE_MARKUP = 'contoh = "<script>alert(1)</script><img src=x onerror=alert(2)>"'


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _notebook() -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.cells.append(new_markdown_cell("# Bab I\n\nCatatan untuk analis."))
    cell = new_code_cell(KODE, execution_count=1)
    cell.outputs = [
        new_output("display_data", data={"text/html": "<p>Jumlah pegawai 25 orang.</p>"}),
        # an output that would fetch from the network if it were kept
        new_output(
            "display_data",
            data={"text/html": '<script src="https://cdn.example.org/x.js"></script><p>b</p>'},
        ),
    ]
    nb.cells.append(cell)
    nb.cells.append(new_code_cell(KODE_MARKUP, execution_count=2))
    return nb


@pytest.fixture
def keluaran(root: Path) -> Path:
    """outputs/2023/ of ``root`` as a render leaves it, with its manifest."""
    folder = root / "outputs" / "panarukan" / "2023"
    (folder / "notebooks").mkdir(parents=True)
    (folder / "lkip-2023.html").write_text("<p>Laporan 2023</p>", encoding="utf-8")
    (folder / "lkip-2023.pdf").write_bytes(b"%PDF-1.7 laporan")
    (folder / "reviu.csv").write_text("bab,catatan\nI,ok\n", encoding="utf-8")
    for bab in ("00_pembuka", "01_pendahuluan"):
        nbformat.write(_notebook(), folder / "notebooks" / f"{bab}.ipynb")
    tulis_manifest(Asal.baca(2023, root), folder, {"tahun": 2023})
    return folder


@pytest.fixture
def bundel(root: Path, keluaran: Path) -> Path:
    return buat_bundel(2023, root).path


def _rewrite(src: Path, dst: Path, change=None, drop=(), add=(), comment=None) -> Path:
    """A copy of zip ``src`` with entries changed, dropped or added (comment kept)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            data = zin.read(info)
            if change and info.filename in change:
                data = change[info.filename](data)
            zout.writestr(info, data)
        for name, data in add:
            zout.writestr(name, data)
        zout.comment = zin.comment if comment is None else comment
    return dst


def _names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return zf.namelist()


def test_bundle_holds_outputs_notebook_pages_readme_and_manifest(root, keluaran, bundel):
    assert (
        bundel == path_bundel(2023, root) == root / "outputs" / "panarukan" / "lkip-2023-bundel.zip"
    )
    assert sorted(_names(bundel)) == [
        f"lkip-2023/{n}"
        for n in sorted(
            [
                "lkip-2023.html",
                "lkip-2023.pdf",
                "reviu.csv",
                "notebooks/00_pembuka.ipynb",
                "notebooks/01_pendahuluan.ipynb",
                "notebooks/00_pembuka.html",
                "notebooks/01_pendahuluan.html",
                NAMA_README,
                "manifest.json",
            ]
        )
    ]
    with zipfile.ZipFile(bundel) as zf:
        isi = zf.read("lkip-2023/manifest.json")
        zipped = json.loads(isi)
        on_disk = json.loads((keluaran / "manifest.json").read_text(encoding="utf-8"))
        assert {k: v for k, v in zipped.items() if k != "bundel"} == on_disk
        assert zipped["bundel"] == {
            n: _sha(zf.read(f"lkip-2023/{n}"))
            for n in ("notebooks/00_pembuka.html", "notebooks/01_pendahuluan.html", NAMA_README)
        }
        assert zf.read("lkip-2023/lkip-2023.pdf") == b"%PDF-1.7 laporan"
        assert zf.comment.decode().endswith(_sha(isi))
        readme = zf.read(f"lkip-2023/{NAMA_README}").decode("utf-8")
    assert "Cara memeriksa" in readme and "certutil -hashfile manifest.json SHA256" in readme
    assert "make verify-bundle FILE=lkip-2023-bundel.zip" in readme
    assert "lkip-2023/notebooks/01_pendahuluan.html" in readme and "reviu.csv" in readme


def test_bundle_made_on_one_clone_verifies_on_another(root, bundel, tmp_path, capsys):
    elsewhere = tmp_path / "penerima" / "lkip-2023-bundel.zip"
    elsewhere.parent.mkdir()
    shutil.copy(bundel, elsewhere)
    shutil.rmtree(root / "outputs")  # nothing of the sender's tree is needed
    hasil = periksa_bundel(elsewhere)
    assert hasil.valid, hasil.masalah
    assert hasil.jumlah_berkas == 8
    with zipfile.ZipFile(elsewhere) as zf:
        assert hasil.sidik == _sha(zf.read("lkip-2023/manifest.json"))
    assert periksa_bundel(elsewhere, hasil.sidik).valid
    assert periksa_bundel(elsewhere, hasil.sidik[:16].upper()).valid
    assert main(["verify-bundle", str(elsewhere), "--sidik", hasil.sidik]) == 0
    assert hasil.sidik in capsys.readouterr().out


def test_altering_any_file_in_the_bundle_fails(bundel, tmp_path):
    for name in _names(bundel):
        for label, change in (("tambah", lambda d: d + b" "), ("ganti", lambda d: b"x" + d[1:])):
            altered = _rewrite(bundel, tmp_path / f"{label}.zip", change={name: change})
            hasil = periksa_bundel(altered)
            assert not hasil.valid, (name, label)
            short = name.removeprefix("lkip-2023/")
            assert any(short in msg for msg in hasil.masalah), (name, hasil.masalah)


def test_manifest_rewritten_to_match_an_altered_file_fails(bundel, tmp_path):
    def html(_: bytes) -> bytes:
        return b"<p>Laporan palsu</p>"

    def manifest(data: bytes) -> bytes:
        m = json.loads(data)
        m["keluaran"]["lkip-2023.html"] = _sha(html(b""))
        return json.dumps(m, indent=2, ensure_ascii=False).encode() + b"\n"

    altered = _rewrite(
        bundel,
        tmp_path / "palsu.zip",
        change={"lkip-2023/lkip-2023.html": html, "lkip-2023/manifest.json": manifest},
    )
    hasil = periksa_bundel(altered)
    assert [m for m in hasil.masalah if "manifest.json berubah" in m]
    # with the comment rewritten too, only the sidik sent apart from the zip catches it
    forged = _rewrite(
        altered,
        tmp_path / "palsu2.zip",
        comment=f"lkip bundel; sidik manifest sha256 {hasil.sidik}".encode(),
    )
    assert periksa_bundel(forged).valid
    original = periksa_bundel(bundel).sidik
    assert not periksa_bundel(forged, original).valid


@pytest.mark.parametrize(
    ("kind", "pesan"),
    [
        ("drop", "lkip-2023.pdf: tercantum di manifest tetapi tidak ada"),
        ("drop_readme", f"{NAMA_README}: tercantum di manifest tetapi tidak ada"),
        ("extra", "catatan.txt: tidak tercantum di manifest"),
        ("outside", "lain/x.txt: berkas di luar folder lkip-2023/"),
        ("no_comment", "komentar arsip yang memuat sidik manifest hilang atau berubah"),
        ("duplicate", "lkip-2023/lkip-2023.pdf ada lebih dari sekali di arsip"),
    ],
)
def test_missing_extra_or_duplicated_files_fail(bundel, tmp_path, kind, pesan):
    target = tmp_path / "ubah.zip"
    if kind == "drop":
        _rewrite(bundel, target, drop={"lkip-2023/lkip-2023.pdf"})
    elif kind == "drop_readme":
        _rewrite(bundel, target, drop={f"lkip-2023/{NAMA_README}"})
    elif kind == "extra":
        _rewrite(bundel, target, add=[("lkip-2023/catatan.txt", b"tambahan")])
    elif kind == "outside":
        _rewrite(bundel, target, add=[("lain/x.txt", b"tambahan")])
    elif kind == "no_comment":
        _rewrite(bundel, target, comment=b"")
    else:
        with pytest.warns(UserWarning, match="Duplicate name"):
            _rewrite(bundel, target, add=[("lkip-2023/lkip-2023.pdf", b"%PDF palsu")])
    hasil = periksa_bundel(target)
    assert pesan in hasil.masalah


def test_wrong_or_too_short_sidik_fails(bundel):
    sidik = periksa_bundel(bundel).sidik
    for wrong in ("0" * 64, sidik[:15], ""):
        hasil = periksa_bundel(bundel, wrong)
        assert len(hasil.masalah) == 1 and "sidik dari pengirim" in hasil.masalah[0]


def test_not_a_zip_or_no_manifest(tmp_path):
    junk = tmp_path / "rusak.zip"
    junk.write_bytes(b"bukan zip")
    assert "bukan arsip zip yang utuh" in periksa_bundel(junk).masalah[0]
    empty = tmp_path / "kosong.zip"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("lkip-2023/lkip-2023.html", b"<p></p>")
    assert periksa_bundel(empty).masalah == (
        "arsip harus memuat tepat satu <folder>/manifest.json",
    )


def test_unreadable_manifest_fails(bundel, tmp_path):
    altered = _rewrite(
        bundel, tmp_path / "a.zip", change={"lkip-2023/manifest.json": lambda d: b"["}
    )
    (msg,) = periksa_bundel(altered).masalah
    assert msg.startswith("manifest.json tidak dapat dibaca")


def test_bundle_refuses_outputs_changed_after_rendering(root, keluaran):
    (keluaran / "lkip-2023.html").write_text("<p>diedit tangan</p>", encoding="utf-8")
    (keluaran / "tambahan.txt").write_text("x", encoding="utf-8")
    with pytest.raises(BundelTidakValid) as e:
        buat_bundel(2023, root)
    assert "lkip-2023.html: isi berubah (sha256 tidak sama dengan manifest)" in e.value.masalah
    assert "tambahan.txt: tidak tercantum di manifest" in e.value.masalah
    assert not path_bundel(2023, root).exists()


def test_cli_bundle_and_verify(root, keluaran, monkeypatch, capsys):
    monkeypatch.setenv("LKIP_ROOT", str(root))
    assert main(["bundle", "--year", "2023"]) == 0
    out = capsys.readouterr().out
    sidik = re.search(r"sha256 manifest.json\): ([0-9a-f]{64})", out).group(1)
    path = path_bundel(2023, root)
    assert main(["verify-bundle", str(path), "--sidik", sidik]) == 0
    assert main(["verify-bundle", str(path), "--sidik", "f" * 64]) == KELUAR_BUNDEL
    assert "TIDAK VALID" in capsys.readouterr().err
    (keluaran / "lkip-2023.pdf").write_bytes(b"%PDF-1.7 lain")
    assert main(["bundle", "--year", "2023"]) == KELUAR_BUNDEL
    (keluaran / "manifest.json").unlink()
    assert main(["bundle", "--year", "2023"]) == KELUAR_DATA
    assert "make report YEAR=2023" in capsys.readouterr().err


def test_notebook_page_shows_code_and_fetches_nothing(keluaran):
    html = notebook_html(keluaran / "notebooks" / "00_pembuka.ipynb")
    soup = BeautifulSoup(html, "html.parser")
    text = " ".join(soup.get_text().split())
    assert KODE in text and "Jumlah pegawai 25 orang." in text
    assert "Catatan untuk analis." in text  # the analysts' notes belong in this view
    assert KODE_MARKUP in text  # code is shown as text, highlighted, never as markup
    assert soup.select("div.highlight span.s2")
    assert soup.find("meta", charset="utf-8") is not None
    assert not soup.find_all(["script", "link", "iframe", "object", "embed", "base"])
    urls = [v for t in soup.find_all(True) for k, v in t.attrs.items() if k in ("src", "href")]
    assert [u for u in urls if not u.startswith(("data:", "#"))] == []
    css = " ".join(s.get_text() for s in soup.find_all("style"))
    assert css and "@import" not in css
    assert re.findall(r"url\(\s*['\"]?(?!data:)", css) == []
    assert "mathjax" not in html.lower() and "require.js" not in html
