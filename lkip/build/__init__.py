"""The build: the pipeline that renders a year, its cache and kernels, the assembly of HTML and
PDF, the manifest and the reviewers' bundle.
"""

from lkip.core.impor import TANPA_IRI, lewati

lewati(TANPA_IRI)  # see lkip.core.impor
