"""A PDF that carries its data: inputs and manifest attached, and ``lkip verify``."""

from __future__ import annotations

import hashlib
import io
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from lkip.build.manifest import sidik_pendek
from lkip.build.pdf_lampiran import lampiran, lampirkan, periksa_pdf
from lkip.cli import KELUAR_BUNDEL, main

MASUKAN = {
    "data/raw/2023/kinerja.csv": b"kode,target\nS1,10\n",
    "data/raw/2023/profil.yaml": b"instansi: Kecamatan Panarukan\n",
}


def _pdf(path: Path, sidik: str) -> Path:
    """A one-page PDF whose last page prints ``sidik`` as the report's closing note does."""
    from weasyprint import HTML

    html = f"<p>Dibuat dari commit abc · sidik data masukan {sidik}</p>"
    path.write_bytes(HTML(string=html).write_pdf())
    return path


def _manifest(berkas: dict[str, bytes]) -> dict:
    masukan = {n: hashlib.sha256(d).hexdigest() for n, d in berkas.items()}
    return {
        "format": 1,
        "dibuat": "2024-01-22T10:00:00+07:00",
        "sidik_masukan": sidik_pendek(masukan),
        "masukan": masukan,
        "keluaran": {},
    }


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    root = tmp_path / "proyek"
    for nama, data in MASUKAN.items():
        (root / nama).parent.mkdir(parents=True, exist_ok=True)
        (root / nama).write_bytes(data)
    manifest = _manifest(MASUKAN)
    path = _pdf(tmp_path / "lkip-2023.pdf", manifest["sidik_masukan"])
    lampirkan(path, manifest, root)
    return path


def _ubah(src: Path, dst: Path, nama: str, data: bytes | None) -> Path:
    """A copy of ``src`` with attachment ``nama`` replaced by ``data`` (or removed)."""
    writer = PdfWriter(clone_from=PdfReader(src))
    names = writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    for i in range(0, len(names), 2):
        if names[i] == nama:
            if data is None:
                del names[i : i + 2]
            else:
                names[i + 1].get_object()["/EF"]["/F"].get_object().set_data(data)
            break
    else:
        raise AssertionError(nama)
    buf = io.BytesIO()
    writer.write(buf)
    dst.write_bytes(buf.getvalue())
    return dst


def test_inputs_and_manifest_are_attached_as_pdfa3_associated_files(pdf: Path) -> None:
    semua = lampiran(pdf)
    assert sorted(semua) == sorted([*MASUKAN, "manifest.json"])
    for nama, data in MASUKAN.items():
        assert semua[nama] == [data]
    reader = PdfReader(pdf)
    af = [a.get_object() for a in reader.root_object["/AF"]]
    relasi = {str(a["/F"]): a["/AFRelationship"] for a in af}
    assert relasi == {
        "data/raw/2023/kinerja.csv": "/Source",
        "data/raw/2023/profil.yaml": "/Source",
        "manifest.json": "/Data",
    }
    assert all(a["/UF"] == a["/F"] for a in af)
    # the MIME type is the name itself (written /text#2Fcsv, read back as text/csv)
    subtype = {str(a["/F"]): a["/EF"]["/F"].get_object()["/Subtype"] for a in af}
    assert subtype == {
        "data/raw/2023/kinerja.csv": "/text/csv",
        "data/raw/2023/profil.yaml": "/application/yaml",
        "manifest.json": "/application/json",
    }
    assert {str(a["/F"]): a["/Desc"] for a in af} == {
        "data/raw/2023/kinerja.csv": "Data masukan laporan",
        "data/raw/2023/profil.yaml": "Data masukan laporan",
        "manifest.json": "Manifest: sha256 setiap data masukan",
    }
    dibuat = datetime.fromisoformat(_manifest(MASUKAN)["dibuat"])
    assert [b.modification_date for b in reader.attachment_list] == [dibuat] * 3
    # the same file specifications are the document's associated files and its attachments
    daftar = reader.root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    assert {a.idnum for a in reader.root_object["/AF"]} == {r.idnum for r in daftar[1::2]}
    assert reader.trailer["/ID"][0] and reader.trailer["/ID"][1]


