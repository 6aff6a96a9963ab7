"""The reviewer bundle: one zip with the report, its notebooks and its manifest, and its check.

Reviewers get the bundle by e-mail or on a flash disk and open it offline. Everything in it is
indexed by ``manifest.json``: the rendered outputs under ``keluaran`` (hashed when the report
was rendered) and the files the bundle adds (notebook pages with code, the README) under
``bundel``. The manifest cannot hold its own hash, so that hash (the *sidik bundel*) is

- stored in the zip's archive comment, so that an edit of the manifest alone is detected by
  :func:`periksa_bundel` like an edit of any other file; and
- printed by ``lkip bundle`` for the sender to communicate apart from the zip (e-mail body,
  message, phone): the only check that also catches a bundle replaced as a whole, since anyone
  able to rewrite the zip can rewrite its comment too.
"""

from __future__ import annotations

import functools
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from lkip.build.manifest import NAMA_MANIFEST, keluaran, sha256_aliran, sidik_pendek, teks_json
from lkip.core.errors import BundelTidakValid
from lkip.core.paths import outputs_dir
from lkip.core.sidik import sidik as sidik_bytes

if TYPE_CHECKING:
    from lkip.build.ekspor_html import EksporHtml

NAMA_README = "BACA-SAYA.txt"
_KOMENTAR = "lkip bundel; sidik manifest sha256 "
# Shortest prefix of the sidik accepted when checking against the one the sender sent.
SIDIK_MINIMUM = 16

# nbconvert's "lab" page (code shown, highlighted) without what it loads from CDNs: require.js,
# MathJax, mermaid and the widget manager. strip_fetching() removes anything left over.
_TEMPLATE_NOTEBOOK = "lkip_notebook.html.j2"
_LAB_LURING = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block input %}
<div class="jp-CodeMirrorEditor jp-Editor jp-InputArea-editor" data-type="inline">
     <div class="cm-editor cm-s-jupyter">
{{ cell.source | highlight_code(metadata=cell.metadata) }}
     </div>
</div>
{%- endblock input %}
"""


@dataclass(frozen=True)
class HasilBundel:
    path: Path
    sidik: str  # sha256 of the manifest.json inside the zip


@dataclass(frozen=True)
class HasilPeriksa:
    masalah: tuple[str, ...]
    sidik: str | None  # sha256 of the manifest.json found in the zip
    jumlah_berkas: int

    @property
    def valid(self) -> bool:
        return not self.masalah


@functools.cache
def _pengekspor() -> EksporHtml:
    """One exporter per process: building one compiles its templates (a fifth of a second)."""
    from jinja2 import DictLoader

    from lkip.build.ekspor_html import EksporHtml

    return EksporHtml(
        template_name="lab",
        template_file=_TEMPLATE_NOTEBOOK,
        extra_loaders=[DictLoader({_TEMPLATE_NOTEBOOK: _LAB_LURING})],
    )


def notebook_html(notebook: Path) -> str:
    """A standalone page of an executed notebook with its code shown, that fetches nothing."""
    # Imported here: `lkip verify-bundle` and the CLI's start-up need none of them.
    import nbformat

    from lkip.build.assemble import strip_fetching
    from lkip.build.ekspor_html import sup

    nb = nbformat.read(notebook, as_version=4)
    body, _ = _pengekspor().from_notebook_node(nb, resources={"metadata": {"name": notebook.stem}})
    soup = sup(body, str(notebook))
    # The template's <meta> in <head> (charset, viewport) are kept; strip_fetching() drops the
    # rest. Outputs cannot reach <head>: they are in the body.
    kepala = [m.extract() for m in soup.head.find_all("meta")] if soup.head else []
    strip_fetching(soup, str(notebook))
    for meta in reversed(kepala):
        soup.head.insert(0, meta)
    return str(soup)


def nama_bundel(tahun: int) -> str:
    """The file name of a year's bundle."""
    return f"lkip-{tahun}-bundel.zip"


