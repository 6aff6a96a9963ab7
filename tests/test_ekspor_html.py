"""The export parsed once (lkip.build.ekspor_html) gives the page nbconvert's HTMLExporter gives."""

from __future__ import annotations

import logging

import nbformat
import pytest
from bs4 import BeautifulSoup
from jinja2 import DictLoader
from nbconvert import HTMLExporter
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from nbformat.validator import NotebookValidationError

from lkip.build import bundle
from lkip.build.ekspor_html import ALT_BAWAAN, EksporHtml, sup

PNG = (  # one pixel
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def _konfigurasi() -> dict[str, dict]:
    """The two exports lkip makes: the report's chapters and the bundle's notebook pages."""
    return {
        "bab": {
            "template_name": "basic",
            "exclude_input": True,
            "exclude_input_prompt": True,
            "exclude_output_prompt": True,
        },
        "bundel": {
            "template_name": "lab",
            "template_file": bundle._TEMPLATE_NOTEBOOK,
            "extra_loaders": [DictLoader({bundle._TEMPLATE_NOTEBOOK: bundle._LAB_LURING})],
        },
    }


def _notebook() -> nbformat.NotebookNode:
    """Code shown and hidden, an image without alt text, HTML with one, entities and Markdown."""
    html = '<p>Rp&nbsp;1.000 &amp; <b>96,82&thinsp;%</b></p><img alt="grafik" src="data:,">'
    return new_notebook(
        cells=[
            new_markdown_cell("# Judul & *catatan*"),
            new_code_cell(
                "display(x)",
                outputs=[
                    new_output("display_data", data={"image/png": PNG, "text/plain": "<Gambar>"}),
                    new_output("display_data", data={"text/html": html}),
                ],
            ),
            new_code_cell("print('a < b')", outputs=[new_output("stream", text="a < b\n")]),
        ],
        metadata={"language_info": {"name": "python", "pygments_lexer": "ipython3"}},
    )


@pytest.mark.parametrize("jenis", ["bab", "bundel"])
def test_page_is_the_one_htmlexporter_makes(jenis: str) -> None:
    opsi = _konfigurasi()[jenis]
    nb = _notebook()
    asli, _ = HTMLExporter(**opsi).from_notebook_node(nb)
    sekali, _ = EksporHtml(**opsi).from_notebook_node(nb)
    # what lkip does next is parse the page: once the same, always the same
    assert str(sup(sekali, "uji")) == str(BeautifulSoup(asli, "html.parser"))
    assert ALT_BAWAAN in asli  # the notebook does exercise the added alt text


def test_alt_text_and_tabindex_are_added(caplog: pytest.LogCaptureFixture) -> None:
    sekali, _ = EksporHtml(**_konfigurasi()["bundel"]).from_notebook_node(_notebook())
    assert ALT_BAWAAN not in sekali and 'tabindex="0"' not in sekali  # the template's page
    with caplog.at_level(logging.WARNING, logger="lkip.build.ekspor_html"):
        soup = sup(sekali, "uji")
    assert [img["alt"] for img in soup.find_all("img")] == [ALT_BAWAAN, "grafik"]
    assert "uji: 1 image(s) without alternative text" in caplog.text
    masukan = soup.select(".jp-Notebook div.jp-Cell-inputWrapper")
    keluaran = soup.select(".jp-Notebook div.jp-OutputArea-output")
    assert len(masukan) == 3 and len(keluaran) == 3  # the Markdown cell has an input too
    assert {e.get("tabindex") for e in masukan + keluaran} == {"0"}


def test_validated_once_after_the_preprocessors() -> None:
    assert EksporHtml().optimistic_validation
    rusak = _notebook()
    rusak.cells[1].outputs[0]["output_type"] = "bukan_keluaran"  # not a valid notebook
    with pytest.raises(NotebookValidationError, match="bukan_keluaran"):
        EksporHtml().from_notebook_node(rusak)


@pytest.mark.slow
def test_every_chapter_page_is_the_one_htmlexporter_makes(laporan_2023) -> None:
    for jenis, opsi in _konfigurasi().items():
        asli_ekspor, sekali_ekspor = HTMLExporter(**opsi), EksporHtml(**opsi)
        for path in laporan_2023.notebooks:
            nb = nbformat.read(path, as_version=4)
            asli, _ = asli_ekspor.from_notebook_node(nb)
            sekali, _ = sekali_ekspor.from_notebook_node(nb)
            assert str(sup(sekali, path.stem)) == str(BeautifulSoup(asli, "html.parser")), (
                jenis,
                path.name,
            )
