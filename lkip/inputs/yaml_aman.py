"""Loading an analyst's YAML file safely, with problems told in Bahasa Indonesia.

YAML can make a small file huge (anchors and aliases: a "billion laughs" of 54 KB becomes
hundreds of MB) or deep enough to exhaust Python's stack; neither is needed to write a profile
or prose. So anchors and aliases are refused, nesting is limited to :data:`BATAS_KEDALAMAN`
and the file to :data:`BATAS_UKURAN` bytes. Parser messages are translated, with the line.
The line of every key is kept so that schema problems can name it too (:class:`Yaml`).

A file is parsed by libyaml (PyYAML's C parser, ten times faster on a year's narasi.yaml),
which implements the same YAML 1.1 grammar, and the document is built from its events by the
same code with the same checks. When libyaml cannot read a file, for any reason, PyYAML's own
parser reads it again and gives the verdict: its messages are the ones translated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, SequenceNode
from yaml.resolver import Resolver

try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml: the pure-Python parser alone
    CParser = None

from lkip.core.errors import Masalah
from lkip.inputs.berkas_mentah import baca_bytes, teks_utf8

__all__ = ["BATAS_KEDALAMAN", "BATAS_UKURAN", "Yaml", "baca_yaml"]

BATAS_UKURAN = 2 * 1024 * 1024
"""Largest YAML file read, in bytes; a year's narasi.yaml is some 50 KB."""
BATAS_KEDALAMAN = 32
"""Deepest nesting accepted; the project's files nest at most five levels."""

# The PyYAML problems an analyst meets, in their words; others get the general advice.
_MASALAH_YAML = {
    "mapping values are not allowed here": (
        "ada titik dua diikuti spasi di tengah teks; beri tanda kutip pada teks itu"
    ),
    "could not find expected ':'": "tanda titik dua (:) setelah nama kunci tidak ditemukan",
    "found character '\\t' that cannot start any token": (
        "ada karakter tab; YAML memakai spasi untuk indentasi"
    ),
    "found unexpected end of stream": "tanda kutip atau kurung tidak ditutup",
    "did not find expected key": "indentasi tidak sejajar dengan kunci di atasnya",
    "did not find expected '-' indicator": "indentasi butir daftar (- ...) tidak sejajar",
    "expected <block end>, but found '<block mapping start>'": (
        "indentasi tidak sejajar dengan baris di atasnya"
    ),
    "found unhashable key": "nama kunci tidak boleh berupa daftar atau pemetaan",
    "did not find expected node content": "ada nilai yang kosong atau diawali tanda khusus",
    "found undefined tag handle": "tanda ! (tag YAML) tidak dipakai di berkas ini",
}
_SARAN = (
    "periksa indentasi dan tanda titik dua, dan beri tanda kutip pada teks yang memuat titik "
    "dua atau diawali tanda khusus (@ * & ! | > { [ % `)"
)


class _Ditolak(yaml.YAMLError):
    """A construct this project does not accept, with the line it starts on."""

    def __init__(self, pesan: str, baris: int | None) -> None:
        super().__init__(pesan)
        self.pesan = pesan
        self.baris = baris


class _KomposisiAman(Composer):
    """Composing a document without anchors and aliases, and with a nesting limit."""

    _kedalaman = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        baris = event.start_mark.line + 1 if event.start_mark is not None else None
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            pesan = (
                "anchor dan alias YAML (tanda & dan *) tidak diterima; tulis isinya langsung "
                "(jika tanda itu bagian dari teks, beri tanda kutip pada teksnya)"
            )
            raise _Ditolak(pesan, baris)
        self._kedalaman += 1
        if self._kedalaman > BATAS_KEDALAMAN:
            pesan = f"bertingkat terlalu dalam (lebih dari {BATAS_KEDALAMAN} tingkat)"
            raise _Ditolak(pesan, baris)
        try:
            return super().compose_node(parent, index)
        finally:
            self._kedalaman -= 1


class _PemuatAman(_KomposisiAman, yaml.SafeLoader):
    """PyYAML's safe loader (pure Python) with the composition above."""


