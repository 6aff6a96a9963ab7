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
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf.read_bytes())))
    af = ArrayObject()
    waktu = datetime.fromisoformat(manifest["dibuat"])
    berkas = {nama: (root / nama).read_bytes() for nama in sorted(manifest["masukan"])}
    berkas[NAMA_MANIFEST] = teks_json(manifest).encode("utf-8")
    for nama, data in berkas.items():
        lampiran = writer.add_attachment(nama, data)
        jenis = "application/json" if nama == NAMA_MANIFEST else _jenis(nama)
        lampiran.subtype = NameObject("/" + jenis.replace("/", "#2F"))
        lampiran.associated_file_relationship = NameObject(
            "/Data" if nama == NAMA_MANIFEST else "/Source"
        )
        lampiran.description = TextStringObject(
            "Manifest: sha256 setiap data masukan"
            if nama == NAMA_MANIFEST
            else "Data masukan laporan"
        )
        lampiran.modification_date = waktu
        spec = lampiran.pdf_object
        spec[NameObject("/UF")] = TextStringObject(nama)  # PDF/A-3 wants /F and /UF
        af.append(spec.indirect_reference or writer._add_object(spec))
    writer.root_object[NameObject("/AF")] = af
    writer.generate_file_identifiers()  # same first /ID, a new second one: a new version
    keluar = io.BytesIO()
    writer.write(keluar)
    pdf.write_bytes(keluar.getvalue())


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
