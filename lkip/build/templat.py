"""The Jinja templates of the published pages (``lkip/build/templates/``): the report, the
reviewers' portal. One environment, so every page escapes and trims the same way."""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, Template

TEMPLATES_DIR = Path(__file__).parent / "templates"


@functools.cache
def templat(nama: str) -> Template:
    """The template ``nama`` of ``TEMPLATES_DIR``, with HTML escaping on."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template(nama)
