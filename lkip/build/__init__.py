"""The build: the pipeline that renders a year, its cache and kernels, the assembly of HTML and
PDF, the manifest and the reviewers' bundle.
"""

import sys

# nbformat (under papermill and nbconvert) imports jsonschema, which imports the optional IRI
# format checker rfc3987_syntax when it is installed; that module compiles some 35 Lark
# grammars at import: one to two seconds of every run, for the "iri" formats no notebook
# schema uses (python-jsonschema/jsonschema#1428). Marked absent (unless already loaded),
# jsonschema skips that one checker and validates notebooks as before.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
