"""HTML building blocks the chapter notebooks display.

Every text that comes from the data is escaped here, so a desa or program name holding markup
shows as text in the report. Notebooks call these functions instead of writing HTML.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import mistune
import pandas as pd
from bs4 import BeautifulSoup
from IPython.display import HTML, display
from markupsafe import Markup, escape

if TYPE_CHECKING:  # matplotlib loads with the first chart: most chapters draw none
    from matplotlib.figure import Figure


class _TanpaGambar(mistune.HTMLRenderer):
    """Markdown images become their (escaped) alt text: the report fetches nothing."""

    def image(self, text: str, url: str, title: str | None = None) -> str:
        return text


_markdown = mistune.create_markdown(escape=True, renderer=_TanpaGambar(escape=True))


def _show(html: str) -> None:
    display(HTML(html))


def markdown(teks: str) -> str:
    """Markdown (from narasi.yaml) to HTML; raw HTML in the text is escaped, not rendered."""
    return _markdown(teks)


def bab(nomor: str, judul: str) -> None:
    """A chapter heading; each chapter notebook starts with one."""
    label = f"{escape(nomor)}<br>{escape(judul)}" if nomor else escape(judul)
    _show(f'<h1 class="bab">{label}</h1>')


def subbab(judul: str) -> None:
    _show(f"<h2>{escape(judul)}</h2>")


def subjudul(judul: str) -> None:
    _show(f"<h3>{escape(judul)}</h3>")


def paragraf(*teks: str) -> None:
    """Paragraphs of Markdown prose."""
    _show("".join(markdown(t) for t in teks))


def kalimat(teks: str) -> None:
    """One computed sentence (plain text, escaped)."""
    _show(f"<p>{escape(teks)}</p>")


# CSS classes of the list types: a stylesheet cannot tell type="a" from type="A" (attribute
# selectors ignore the case of ``type`` in HTML), and WeasyPrint ignores the attribute itself.
KELAS_DAFTAR = {
    "1": "angka",
    "a": "huruf-kecil",
    "A": "huruf-besar",
    "i": "romawi-kecil",
    "I": "romawi-besar",
}


def daftar(butir: Iterable[str], bernomor: bool = True, gaya: str = "1") -> None:
    """A list of Markdown items; ``gaya`` is the HTML list type (1, a, A, i, I)."""
    items = "".join(f"<li>{_inline(b)}</li>" for b in butir)
    if bernomor:
        kelas = KELAS_DAFTAR[gaya]
        _show(f'<ol type="{escape(gaya)}" class="{kelas}">{items}</ol>')
    else:
        _show(f"<ul>{items}</ul>")


def _inline(teks: str) -> str:
    html = markdown(teks).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def tabel(
    df: pd.DataFrame,
    judul: str = "",
    angka: Sequence[str | tuple[str, str]] = (),
    catatan: str = "",
) -> None:
    """A numbered table: ``df`` holds display strings; columns named in ``angka`` align right.

    ``df`` may have two-level columns (e.g. Realisasi / Tahun 2022, Tahun 2023); ``angka`` then
    names a column by its sub-column ("Tahun 2023") or, where that is ambiguous, by both levels
    (("Anggaran", "Realisasi")).
    """
    _show(html_tabel(df, judul, angka, catatan))


def html_tabel(
    df: pd.DataFrame,
    judul: str = "",
    angka: Sequence[str | tuple[str, str]] = (),
    catatan: str = "",
) -> str:
    """The HTML :func:`tabel` shows, for documents built outside a notebook (the recap)."""
    html = df.to_html(index=False, escape=True, na_rep="–", border=0, classes="data")
    soup = BeautifulSoup(html, "html.parser")
    kolom = [c if isinstance(c, str) else c[-1] for c in df.columns]
    posisi = {i for i, c in enumerate(df.columns) if c in angka or (kolom[i] in angka)}
    for tr in soup.select("tbody tr"):
        for i, td in enumerate(tr.find_all("td")):
            if i in posisi:
                td["class"] = ["angka"]
    caption = f"<figcaption>{escape(judul)}</figcaption>" if judul else ""
    note = f'<p class="catatan">{escape(catatan)}</p>' if catatan else ""
    return f'<figure class="tabel">{caption}<div class="tabel-wrap">{soup}</div>{note}</figure>'


def gambar(fig: Figure | Sequence[Figure], judul: str, alt: str = "") -> None:
    """A chart embedded as SVG in the page itself (no external file, nothing fetched).

    Its alt text is ``alt``, or the caption followed by the data the figure states in its label
    (``lkip.presentation.charts``), so a screen reader hears the values. A chart cut into parts
    that each fit a page (a list, as ``charts.capaian_per_halaman`` gives) shows each part,
    its caption saying which ("bagian 1 dari 2").
    """
    _show(html_gambar(fig, judul, alt))


def html_gambar(fig: Figure | Sequence[Figure], judul: str, alt: str = "") -> str:
    """The HTML :func:`gambar` shows."""
    if not isinstance(fig, Sequence):
        return _html_satu_gambar(fig, judul, alt)
    n = len(fig)
    return "".join(
        _html_satu_gambar(f, judul if n == 1 else f"{judul} (bagian {k} dari {n})", alt)
        for k, f in enumerate(fig, start=1)
    )


def _html_satu_gambar(fig: Figure, judul: str, alt: str) -> str:
    import matplotlib

    buf = io.BytesIO()
    # Text stays text (not glyph outlines): sharper, searchable in the PDF, and far cheaper
    # for WeasyPrint to draw. The font is DejaVu Sans, matplotlib's and the report's own.
    # No date and fixed element ids: the same figure gives the same bytes on every run, so an
    # unchanged chapter's HTML and laid-out PDF part are found in the cache.
    # The whole figure, not its "tight" box: the charts' constrained layout already fits
    # everything inside, so the page is the figure's own width (the text width, LEBAR), and
    # matplotlib is spared a second layout pass (a fifth of the chart's time).
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "lkip"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return (
        '<figure class="grafik"><div class="grafik-wrap">'
        f'<img src="data:image/svg+xml;base64,{data}" '
        f'alt="{escape(alt or _alt(judul, fig))}"></div>'
        f"<figcaption>{escape(judul)}</figcaption></figure>"
    )


def _alt(judul: str, fig: Figure) -> str:
    data = fig.get_label()
    return f"{judul}. {data}" if data else judul


def tanda_tangan(tempat_tanggal: str, jabatan: str, nama: str, pangkat: str, nip: str) -> None:
    """The signature block of the head of office."""
    baris = [tempat_tanggal, jabatan.upper(), "", "", Markup(f"<strong>{escape(nama)}</strong>")]
    baris += [pangkat, f"NIP. {nip}"]
    isi = "<br>".join(str(escape(b)) if not isinstance(b, Markup) else str(b) for b in baris)
    _show(f'<div class="ttd"><p>{isi}</p></div>')
