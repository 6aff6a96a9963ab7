"""Optional modules lkip's processes do without: marked absent, so nothing imports them.

Some installed packages are imported by others "when available", at a cost paid on every run:
- ``rfc3987_syntax``: jsonschema's IRI format checker (jsonschema is under nbformat, hence
  papermill and nbconvert) compiles some 35 Lark grammars at import, one to two seconds, for
  the "iri" formats no notebook schema uses (python-jsonschema/jsonschema#1428). Left out
  wherever :mod:`lkip.build` is imported; jsonschema then skips that one checker.
- ``hypothesis``: pandera imports it for its test-data strategies (it is installed for lkip's
  own tests). Left out of command runs and chapter kernels, which never synthesize data; the
  tests keep it.
"""

import sys
from collections.abc import Iterable

TANPA_IRI = ("rfc3987_syntax",)
TANPA_DATA_UJI = ("hypothesis",)


def lewati(modul: Iterable[str]) -> None:
    """Mark ``modul`` absent for this process, unless already imported."""
    for m in modul:
        sys.modules.setdefault(m, None)  # type: ignore[arg-type]
