"""Assemble executed chapter notebooks into one self-contained HTML report and an A4 PDF.

Only what a reader of the LKIP should see survives: the HTML, Markdown and image outputs of
each chapter's code cells. Markdown and raw cells are notes for analysts working in JupyterLab,
not report text, so they are dropped with the code, prompts, streams and errors (streams and
errors are logged so a warning printed by a notebook is never silently lost). The result
fetches nothing: no script, no stylesheet, font or image from the network, so the HTML opens
offline. The PDF is laid out from the same parts (``lkip.build.pdf``).
"""

from __future__ import annotations

import copy
import functools
import logging
import re
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup, Tag
from markupsafe import Markup

from lkip.build.ekspor_html import EksporHtml, sup
from lkip.build.tabel_html import TABEL_LEBAR_KOLOM
from lkip.build.templat import TEMPLATES_DIR, templat
from lkip.presentation.html_layar import satuan_utuh, tandai_kolom_pertama

log = logging.getLogger(__name__)


# Outputs a reader sees; everything else (text/plain reprs, javascript, widgets) is dropped.
SHOWN_MIMETYPES = ("text/html", "text/markdown", "image/svg+xml", "image/png", "image/jpeg")

# A table with more body rows than this may split across pages (rows stay whole); a shorter
# one is kept on one page so a reader never turns a page in the middle of a small table.
TABEL_PANJANG_BARIS = 20

# Wrappers of nbconvert's "basic" template; unwrapped so the chapter is a flat run of the
# fragments the notebook displayed and print rules (keep heading with next) apply between them.
_NBCONVERT_WRAPPERS = frozenset(
    {
        "cell",
        "output_wrapper",
        "output",
        "output_area",
        "output_subarea",
        "inner_cell",
        "text_cell_render",
    }
)
# Elements that fetch or run something when the document is opened.
_FETCHING_TAGS = (
    "script",
    "noscript",
    "link",
    "iframe",
    "frame",
    "object",
    "embed",
    "base",
    "meta",
    "audio",
    "video",
    "source",
    "track",
    "form",
)
_URL_ATTRIBUTES = ("src", "href", "xlink:href", "srcset", "poster", "data", "action", "background")
_EXTERNAL_CSS = re.compile(r"@import|url\(\s*['\"]?\s*(?!data:|#)", re.IGNORECASE)
# Reserved ids of the template's own landmarks.
_TEMPLATE_IDS = ("sampul", "daftar-isi", "catatan-kaki")

NotebookSource = Path | nbformat.NotebookNode


@dataclass(frozen=True)
class BabHtml:
    """A chapter already turned into its body fragment by :func:`chapter_html`.

    Lets a rebuild reuse the fragments of chapters that did not change (``lkip.build.pipeline``).
    """

    nama: str  # the chapter, e.g. "03_capaian_kinerja"
    html: str


Bab = NotebookSource | BabHtml


@dataclass(frozen=True)
class ReportMeta:
    """Identity of the report, printed on the cover and in the running header."""

    instansi: str
    kabupaten: str
    tahun: int
    alamat: str = ""
    motto: str = ""
    catatan_kaki: str = ""


@dataclass(frozen=True)
class TocEntry:
    level: int
    label: str
    anchor: str
    depan: bool  # front matter (before BAB I): numbered i, ii, iii


def chapter_html(notebook: NotebookSource) -> str:
    """The body fragment of one executed chapter: its displayed outputs, nothing else."""
    nb = _load(notebook)
    name = _name(notebook, nb)
    _keep_shown_outputs(nb, name)
    with _KUNCI_EKSPOR:  # chapters are converted from several threads
        body, _ = _pengekspor().from_notebook_node(nb)
    soup = sup(body, name)
    _unwrap_nbconvert(soup)
    strip_fetching(soup, name)
    _rapikan(soup)
    return str(soup)


def html_rapi(html: str) -> str:
    """A chapter written as HTML (the recap's) with the marks :func:`chapter_html` gives an
    executed chapter for print and for phones."""
    soup = BeautifulSoup(html, "html.parser")
    _rapikan(soup)
    return str(soup)


def _rapikan(soup: BeautifulSoup) -> None:
    """Long tables may break across pages and wide ones print smaller; a number keeps its
    unit on its line; a table's first column stays in view while the table scrolls."""
    _mark_tables(soup)
    satuan_utuh(soup)
    for table in soup.select("figure.tabel table"):
        tandai_kolom_pertama(table)


_KUNCI_EKSPOR = threading.Lock()