if CParser is not None:

    class _PemuatCepat(_KomposisiAman, CParser, SafeConstructor, Resolver):
        """The same loader over libyaml's parser: ``yaml.CSafeLoader`` with the composition
        above (Composer's methods come before CParser's own in the MRO)."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)


@dataclass
class Yaml:
    """A YAML file's content and the line where each key or list item starts.

    ``baris`` maps a path (keys as written, list positions as ints) to its line, so that
    ``baris_dari(("misi", 0, "tujuan"))`` names the line of a problem found later.
    """

    isi: Any
    baris: dict[tuple, int] = field(default_factory=dict)

    def baris_dari(self, jalur: tuple) -> int | None:
        """The line of ``jalur`` or of its nearest ancestor that was written in the file."""
        jalur = tuple(jalur)
        while jalur:
            kunci = tuple(str(b) for b in jalur)
            if kunci in self.baris:
                return self.baris[kunci]
            jalur = jalur[:-1]
        return None


def _peta_baris(node: Node, jalur: tuple, peta: dict[tuple, int]) -> None:
    if isinstance(node, MappingNode):
        for kunci, nilai in node.value:
            sub = (*jalur, str(kunci.value))
            peta[sub] = kunci.start_mark.line + 1
            _peta_baris(nilai, sub, peta)
    elif isinstance(node, SequenceNode):
        for i, nilai in enumerate(node.value):
            sub = (*jalur, str(i))
            peta[sub] = nilai.start_mark.line + 1
            _peta_baris(nilai, sub, peta)


def _terjemah(exc: yaml.MarkedYAMLError) -> str:
    masalah = (exc.problem or "").strip()
    for asli, arti in _MASALAH_YAML.items():
        if masalah.startswith(asli):
            return f"penulisan YAML tidak valid: {arti}"
    if masalah.startswith("found duplicate anchor") or masalah.startswith("found undefined alias"):
        return "anchor dan alias YAML (tanda & dan *) tidak diterima; tulis isinya langsung"
    if masalah.startswith("could not determine a constructor"):
        return "tanda ! (tag YAML) tidak diterima; tulis nilainya langsung"
    return f"penulisan YAML tidak valid; {_SARAN}"


def baca_yaml(path: Path, berkas: str) -> tuple[Yaml | None, list[Masalah]]:
    """Read ``path`` safely; ``None`` and the problems when it cannot be read as YAML."""
    data, masalah = baca_bytes(path, berkas, BATAS_UKURAN)
    if data is None:
        return None, masalah
    teks, masalah = teks_utf8(data, berkas, "YAML")
    if teks is None:
        return None, [
            Masalah(m.berkas, m.baris, m.kolom, m.nilai, m.pesan.replace(" CSV", " YAML"))
            for m in masalah
        ]
    dokumen = _baca_cepat(teks)
    if dokumen is not None:
        return dokumen, []
    try:
        pemuat = _PemuatAman(teks)  # refuses control characters already
    except yaml.YAMLError:
        pesan = "berisi karakter kendali yang tidak boleh ada di YAML; hapus karakter itu"
        return None, [Masalah(berkas, None, None, None, pesan)]
    try:
        node = pemuat.get_single_node()
        isi = pemuat.construct_document(node) if node is not None else None
    except _Ditolak as exc:
        return None, [Masalah(berkas, exc.baris, None, None, exc.pesan)]
    except yaml.MarkedYAMLError as exc:
        tanda = exc.problem_mark or exc.context_mark
        baris = tanda.line + 1 if tanda is not None else None
        return None, [Masalah(berkas, baris, None, None, _terjemah(exc))]
    except yaml.YAMLError:
        return None, [Masalah(berkas, None, None, None, f"penulisan YAML tidak valid; {_SARAN}")]
    except ValueError:  # a date YAML recognises but the calendar does not (2024-02-30)
        pesan = (
            "ada tanggal yang tidak ada di kalender; tulis sebagai YYYY-MM-DD, misalnya 2024-01-22"
        )
        return None, [Masalah(berkas, None, None, None, pesan)]
    except RecursionError:  # defensive: the nesting limit should stop this first
        pesan = f"bertingkat terlalu dalam (lebih dari {BATAS_KEDALAMAN} tingkat)"
        return None, [Masalah(berkas, None, None, None, pesan)]
    finally:
        pemuat.dispose()
    return _yaml(isi, node), []


def _baca_cepat(teks: str) -> Yaml | None:
    """``teks`` read with libyaml; None when it cannot be, and the pure-Python reader says why."""
    if CParser is None:
        return None
    try:
        pemuat = _PemuatCepat(teks)
        try:
            node = pemuat.get_single_node()
            isi = pemuat.construct_document(node) if node is not None else None
        finally:
            pemuat.dispose()
    except Exception:  # any failure at all: the pure-Python reader decides and words it
        return None
    return _yaml(isi, node)


def _yaml(isi: Any, node: Node | None) -> Yaml:
    peta: dict[tuple, int] = {}
    if node is not None:
        _peta_baris(node, (), peta)
    return Yaml(isi, peta)
