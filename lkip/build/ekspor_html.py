"""nbconvert's HTML export, parsed once.

``HTMLExporter.from_notebook_node`` renders its template, parses the page with BeautifulSoup to
add two accessibility touches (a default alt text on images without one, ``tabindex`` on code
inputs and outputs), and prints it again; the report and the bundle then parse that text once
more to make it their own. The parse and print are a third of a chapter's conversion. So
:class:`EksporHtml` stops after the template, and :func:`sup` parses its page once, with
nbconvert's touches added to that one parse: the page is the same, character for character
(``tests/test_ekspor_html.py`` checks it on every chapter).
"""

from __future__ import annotations

import logging
from typing import Any

from bs4 import BeautifulSoup
from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from nbformat import NotebookNode

log = logging.getLogger(__name__)

# nbconvert's default alt text, word for word, so the page is the one it would have made.
ALT_BAWAAN = "No description has been provided for this image"


class EksporHtml(HTMLExporter):
    """``HTMLExporter`` (nbconvert 7) whose ``from_notebook_node`` returns the template's page
    as rendered: what its own BeautifulSoup pass would add, :func:`sup` adds.

    The notebook is validated once, after every preprocessor, not after each of them
    (``optimistic_validation``): the preprocessors are nbconvert's own.
    """

    def __init__(self, **kw: Any) -> None:
        super().__init__(optimistic_validation=True, **kw)

    def from_notebook_node(  # type: ignore[override]
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[str, dict[str, Any]]:
        # HTMLExporter.from_notebook_node up to its template, as nbconvert 7.17 has it
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        highlight_code = self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
        )
        resources = self._init_resources(resources)
        filter_data_type = WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources
        )
        self.register_filter("highlight_code", highlight_code)
        self.register_filter("filter_data_type", filter_data_type)
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)


def sup(html: str, name: str) -> BeautifulSoup:
    """The page of :class:`EksporHtml` parsed, with what ``HTMLExporter`` adds to it: alt text
    on images without one, and ``tabindex="0"`` on code inputs and outputs."""
    soup = BeautifulSoup(html, "html.parser")
    tanpa_alt = soup.select("img:not([alt])")
    for elem in tanpa_alt:
        elem.attrs["alt"] = ALT_BAWAAN
    if tanpa_alt:
        log.warning("%s: %d image(s) without alternative text", name, len(tanpa_alt))
    for pilih in (".jp-Notebook div.jp-Cell-inputWrapper", ".jp-Notebook div.jp-OutputArea-output"):
        for elem in soup.select(pilih):
            elem.attrs["tabindex"] = "0"
    return soup
