"""Core: paths, errors, number parsing and rounding, Indonesian formatting, fingerprints, versions.

Every other layer may import it; it imports no other part of lkip.
"""
