"""lkip: the LKIP (Laporan Kinerja Instansi Pemerintah) of a kecamatan, computed from data."""

__version__ = "0.1.0"
