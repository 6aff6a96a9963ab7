"""The report model: everything one year's LKIP shows (``Laporan``), the year's SKM/IKM data and
the analysis of its change, computed from the validated inputs with the formulas.
"""
