"""A PDF that carries its data: the year's raw inputs and their manifest, attached to the PDF.

A reviewer who receives only the PDF can still check it: ``lkip verify`` reads the attached
``manifest.json``, checks every attached input against the sha256 it lists, and checks that
the digest of the inputs printed on the report's last page ("sidik data masukan …") is the
digest of those inputs. An attachment edited, added or removed, a manifest rewritten, or a
last page that belongs to other data, fails the check.

The attachments are PDF/A-3 "associated files" (``/AF`` of the document, relationship
``Source`` for the inputs and ``Data`` for the manifest), the form PDF/A-3b allows.

The PDF cannot list its own hash: the attached manifest is the run's manifest without the PDF
(the ``manifest.json`` next to the PDF in ``outputs/<year>/`` hashes the PDF as published).

Attaching runs on every render, so it is written with pikepdf (qpdf), which opens the joined
PDF lazily and copies its objects through in C++: 0.1 s for the 51-page report, a tenth of
pypdf's time, which cloned every object in Python. Attaching in the join's own pass would save
that 0.1 s but needs the manifest, which hashes the Word and Excel copies made from the HTML
after the PDF: not worth reordering the render. Checking reads with pypdf, which also extracts
the printed digest's text; it reads the PDFs attached by pypdf before (whose MIME subtypes were
written escaped, ``/text#232Fcsv``) as well as the current ones.
"""

from __future__ import annotations

import hashlib
import io
import json
import mimetypes
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lkip.build.manifest import NAMA_MANIFEST, sidik_pendek, teks_json

# The provenance line printed on the last page (lkip.build.manifest.catatan_kaki).
_SIDIK_TERCETAK = re.compile(r"sidik data masukan\s+([0-9a-f]{12})")
# Each attachment's description, by whether it is the manifest.
_DESKRIPSI = {False: "Data masukan laporan", True: "Manifest: sha256 setiap data masukan"}


@dataclass(frozen=True)
class HasilPeriksaPdf:
    masalah: tuple[str, ...]
    sidik: str | None  # sha256 of the attached manifest.json
    jumlah_lampiran: int

    @property
    def valid(self) -> bool:
        return not self.masalah


def lampirkan(pdf: Path, manifest: Mapping, root: Path) -> None:
    """Attach ``manifest`` and every input it lists (paths relative to ``root``) to ``pdf``."""
    from pikepdf import Array, AttachedFileSpec, Dictionary, Name, NameTree, Pdf
    from pikepdf.models.metadata import encode_pdf_date

    from lkip.build.pdf_gabung import OPSI_SIMPAN

    dok = Pdf.open(io.BytesIO(pdf.read_bytes()))
    waktu = encode_pdf_date(datetime.fromisoformat(manifest["dibuat"]))
    berkas = {nama: (root / nama).read_bytes() for nama in sorted(manifest["masukan"])}
    berkas[NAMA_MANIFEST] = teks_json(manifest).encode("utf-8")
    if "/Names" not in dok.Root:
        dok.Root.Names = Dictionary()
    if "/EmbeddedFiles" not in dok.Root.Names:
        dok.Root.Names.EmbeddedFiles = NameTree.new(dok).obj
    terlampir = NameTree(dok.Root.Names.EmbeddedFiles)
    af = Array()
    for nama, data in berkas.items():
        manifes = nama == NAMA_MANIFEST
        spec = AttachedFileSpec(
            dok,
            data,
            description=_DESKRIPSI[manifes],
            filename=nama,  # as /F and /UF, both of which PDF/A-3 wants
            mime_type="application/json" if manifes else _jenis(nama),
            mod_date=waktu,
            relationship=Name.Data if manifes else Name.Source,
        )
        ref = dok.make_indirect(spec.obj)
        terlampir[nama] = ref
        af.append(ref)
    dok.Root.AF = af
    dok.save(pdf, **OPSI_SIMPAN)  # the same first /ID, a new second one: a new version