def test_an_untouched_pdf_verifies(pdf: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hasil = periksa_pdf(pdf)
    assert hasil.valid, hasil.masalah
    assert hasil.jumlah_lampiran == 3
    assert hasil.sidik == hashlib.sha256(lampiran(pdf)["manifest.json"][0]).hexdigest()
    assert main(["verify", str(pdf)]) == 0
    keluar = capsys.readouterr().out
    assert "PDF valid: 2 berkas data masukan" in keluar and hasil.sidik in keluar


def test_a_tampered_attachment_fails(pdf: Path, tmp_path: Path, capsys) -> None:
    rusak = _ubah(pdf, tmp_path / "rusak.pdf", "data/raw/2023/kinerja.csv", b"kode,target\nS1,9\n")
    hasil = periksa_pdf(rusak)
    assert hasil.masalah == (
        "data/raw/2023/kinerja.csv: isinya berbeda dari sha256 di manifest (berkas diubah)",
    )
    assert main(["verify", str(rusak)]) == KELUAR_BUNDEL
    err = capsys.readouterr().err
    assert "TIDAK VALID" in err and "kinerja.csv" in err and "Traceback" not in err


def test_a_removed_attachment_fails(pdf: Path, tmp_path: Path) -> None:
    rusak = _ubah(pdf, tmp_path / "rusak.pdf", "data/raw/2023/profil.yaml", None)
    assert periksa_pdf(rusak).masalah == (
        "data/raw/2023/profil.yaml: tercatat di manifest tetapi tidak terlampir",
    )


def test_a_manifest_rewritten_to_match_other_data_fails(pdf: Path, tmp_path: Path) -> None:
    """Data and manifest swapped consistently: the digest printed on the page tells."""
    lain = dict(MASUKAN, **{"data/raw/2023/kinerja.csv": b"kode,target\nS1,9\n"})
    langkah = _ubah(
        pdf, tmp_path / "a.pdf", "data/raw/2023/kinerja.csv", lain["data/raw/2023/kinerja.csv"]
    )
    from lkip.build.manifest import teks_json

    manifest = _manifest(lain)
    rusak = _ubah(langkah, tmp_path / "b.pdf", "manifest.json", teks_json(manifest).encode())
    [masalah] = periksa_pdf(rusak).masalah
    assert masalah.startswith("sidik data masukan yang tercetak di laporan (")
    assert manifest["sidik_masukan"] in masalah


def test_a_manifest_whose_digest_does_not_match_its_files_fails(pdf: Path, tmp_path: Path) -> None:
    from lkip.build.manifest import teks_json

    manifest = _manifest(MASUKAN)
    asli = manifest["sidik_masukan"]
    manifest["masukan"]["data/raw/2023/kinerja.csv"] = "0" * 64
    rusak = _ubah(pdf, tmp_path / "r.pdf", "manifest.json", teks_json(manifest).encode())
    masalah = periksa_pdf(rusak).masalah
    assert (
        "data/raw/2023/kinerja.csv: isinya berbeda dari sha256 di manifest (berkas diubah)"
        in masalah
    )
    assert any(m.startswith(f"sidik_masukan di manifest ({asli}) bukan sidik") for m in masalah)


def test_a_pdf_without_attachments_or_not_a_pdf(tmp_path: Path) -> None:
    polos = _pdf(tmp_path / "polos.pdf", "abcdef012345")
    [masalah] = periksa_pdf(polos).masalah
    assert "tidak memuat manifest.json sebagai lampiran" in masalah
    bukan = tmp_path / "bukan.pdf"
    bukan.write_bytes(b"bukan pdf")
    [masalah] = periksa_pdf(bukan).masalah
    assert "tidak dapat dibaca sebagai PDF" in masalah


def test_an_extra_attachment_fails(pdf: Path, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(pdf))
    writer.add_attachment("data/raw/2023/tambahan.csv", b"x")
    tambah = tmp_path / "tambah.pdf"
    writer.write(tambah)
    assert periksa_pdf(tambah).masalah == (
        "data/raw/2023/tambahan.csv: terlampir tetapi tidak tercatat di manifest",
    )


# Attached by the pypdf code of commit f13a5b7 (before the attachments were written with
# pikepdf) to a one-page PDF printing the digest of MASUKAN: published PDFs look like this.
PDF_PYPDF = Path(__file__).parent / "golden" / "lampiran-pypdf-f13a5b7.pdf"


def test_a_pdf_attached_by_the_earlier_code_still_verifies(tmp_path: Path) -> None:
    hasil = periksa_pdf(PDF_PYPDF)
    assert hasil.valid, hasil.masalah
    assert hasil.jumlah_lampiran == 3
    semua = lampiran(PDF_PYPDF)
    assert {n: semua[n] for n in MASUKAN} == {n: [d] for n, d in MASUKAN.items()}
    rusak = _ubah(PDF_PYPDF, tmp_path / "r.pdf", "data/raw/2023/kinerja.csv", b"kode\nS9\n")
    assert periksa_pdf(rusak).masalah == (
        "data/raw/2023/kinerja.csv: isinya berbeda dari sha256 di manifest (berkas diubah)",
    )