@functools.cache
def _pengekspor() -> EksporHtml:
    """One exporter per process: building one compiles its templates."""
    return EksporHtml(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


@dataclass(frozen=True)
class Naskah:
    """The report ready to be written: chapter fragments with heading ids, and the Daftar Isi.

    The HTML report is written whole (:meth:`html`); the PDF is laid out part by part
    (``lkip.build.pdf``), each part a document of its own, so a rebuild lays out only what changed.
    """

    meta: ReportMeta
    depan: tuple[Markup, ...]  # chapters before the Daftar Isi
    utama: tuple[Markup, ...]  # chapters after it, from BAB I
    toc: tuple[TocEntry, ...]

    def html(self, halaman: Mapping[str, str] | None = None) -> str:
        """The whole report: cover, front chapters, Daftar Isi, chapters, closing note; the
        Daftar Isi shows ``halaman`` (anchor -> the page number the PDF gave it)."""
        return self._render(
            sampul=True,
            depan=self.depan,
            toc=self.toc,
            utama=self.utama,
            kaki=True,
            nomor=halaman,
        )

    def html_depan(self, halaman: Mapping[str, int]) -> str:
        """Cover, front chapters and Daftar Isi; a chapter heading's entry shows ``halaman``."""
        return self._render(sampul=True, depan=self.depan, toc=self.toc, halaman=halaman)

    def html_bab(self, index: int, halaman_awal: int) -> str:
        """Chapter ``index`` of :attr:`utama` alone, its first page numbered ``halaman_awal``."""
        return self._render(utama=self.utama[index : index + 1], halaman_awal=halaman_awal)

    def html_kaki(self, halaman_awal: int) -> str | None:
        """The closing note alone on a page numbered ``halaman_awal``; None without a note."""
        if not self.meta.catatan_kaki:
            return None
        return self._render(kaki=True, halaman_awal=halaman_awal)

    def _render(
        self,
        *,
        sampul: bool = False,
        depan: Sequence[Markup] = (),
        toc: Sequence[TocEntry] = (),
        utama: Sequence[Markup] = (),
        kaki: bool = False,
        halaman: Mapping[str, int] | None = None,
        nomor: Mapping[str, str] | None = None,
        halaman_awal: int | None = None,
    ) -> str:
        return templat("report.html.j2").render(
            meta=self.meta,
            css=Markup((TEMPLATES_DIR / "report.css").read_text(encoding="utf-8")),
            kop=css_string(f"LKIP {self.meta.instansi} Tahun {self.meta.tahun}"),
            sampul=sampul,
            depan=depan,
            toc=toc,
            utama=utama,
            kaki=kaki,
            halaman=halaman or {},
            nomor=nomor or {},
            halaman_awal=halaman_awal,
        )


def susun_naskah(chapters: Sequence[Bab], meta: ReportMeta, daftar_isi_setelah: int = 0) -> Naskah:
    """The report of these chapters; the Daftar Isi follows the first ``daftar_isi_setelah``."""
    if not 0 <= daftar_isi_setelah <= len(chapters):
        raise ValueError(
            f"daftar_isi_setelah={daftar_isi_setelah} must be between 0 and {len(chapters)}"
        )
    soups = [
        BeautifulSoup(c.html if isinstance(c, BabHtml) else chapter_html(c), "html.parser")
        for c in chapters
    ]
    toc = _anchor_headings(soups, daftar_isi_setelah)
    bodies = [Markup(str(s)) for s in soups]
    return Naskah(
        meta=meta,
        depan=tuple(bodies[:daftar_isi_setelah]),
        utama=tuple(bodies[daftar_isi_setelah:]),
        toc=tuple(toc),
    )


def render_html(chapters: Sequence[Bab], meta: ReportMeta, daftar_isi_setelah: int = 0) -> str:
    """The whole report as one HTML document; the Daftar Isi follows the first N chapters."""
    return susun_naskah(chapters, meta, daftar_isi_setelah).html()


def css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string safe inside <style> (quotes, backslash, ``</`` escaped)."""
    escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):06x}" for c in text)
    return Markup(f'"{escaped}"')


def slug(text: str) -> str:
    """A readable ASCII id for a heading: "1.1 Latar Belakang" -> "1-1-latar-belakang"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "bagian"


def _load(notebook: NotebookSource) -> nbformat.NotebookNode:
    if isinstance(notebook, nbformat.NotebookNode):
        return copy.deepcopy(notebook)
    return nbformat.read(Path(notebook), as_version=4)


def _name(notebook: NotebookSource, nb: nbformat.NotebookNode) -> str:
    """What log messages call a chapter: its file, or the file papermill wrote it to."""
    if not isinstance(notebook, nbformat.NotebookNode):
        return str(notebook)
    return nb.metadata.get("papermill", {}).get("output_path") or "notebook"


def _keep_shown_outputs(nb: nbformat.NotebookNode, name: str) -> None:
    """Keep only code cells' displayed outputs, logging the text of streams and errors."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        kept = []
        for output in cell.get("outputs", []):
            kind = output.output_type
            if kind == "stream":
                log.warning("%s cell %d: dropped %s: %s", name, index, output.name, output.text)
            elif kind == "error":
                log.warning(
                    "%s cell %d: dropped error %s: %s", name, index, output.ename, output.evalue
                )
            else:
                data = {k: v for k, v in output.get("data", {}).items() if k in SHOWN_MIMETYPES}
                if data:
                    output.data = data
                    kept.append(output)
                else:
                    log.warning(
                        "%s cell %d: dropped %s output with %s",
                        name,
                        index,
                        kind,
                        sorted(output.get("data", {})),
                    )
        cell.outputs = kept
    # Dropped after the loop so that logged cell numbers match the notebook's own.
    nb.cells = [cell for cell in nb.cells if cell.cell_type == "code"]


def _unwrap_nbconvert(soup: BeautifulSoup) -> None:
    for div in soup.find_all("div"):
        if _NBCONVERT_WRAPPERS.intersection(div.get("class", [])):
            div.unwrap()
    for anchor in soup.select("a.anchor-link"):
        anchor.decompose()
    soup.smooth()
    for blank in soup.find_all(string=lambda text: not text.strip(), recursive=False):
        blank.replace_with("\n")


def _is_local(url: str, tag_name: str) -> bool:
    url = url.strip().lower()
    if url.startswith(("data:", "#")):
        return True
    return tag_name == "a" and url.startswith(("mailto:", "tel:"))


def strip_fetching(soup: BeautifulSoup, name: str) -> None:
    """Remove whatever would reach outside the document (network, disk, scripts)."""
    for tag in soup.find_all(_FETCHING_TAGS):
        log.warning("%s: removed <%s> from report", name, tag.name)
        tag.decompose()
    for tag in soup.find_all(True):
        for attr in _URL_ATTRIBUTES:
            url = tag.get(attr)
            if url is None or _is_local(str(url), tag.name):
                continue
            log.warning("%s: removed %s=%r from <%s>", name, attr, url, tag.name)
            del tag[attr]
        if _EXTERNAL_CSS.search(tag.get("style", "")):
            del tag["style"]
        for event in [a for a in tag.attrs if a.lower().startswith("on")]:
            del tag[event]
    for style in soup.find_all("style"):
        if _EXTERNAL_CSS.search(style.get_text()):
            log.warning("%s: removed <style> that loads external resources", name)
            style.decompose()


def _mark_tables(soup: BeautifulSoup) -> None:
    """Class the tables that print differently: long ones split, wide ones are set smaller."""
    for figure in soup.select("figure.tabel"):
        kelas = figure.get("class", [])
        if len(figure.select("tbody tr")) > TABEL_PANJANG_BARIS:
            kelas = [*kelas, "tabel-panjang"]
        if _kolom(figure) >= TABEL_LEBAR_KOLOM:
            kelas = [*kelas, "tabel-lebar"]
        figure["class"] = kelas


def _kolom(figure: Tag) -> int:
    """Columns of the table in ``figure``: the widest row, counting spanned cells."""
    return max(
        (
            sum(int(cell.get("colspan") or 1) for cell in row.find_all(["td", "th"]))
            for row in figure.select("tr")
        ),
        default=0,
    )


def _heading_label(heading: Tag) -> str:
    return " ".join(heading.get_text(" ").split())


def _anchor_headings(soups: Sequence[BeautifulSoup], daftar_isi_setelah: int) -> list[TocEntry]:
    """Give every h1/h2 a unique id and list them, in document order, for the Daftar Isi."""
    headings = [(i, h) for i, s in enumerate(soups) for h in s.find_all(["h1", "h2"])]
    used = set(_TEMPLATE_IDS)
    used |= {t["id"] for s in soups for t in s.find_all(id=True) if t.name not in ("h1", "h2")}
    toc = []
    for chapter, heading in headings:
        label = _heading_label(heading)
        base = slug(str(heading.get("id") or label))
        anchor, n = base, 1
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        used.add(anchor)
        heading["id"] = anchor
        toc.append(TocEntry(int(heading.name[1]), label, anchor, chapter < daftar_isi_setelah))
    depan = sum(e.depan for e in toc)
    toc.insert(depan, TocEntry(1, "DAFTAR ISI", "daftar-isi", True))
    return toc