def _jenis(nama: str) -> str:
    jenis, _ = mimetypes.guess_type(nama)
    if nama.endswith((".yaml", ".yml")):
        return "application/yaml"
    return jenis or "application/octet-stream"


def lampiran(pdf: Path | bytes) -> dict[str, list[bytes]]:
    """Every file attached to ``pdf``, by name (a name may be attached more than once)."""
    from pypdf import PdfReader

    data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
    return {nama: list(isi) for nama, isi in PdfReader(io.BytesIO(data)).attachments.items()}


def periksa_pdf(path: Path) -> HasilPeriksaPdf:
    """Check a PDF alone against the manifest attached to it."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        data = Path(path).read_bytes()
        reader = PdfReader(io.BytesIO(data))
        semua = {nama: list(isi) for nama, isi in reader.attachments.items()}
    except (OSError, PdfReadError, ValueError) as e:
        return HasilPeriksaPdf((f"{path} tidak dapat dibaca sebagai PDF: {e}",), None, 0)
    jumlah = sum(len(v) for v in semua.values())
    isi_manifest = semua.pop(NAMA_MANIFEST, [])
    if len(isi_manifest) != 1:
        masalah = (
            f"{path} tidak memuat {NAMA_MANIFEST} sebagai lampiran: PDF ini bukan keluaran "
            "lkip yang membawa datanya, atau lampirannya dihapus."
            if not isi_manifest
            else f"{NAMA_MANIFEST} terlampir {len(isi_manifest)} kali.",
        )
        return HasilPeriksaPdf(masalah, None, jumlah)
    sidik = hashlib.sha256(isi_manifest[0]).hexdigest()
    try:
        manifest = json.loads(isi_manifest[0].decode("utf-8"))
        masukan: dict[str, str] = dict(manifest["masukan"])
        sidik_masukan = str(manifest["sidik_masukan"])
    except (ValueError, KeyError, TypeError) as e:
        return HasilPeriksaPdf(
            (f"{NAMA_MANIFEST} terlampir tidak dapat dibaca: {e}",), sidik, jumlah
        )

    masalah: list[str] = []
    for nama in sorted(masukan.keys() | semua.keys()):
        isi = semua.get(nama, [])
        if nama not in masukan:
            masalah.append(f"{nama}: terlampir tetapi tidak tercatat di manifest")
        elif not isi:
            masalah.append(f"{nama}: tercatat di manifest tetapi tidak terlampir")
        elif len(isi) > 1:
            masalah.append(f"{nama}: terlampir {len(isi)} kali")
        elif hashlib.sha256(isi[0]).hexdigest() != masukan[nama]:
            masalah.append(f"{nama}: isinya berbeda dari sha256 di manifest (berkas diubah)")
    if sidik_pendek(masukan) != sidik_masukan:
        masalah.append(
            f"sidik_masukan di manifest ({sidik_masukan}) bukan sidik berkas yang dicatatnya "
            f"({sidik_pendek(masukan)}): manifest diubah"
        )
    tercetak = _sidik_tercetak(reader)
    if tercetak is None:
        masalah.append('halaman terakhir tidak mencetak "sidik data masukan"')
    elif tercetak != sidik_masukan:
        masalah.append(
            f"sidik data masukan yang tercetak di laporan ({tercetak}) berbeda dari sidik "
            f"data terlampir ({sidik_masukan}): laporan dan lampirannya tidak sepasang"
        )
    return HasilPeriksaPdf(tuple(masalah), sidik, jumlah)


def _sidik_tercetak(reader: object) -> str | None:
    """The input digest printed on the last pages (the closing note ends the report)."""
    for page in reversed(reader.pages[-2:]):  # type: ignore[attr-defined]
        m = _SIDIK_TERCETAK.search(" ".join(page.extract_text().split()))
        if m:
            return m.group(1)
    return None