def path_bundel(tahun: int, root: Path | None = None) -> Path:
    """Where ``lkip bundle`` writes: next to ``outputs/<tahun>/``, not inside it."""
    return outputs_dir(tahun, root).parent / nama_bundel(tahun)


def buat_bundel(
    tahun: int, root: Path | str | None = None, tujuan: Path | None = None
) -> HasilBundel:
    """Zip ``outputs/<tahun>/`` with notebook pages, a README and the extended manifest;
    ``root`` may be text, so a kernel can be given the call (a batch's bundles)."""
    root = Path(root) if root is not None else None
    folder = outputs_dir(tahun, root)
    path_manifest = folder / NAMA_MANIFEST
    if not path_manifest.is_file():
        raise FileNotFoundError(
            f"Belum ada {path_manifest}: jalankan dulu `make report YEAR={tahun}`."
        )
    manifest = json.loads(path_manifest.read_text(encoding="utf-8"))
    masalah = _banding(manifest["keluaran"], keluaran(folder))
    if masalah:
        raise BundelTidakValid([f"Keluaran di {folder} berubah sejak laporan dirender:", *masalah])

    tambahan = {
        f"notebooks/{Path(nama).stem}.html": notebook_html(folder / nama).encode("utf-8")
        for nama in manifest["keluaran"]
        if re.fullmatch(r"notebooks/[^/]+\.ipynb", nama)
    }
    tambahan[NAMA_README] = _readme(tahun, manifest["keluaran"], tambahan).encode("utf-8")
    isi_manifest = teks_json(
        {**manifest, "bundel": {nama: sidik_bytes(data) for nama, data in tambahan.items()}}
    ).encode("utf-8")
    sidik = sidik_bytes(isi_manifest)

    tujuan = tujuan or path_bundel(tahun, root)
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    waktu = datetime.fromisoformat(manifest["dibuat"]).timetuple()[:6]
    atas = f"lkip-{tahun}/"
    fd, sementara = tempfile.mkstemp(prefix=f".{tujuan.name}-", dir=tujuan.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(sementara, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for nama in manifest["keluaran"]:
                _tulis(zf, atas + nama, (folder / nama).read_bytes(), waktu)
            for nama, data in tambahan.items():
                _tulis(zf, atas + nama, data, waktu)
            _tulis(zf, atas + NAMA_MANIFEST, isi_manifest, waktu)
            zf.comment = (_KOMENTAR + sidik).encode("ascii")
        Path(sementara).chmod(0o644)
        Path(sementara).replace(tujuan)
    except BaseException:
        Path(sementara).unlink(missing_ok=True)
        raise
    return HasilBundel(tujuan, sidik)


def _tulis(zf: zipfile.ZipFile, nama: str, data: bytes, waktu: tuple[int, ...]) -> None:
    info = zipfile.ZipInfo(nama, date_time=waktu)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


def periksa_bundel(path: Path, sidik: str | None = None) -> HasilPeriksa:
    """Check a received zip against the manifest inside it (and the sender's sidik, if given).

    Every file the manifest lists must be present with its sha256, nothing else may be there,
    and the manifest's own sha256 must equal the one in the archive comment (and ``sidik``).
    """
    try:
        with zipfile.ZipFile(path) as zf:
            return _periksa(zf, sidik)
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        return HasilPeriksa((f"{path} bukan arsip zip yang utuh: {e}",), None, 0)


def _periksa(zf: zipfile.ZipFile, sidik: str | None) -> HasilPeriksa:
    nama_semua = [i.filename for i in zf.infolist() if not i.is_dir()]
    ganda = sorted({n for n in nama_semua if nama_semua.count(n) > 1})
    if ganda:
        return HasilPeriksa(tuple(f"{n} ada lebih dari sekali di arsip" for n in ganda), None, 0)
    manifest_zip = [n for n in nama_semua if PurePosixPath(n).parts[1:] == (NAMA_MANIFEST,)]
    if len(manifest_zip) != 1:
        return HasilPeriksa((f"arsip harus memuat tepat satu <folder>/{NAMA_MANIFEST}",), None, 0)
    atas = manifest_zip[0][: -len(NAMA_MANIFEST)]
    isi_manifest = zf.read(manifest_zip[0])
    sidik_manifest = sidik_bytes(isi_manifest)
    masalah: list[str] = []
    try:
        manifest = json.loads(isi_manifest.decode("utf-8"))
        daftar = _daftar_berkas(manifest)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as e:
        return HasilPeriksa((f"{NAMA_MANIFEST} tidak dapat dibaca: {e}",), sidik_manifest, 0)

    ada = {}
    for nama in nama_semua:
        if not nama.startswith(atas):
            masalah.append(f"{nama}: berkas di luar folder {atas}")
        elif nama != manifest_zip[0]:
            ada[nama[len(atas) :]] = _sha256_entri(zf, nama)
    masalah += _banding(daftar, ada)

    komentar = zf.comment.decode("ascii", "replace")
    if not komentar.startswith(_KOMENTAR):
        masalah.append("komentar arsip yang memuat sidik manifest hilang atau berubah")
    elif komentar[len(_KOMENTAR) :] != sidik_manifest:
        masalah.append(f"{NAMA_MANIFEST} berubah: sha256-nya tidak sama dengan sidik di arsip")
    masukan = manifest.get("masukan")
    if not isinstance(masukan, dict) or manifest.get("sidik_masukan") != sidik_pendek(masukan):
        masalah.append(f"{NAMA_MANIFEST}: sidik_masukan tidak sesuai daftar masukan")
    if sidik is not None:
        diharapkan = sidik.strip().lower()
        if len(diharapkan) < SIDIK_MINIMUM or not sidik_manifest.startswith(diharapkan):
            masalah.append(
                f"sidik manifest {sidik_manifest} tidak sama dengan sidik dari pengirim "
                f"{sidik.strip()} (minimal {SIDIK_MINIMUM} karakter pertama)"
            )
    return HasilPeriksa(tuple(masalah), sidik_manifest, len(ada))


def _daftar_berkas(manifest: Mapping[str, Any]) -> dict[str, str]:
    keluaran_, bundel = dict(manifest["keluaran"]), dict(manifest["bundel"])
    if set(keluaran_) & set(bundel) or NAMA_MANIFEST in {*keluaran_, *bundel}:
        raise ValueError("bagian keluaran dan bundel mencantumkan berkas yang sama")
    return {**keluaran_, **bundel}


def _sha256_entri(zf: zipfile.ZipFile, nama: str) -> str:
    with zf.open(nama) as f:
        return sha256_aliran(f)


def _banding(tercatat: Mapping[str, str], ada: Mapping[str, str]) -> list[str]:
    """Differences between the listed files and the files found, one message each."""
    masalah = [f"{n}: tercantum di manifest tetapi tidak ada" for n in tercatat if n not in ada]
    masalah += [
        f"{n}: isi berubah (sha256 tidak sama dengan manifest)"
        for n in tercatat
        if n in ada and ada[n] != tercatat[n]
    ]
    masalah += [f"{n}: tidak tercantum di manifest" for n in ada if n not in tercatat]
    return masalah


def _readme(tahun: int, keluaran_: Mapping[str, str], tambahan: Mapping[str, bytes]) -> str:
    berkas = sorted({*keluaran_, *tambahan, NAMA_MANIFEST})
    return _README.format(
        tahun=tahun,
        daftar="\n".join(f"  lkip-{tahun}/{n}" for n in berkas),
        reviu=(
            "\n- reviu.csv: hasil reviu angka: setiap angka yang dicetak laporan dibandingkan"
            "\n  dengan hasil hitung ulang."
            if "reviu.csv" in keluaran_
            else ""
        ),
        minimum=SIDIK_MINIMUM,
    )


_README = """\
LKIP TAHUN {tahun}: BUNDEL UNTUK REVIU
======================================

Isi bundel
----------
- lkip-{tahun}.html: laporan dalam satu berkas. Dapat dibuka di peramban tanpa internet;
  tidak memuat apa pun dari luar berkas.
- lkip-{tahun}.pdf: laporan yang sama dalam ukuran A4 (PDF/A-3b). Halaman terakhirnya memuat
  commit kode dan sidik data masukan yang dipakai; setiap berkas data masukan dan manifest-nya
  terlampir di dalam PDF (buka panel lampiran di pembaca PDF), dan dapat diperiksa dari PDF
  saja: make verify FILE=lkip-{tahun}.pdf
- lkip-{tahun}.docx: laporan yang sama untuk disunting di Word.
- lkip-{tahun}-tabel.xlsx: setiap tabel laporan sebagai satu sheet, dan sheet "Reviu" sebagai
  kertas kerja reviu angka (dapat disaring per status).
- notebooks/*.html: setiap bab beserta kode perhitungannya, untuk dibaca di peramban.
- notebooks/*.ipynb: notebook yang dieksekusi, untuk dibuka di JupyterLab.{reviu}
- manifest.json: asal-usul laporan: tahun dan parameter, commit git (dan apakah ada
  perubahan yang belum di-commit), setiap berkas data masukan dengan sha256-nya, versi
  Python dan paket utama, waktu pembuatan, serta sha256 setiap berkas dalam bundel
  (bagian "keluaran" untuk hasil render, bagian "bundel" untuk halaman notebook dan
  berkas ini).
- BACA-SAYA.txt: berkas ini.

Berkas yang semestinya ada, tidak lebih dan tidak kurang:
{daftar}

Cara memeriksa
--------------
1. Sidik bundel. Pengirim menyampaikan sidik bundel, yaitu sha256 dari manifest.json,
   melalui jalur yang terpisah dari bundel ini (isi surel, pesan, atau telepon). Hitung
   sha256 manifest.json lalu bandingkan, paling sedikit {minimum} karakter pertamanya:
     Windows:        certutil -hashfile manifest.json SHA256
     Linux:          sha256sum manifest.json
     macOS:          shasum -a 256 manifest.json
   Hanya langkah ini yang membuktikan bundel tidak diganti seluruhnya oleh pihak lain.

2. Setiap berkas. Hitung sha256 setiap berkas dengan perintah yang sama dan bandingkan
   dengan nilainya di manifest.json. Semua harus sama, dan tidak boleh ada berkas lain.

3. Dengan proyek lkip, langkah 1 dan 2 dijalankan sekaligus:
     make verify-bundle FILE=lkip-{tahun}-bundel.zip SIDIK=<sidik dari pengirim>
   Pemeriksaan ini juga membandingkan sha256 manifest.json dengan sidik yang disimpan
   dalam komentar arsip zip, sehingga perubahan pada manifest.json pun ketahuan.

Mengapa sidik dikirim terpisah
------------------------------
manifest.json mencantumkan sha256 semua berkas lain, sehingga satu sidik manifest mewakili
seluruh isi bundel: mengubah satu bita di berkas mana pun mengubah sha256 berkas itu, dan
mengubah manifest mengubah sidiknya. Manifest tidak dapat memuat sidiknya sendiri, dan
laporan tidak dapat memuatnya karena laporan tercantum di dalam manifest. Komentar arsip
zip hanya menangkap perubahan yang tidak disengaja; siapa pun yang dapat menulis ulang zip
dapat pula menulis ulang komentarnya. Karena itu sidik dari pengirim yang menentukan.

Sidik data masukan
------------------
Halaman terakhir laporan mencantumkan "sidik data masukan": 12 karakter pertama sha256
dari daftar "masukan" di manifest.json yang ditulis seperti keluaran sha256sum (sha256,
dua spasi, path; satu baris per berkas, urut menurut path). Pemegang data dapat
menghitungnya ulang untuk memastikan laporan dibuat dari data yang sama.
"""
