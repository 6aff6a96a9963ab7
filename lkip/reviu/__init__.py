"""Reviu angka: every figure a report prints, checked against recomputation.

Before an LKIP is published the Inspektorat reviews it (PermenPANRB 53/2014, "Tata Cara Reviu
atas Laporan Kinerja"). The published 2023 report of Kecamatan Panarukan contradicts its own
tables in several places, so this module does that review mechanically: the figures as printed
are data (``data/raw/<year>/dilaporkan.csv``: ``metrik``, ``lokasi``, ``dilaporkan``), each is
compared with the value the pipeline computes for the same ``metrik``, and a set of checks that
need no printed figure (parts against totals, shares against their parts, statuses against
capaian) runs on every report.

Metrik ids (documented for analysts in ``data/README.md``) are dotted paths; segments are
matched ignoring case, spaces and punctuation, and a name segment (program, desa) may be
abbreviated to its first word(s) when that is unambiguous (``anggaran.program.penunjang.pagu``):

- ``kinerja.<kode>.sasaran``, ``kinerja.<kode>.indikator`` (statements);
  ``kinerja.<kode>.<f>``: f = target, realisasi, capaian, target_akhir, capaian_akhir,
  target_lalu, realisasi_lalu, capaian_lalu, capaian_lebih (capaian − 100), tercapai
  (statement), arah (realisasi against last year: meningkat / menurun / tetap);
  ``kinerja.jumlah_sasaran``, ``kinerja.jumlah_indikator``.
- ``ikm.nilai``, ``ikm.mutu``, ``ikm.kinerja``; ``ikm.<U1..U9>.nrr|peringkat|mutu|kinerja``.
- ``sakip.nilai``, ``sakip.predikat``, ``sakip.interpretasi`` (the indicator with skala sakip).
- ``idm.<desa>.skor_lalu|skor_kini|status_lalu|status_kini|meningkat``;
  ``idm.persen_meningkat``, ``idm.jumlah_desa``, ``idm.jumlah_meningkat``,
  ``idm.berubah_status`` (list of desa whose status changed).
- ``anggaran.total.<f>``, ``anggaran.sasaran.<kode>.<f>``, ``anggaran.program.<program>.<f>``,
  ``anggaran.sasaran_program.<kode>.<program>.<f>``: f = pagu, realisasi, sisa, serapan,
  efisiensi; ``anggaran.sasaran.<kode>.efisien`` (statement); ``anggaran.jumlah_program``.
- ``iku.<kode>.formula``; ``teks.instansi``, ``teks.kabupaten``.

Rows this module adds itself are named ``cek.<metrik>`` (a printed share or capaian recomputed
from the printed parts in the same ``lokasi``, or an internal check) and
``jumlah.anggaran.<level>.<f>`` (printed parts summed).
"""

from lkip.reviu.banding import (
    PEMBULATAN,
    SESUAI,
    TIDAK_SESUAI,
    banding_angka,
    banding_rumus,
    bandingkan,
)
from lkip.reviu.cek import LOKASI_INTERNAL, cek_internal
from lkip.reviu.cetakan import Cetakan, baca_cetakan
from lkip.reviu.dilaporkan import baca_dilaporkan, periksa_dilaporkan
from lkip.reviu.hasil import (
    KOLOM,
    PENGANTAR,
    cetakan_laporan,
    reviu,
    ringkasan,
    tabel_temuan,
    tanpa_dilaporkan,
    teks_temuan,
    tulis_reviu,
)
from lkip.reviu.metrik import DaftarMetrik, Metrik, MetrikTidakDikenal, daftar_metrik

__all__ = [
    "KOLOM",
    "LOKASI_INTERNAL",
    "PEMBULATAN",
    "PENGANTAR",
    "SESUAI",
    "TIDAK_SESUAI",
    "Cetakan",
    "DaftarMetrik",
    "Metrik",
    "MetrikTidakDikenal",
    "baca_cetakan",
    "baca_dilaporkan",
    "banding_angka",
    "banding_rumus",
    "bandingkan",
    "cek_internal",
    "cetakan_laporan",
    "daftar_metrik",
    "periksa_dilaporkan",
    "reviu",
    "ringkasan",
    "tabel_temuan",
    "tanpa_dilaporkan",
    "teks_temuan",
    "tulis_reviu",
]
