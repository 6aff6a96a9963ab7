"""Formulas: capaian, anggaran, IDM, IKM, predikat, pegawai: pure functions citing regulations.

No I/O and no sentences: a formula takes numbers or tables and returns numbers, labels or
tables. Only ``lkip.core`` is imported.
"""
