"""Charts: built from small frames, checked through their artists, and rendered to PNG."""

import itertools
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from lkip.presentation import charts, grafik_idm, grafik_ikm

NAN = np.nan


@pytest.fixture(autouse=True)
def no_pyplot_figures():
    """Charts must not leave figures open in pyplot's global registry."""
    plt.close("all")
    yield
    assert plt.get_fignums() == []


def render(fig: Figure, tmp_path, nama: str) -> None:
    path = tmp_path / f"{nama}.png"
    fig.savefig(path)
    assert path.stat().st_size > 10_000
    fig.draw_without_rendering()  # fills tick labels for the assertions
    # the page shows the whole figure, not a "tight" box around it (display.html_gambar): so
    # nothing drawn may reach past the figure's edges
    isi = fig.get_tightbbox()  # inches
    assert isi.x0 >= 0 and isi.y0 >= 0, isi
    assert isi.x1 <= fig.get_figwidth() and isi.y1 <= fig.get_figheight(), isi


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def tick_texts(labels) -> list[str]:
    return [t.get_text() for t in labels]


def garis(ax, label: str):
    (line,) = [ln for ln in ax.get_lines() if ln.get_label() == label]
    return line


# --- capaian_indikator -------------------------------------------------------------------------


@pytest.fixture
def capaian_df():
    return pd.DataFrame(
        {
            "kode": ["T1", "S1", "S2", "S3"],
            "indikator": [
                "Nilai survey IKM Kecamatan Panarukan",
                "Rata-rata lama Pelayanan PATEN Kecamatan",
                "Persentase desa di kecamatan yang meningkat IDMnya",
                "Capaian Nilai SAKIP Perangkat Daerah",
            ],
            "capaian": [104.7, 125.0, 87.5, None],
        }
    )


def test_capaian_indikator(capaian_df, tmp_path):
    fig = charts.capaian_indikator(capaian_df)
    render(fig, tmp_path, "capaian")
    (ax,) = fig.axes
    (bars,) = ax.containers
    assert len(bars) == 3  # S3 has no capaian: no bar
    assert [b.get_width() for b in bars] == [104.7, 125.0, 87.5]
    warna = [matplotlib.colors.to_hex(b.get_facecolor()) for b in bars]
    assert warna == [charts.PALET["tercapai"]] * 2 + [charts.PALET["belum"]]
    assert list(garis(ax, "Target (100 %)").get_xdata()) == [100, 100]
    assert texts(ax) == ["104,7 % ✓", "125 % ✓", "87,5 % ✗", "–"]
    # pass/fail told by a mark and a hatch too, not by colour alone
    assert [b.get_hatch() for b in bars] == [None, None, charts.ARSIR_BELUM]
    assert "100 %" in tick_texts(ax.get_xticklabels())
    labels = tick_texts(ax.get_yticklabels())
    assert labels[0].startswith("T1 – Nilai survey IKM")
    assert all(len(baris) <= 38 for label in labels for baris in label.split("\n"))
    assert ax.get_ylim() == (3.5, -0.5)  # the row without a bar stays inside the axis
    assert ax.get_title() == "Capaian Kinerja per Indikator"
    assert fig.get_figwidth() == pytest.approx(6.3)


def test_capaian_indikator_all_missing(tmp_path):
    df = pd.DataFrame({"kode": ["S1"], "indikator": ["Indikator baru"], "capaian": [NAN]})
    fig = charts.capaian_indikator(df, judul="Capaian 2024")
    render(fig, tmp_path, "capaian_kosong")
    (ax,) = fig.axes
    assert len(ax.containers[0]) == 0
    assert texts(ax) == ["–"]
    assert ax.get_xlim()[1] > 100
    assert ax.get_title() == "Capaian 2024"


# --- ikm_unsur ---------------------------------------------------------------------------------

NAMA_UNSUR = [
    "Persyaratan",
    "Sistem, Mekanisme, dan Prosedur",
    "Waktu Penyelesaian",
    "Biaya/Tarif",
    "Produk Spesifikasi Jenis Pelayanan",
    "Kompetensi Pelaksana",
    "Perilaku Pelaksana",
    "Penanganan Pengaduan, Saran dan Masukan",
    "Sarana dan Prasarana",
]
NRR_2023 = [3.66, 3.65, 3.66, 3.61, 3.72, 3.78, 3.70, 3.99, 3.66]  # seed, Tabel IKM


@pytest.fixture
def unsur_df():
    # shuffled: the chart must order U1..U9 itself (U10-style sorting by text would fail too)
    df = pd.DataFrame(
        {"unsur": [f"U{i}" for i in range(1, 10)], "nama": NAMA_UNSUR, "nrr": NRR_2023}
    )
    return df.iloc[[8, 0, 3, 1, 2, 4, 5, 6, 7]]


def test_ikm_unsur(unsur_df, tmp_path):
    ikm = 25 * sum(NRR_2023) / 9  # 92,86
    fig = grafik_ikm.ikm_unsur(unsur_df, ikm=ikm)
    render(fig, tmp_path, "ikm")
    (ax,) = fig.axes
    (bars,) = ax.containers
    assert [b.get_height() for b in bars] == NRR_2023
    assert ax.get_ylim() == (1, 4)
    labels = tick_texts(ax.get_xticklabels())
    assert labels[0] == "U1\nPersyaratan"
    assert labels[7].startswith("U8\nPenanganan\n")
    assert "1,5" in tick_texts(ax.get_yticklabels())
    assert texts(ax)[0] == "3,66"
    assert texts(ax)[6] == "3,70"
    # background bands: D starts at 1, A starts at 3,5324 and ends at 4
    pita = sorted((p.get_y(), p.get_y() + p.get_height()) for p in ax.patches if p not in bars)
    assert pita[0] == pytest.approx((1.0, 2.60))
    assert pita[-1] == pytest.approx((3.5324, 4.0))
    (ni,) = [ln for ln in ax.get_lines() if ln.get_label().startswith("Rata-rata NI")]
    assert list(ni.get_ydata()) == pytest.approx([ikm / 25] * 2)
    assert ni.get_label() == "Rata-rata NI 3,71 (IKM 92,86)"
    legenda = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "Mutu A – Sangat Baik (3,5324–4,0000)" in legenda


def test_ikm_unsur_without_ikm_and_missing_nrr(unsur_df, tmp_path):
    df = unsur_df.copy()
    df.loc[df["unsur"] == "U4", "nrr"] = NAN
    fig = grafik_ikm.ikm_unsur(df)
    render(fig, tmp_path, "ikm_kosong")
    (ax,) = fig.axes
    assert len(ax.containers[0]) == 8
    assert texts(ax)[3] == "–"
    assert not [ln for ln in ax.get_lines() if ln.get_label().startswith("Rata-rata NI")]


# --- idm_desa ----------------------------------------------------------------------------------


@pytest.fixture
def idm_df():
    return pd.DataFrame(
        {
            "desa": ["Paowan", "Peleyan", "Kilensari", "Desa Baru", "Desa Lama"],
            "skor_lalu": [0.8024, 0.6941, 0.7895, NAN, 0.55],
            "skor_kini": [0.8152, 0.6846, 0.8687, 0.45, NAN],
            "status_kini": ["Maju", "Berkembang", "Mandiri", "Sangat Tertinggal", None],
        }
    )


def test_idm_desa(idm_df, tmp_path):
    fig = grafik_idm.idm_desa(idm_df, tahun_lalu=2022, tahun_kini=2023)
    render(fig, tmp_path, "idm")
    (ax,) = fig.axes
    lalu, kini = ax.containers
    assert [b.get_height() for b in lalu] == [0.8024, 0.6941, 0.7895, 0.55]
    assert [b.get_height() for b in kini] == [0.8152, 0.6846, 0.8687, 0.45]
    assert lalu.get_label() == "2022"
    assert kini.get_label() == "2023"
    # a desa with one year only has one bar, centred on its tick
    assert kini[3].get_x() + kini[3].get_width() / 2 == pytest.approx(3)
    assert lalu[3].get_x() + lalu[3].get_width() / 2 == pytest.approx(4)
    assert lalu[0].get_x() + lalu[0].get_width() / 2 < 0 < kini[0].get_x() + kini[0].get_width() / 2
    ambang = sorted(ln.get_ydata()[0] for ln in ax.get_lines())
    assert ambang == [0.4907, 0.5989, 0.7072, 0.8155]
    tulisan = texts(ax)
    assert "Mandiri\n> 0,8155" in tulisan
    assert "Sangat Tertinggal\n≤ 0,4907" in tulisan
    assert tulisan[-4:] == ["Maju", "Berkembang", "Mandiri", "Sangat\nTertinggal"]
    assert tick_texts(ax.get_xticklabels()) == list(idm_df["desa"])
    assert "0,8" in tick_texts(ax.get_yticklabels())
    assert ax.get_title() == "Indeks Desa Membangun per Desa, 2022 dan 2023"


# --- serapan -----------------------------------------------------------------------------------


@pytest.fixture
def program_df():
    df = pd.DataFrame(
        {
            "program": [
                "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
                "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
                "Program Koordinasi Ketentraman dan Ketertiban Umum",
            ],
            "pagu": [2023499465, 131704880, 17354152],
            "realisasi": [1953045794, 129525200, 17200500],
        }
    )
    df["serapan"] = df["realisasi"] / df["pagu"] * 100
    return df


def test_serapan(program_df, tmp_path):
    fig = charts.serapan(program_df, "program", "Pagu dan Realisasi per Program")
    render(fig, tmp_path, "serapan")
    (ax,) = fig.axes
    pagu, realisasi = ax.containers
    assert [b.get_width() for b in pagu] == list(program_df["pagu"])
    assert [b.get_width() for b in realisasi] == list(program_df["realisasi"])
    assert texts(ax) == ["Serapan 96,52 %", "Serapan 98,35 %", "Serapan 99,11 %"]
    ticks = tick_texts(ax.get_xticklabels())
    assert "Rp 1 M" in ticks
    assert "Rp 0,5 M" in ticks
    assert ax.get_xlabel() == "Anggaran (M = miliar rupiah)"
    assert tick_texts(ax.get_yticklabels())[0] == (
        "Program Penunjang Urusan\nPemerintahan Daerah Kabupaten/Kota"
    )
    assert ax.get_title() == "Pagu dan Realisasi per Program"


def test_serapan_small_amounts_and_missing(tmp_path):
    df = pd.DataFrame(
        {"sasaran": ["S1", "S2"], "pagu": [112971130, 0], "realisasi": [110800800, 0]}
    )
    df["serapan"] = [110800800 / 112971130 * 100, None]  # no serapan of a zero pagu
    fig = charts.serapan(df, "sasaran", "Serapan per Sasaran")
    render(fig, tmp_path, "serapan_kecil")
    (ax,) = fig.axes
    assert texts(ax) == ["Serapan 98,08 %", "Serapan –"]
    assert "Rp 100 jt" in tick_texts(ax.get_xticklabels())
    assert ax.get_xlabel() == "Anggaran (jt = juta rupiah)"


# --- tren_indikator ----------------------------------------------------------------------------


@pytest.fixture
def tren_df():
    rows = [
        (2021, "T1", "Nilai survey IKM", "indeks", 88.5, 92.0),
        (2022, "T1", "Nilai survey IKM", "indeks", 88.63, 94.0),
        (2023, "T1", "Nilai survey IKM", "indeks", 88.68, 93.0),
        (2021, "S1", "Rata-rata lama Pelayanan PATEN", "menit", 10, 9),
        (2022, "S1", "Rata-rata lama Pelayanan PATEN", "menit", 10, NAN),
        (2023, "S1", "Rata-rata lama Pelayanan PATEN", "menit", 10, 8),
        # S2 has no 2022 row at all, and no target in 2021
        (2021, "S2", "Persentase desa yang meningkat IDMnya", "%", NAN, 100),
        (2023, "S2", "Persentase desa yang meningkat IDMnya", "%", 100, 87.5),
    ]
    cols = ["tahun", "kode", "indikator", "satuan", "target", "realisasi"]
    return pd.DataFrame(rows, columns=cols)


def test_tren_indikator(tren_df, tmp_path):
    fig = charts.tren_indikator(tren_df)
    render(fig, tmp_path, "tren")
    assert len(fig.axes) == 3  # one panel per kode; the fourth grid cell is removed
    t1, s1, s2 = fig.axes
    assert t1.get_title(loc="left") == "T1 – Nilai survey IKM"
    assert fig.get_suptitle() == "Tren Target dan Realisasi Indikator Kinerja"
    for ax in fig.axes:
        assert tick_texts(ax.get_xticklabels()) == ["2021", "2022", "2023"]

    real_s1 = garis(s1, "Realisasi").get_ydata()
    assert real_s1[0] == 9 and np.isnan(real_s1[1]) and real_s1[2] == 8  # a gap, not zero
    assert list(garis(s1, "Target").get_ydata()) == [10, 10, 10]
    assert garis(s1, "Target").get_linestyle() == "--"

    real_s2 = garis(s2, "Realisasi")
    assert list(real_s2.get_xdata()) == [2021, 2022, 2023]
    assert np.isnan(real_s2.get_ydata()[1])
    assert np.isnan(garis(s2, "Target").get_ydata()[0])

    assert texts(s1) == ["9 menit", "8 menit"]
    assert texts(s2) == ["100 %", "87,5 %"]
    assert texts(t1) == ["92", "94", "93"]
    assert s2.get_ylabel() == "%"
    assert t1.get_ylabel() == "Nilai"
    assert "8,5" in tick_texts(s1.get_yticklabels())


def test_tren_indikator_single_panel_without_data(tmp_path):
    df = pd.DataFrame(
        {
            "tahun": [2022, 2023],
            "kode": ["S3", "S3"],
            "indikator": ["Capaian Nilai SAKIP Perangkat Daerah"] * 2,
            "satuan": ["nilai", "nilai"],
            "target": [NAN, NAN],
            "realisasi": [NAN, NAN],
        }
    )
    fig = charts.tren_indikator(df, judul="Tren SAKIP")
    render(fig, tmp_path, "tren_kosong")
    (ax,) = fig.axes
    assert texts(ax) == ["Data belum tersedia"]
    assert fig.get_suptitle() == "Tren SAKIP"


# --- waterfall_ikm, segmen_ikm, profil_responden (IKM change) ---------------------------------


@pytest.fixture
def waterfall_df():
    from lkip.formulas.ikm_dekomposisi import dekomposisi_unsur, waterfall_unsur

    lalu = [3.75, 3.74, 3.76, 3.70, 3.78, 3.82, 3.77, 3.99, 3.63]
    kini = [3.66, 3.65, 3.66, 3.61, 3.72, 3.78, 3.70, 3.99, 3.66]  # U8 unchanged, U9 up
    return waterfall_unsur(dekomposisi_unsur(lalu, kini), "eksak", "IKM 2022", "IKM 2023")


def test_waterfall_ikm(tmp_path, waterfall_df):
    fig = grafik_ikm.waterfall_ikm(waterfall_df)
    render(fig, tmp_path, "waterfall")
    (ax,) = fig.axes
    bars = ax.patches
    assert len(bars) == 11
    warna = [matplotlib.colors.to_hex(b.get_facecolor()) for b in bars]
    assert warna[0] == charts.PALET["kedua"] and warna[-1] == charts.PALET["utama"]
    assert warna[1] == charts.PALET["belum"]  # U1 fell
    assert warna[9] == charts.PALET["tercapai"]  # U9 rose
    # each step starts where the previous level ended; the last bar tops at this year's IKM
    assert bars[1].get_y() + bars[1].get_height() == pytest.approx(
        25 * sum([3.75, 3.74, 3.76, 3.70, 3.78, 3.82, 3.77, 3.99, 3.63]) / 9
    )
    assert bars[-1].get_y() + bars[-1].get_height() == pytest.approx(25 * 33.43 / 9)
    assert bars[8].get_height() > 0  # U8's zero step is still drawn
    assert "-0,25" in texts(ax) and "+0,08" in texts(ax) and "92,86" in texts(ax)
    assert ax.get_ylim()[0] > 90  # zoomed: tenths of a point would vanish on a 0-100 axis
    assert "sumbu mulai" in ax.get_ylabel()
    assert tick_texts(ax.get_xticklabels())[0] == "IKM 2022"


def test_segmen_ikm_hides_unobserved_ikm(tmp_path):
    df = pd.DataFrame(
        {
            "segmen": ["digital", "kertas"],
            "n_lalu": [0, 10],
            "n_kini": [6, 4],
            "s_lalu": [0.0, 1.0],
            "s_kini": [0.6, 0.4],
            "ikm_lalu": [80.0, 95.0],  # 80 is the stand-in for an absent group
            "ikm_kini": [80.0, 96.0],
        }
    )
    fig = grafik_ikm.segmen_ikm(df, 2022, 2023, "Kanal")
    render(fig, tmp_path, "segmen")
    kiri, kanan = fig.axes
    assert len(kiri.patches) == 4  # shares: every group, both years
    assert len(kanan.patches) == 3  # IKM: no bar for digital in 2022
    assert " 80,00" in texts(kanan) and texts(kanan).count(" –") == 1
    assert "60 %" in texts(kiri) and "0 %" in texts(kiri)
    assert tick_texts(kiri.get_yticklabels()) == ["digital", "kertas"]


def test_profil_responden(tmp_path):
    df = pd.DataFrame(
        {
            "kolom": ["jenis_kelamin", "jenis_kelamin", "kanal", "kanal", "kanal"],
            "kategori": ["Laki-laki", "Perempuan", "digital", "kertas", "(tidak diisi)"],
            "jumlah": [3, 1, 2, 1, 1],
            "persen": [75.0, 25.0, 50.0, 25.0, 25.0],
        }
    )
    fig = grafik_ikm.profil_responden(df)
    render(fig, tmp_path, "profil")
    assert len(fig.axes) == 2
    jk, kanal = fig.axes
    assert jk.get_title(loc="left") == "Jenis kelamin"
    assert kanal.get_title(loc="left") == "Kanal pengisian"
    assert [b.get_width() for b in kanal.patches] == [50.0, 25.0, 25.0]
    assert "75 % (3)" in texts(jk)
    assert tick_texts(kanal.get_yticklabels())[-1] == "(tidak diisi)"


def _label_bertumpuk(fig: Figure) -> int:
    """How many pairs of a chart's row labels (y ticks, wrapped) overlap, over all its axes."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    return sum(
        a.overlaps(b)
        for ax in fig.axes
        for a, b in itertools.combinations(
            [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()], 2
        )
    )


def test_profil_responden_rows_make_room_for_labels_of_several_lines(tmp_path):
    """Long categories (occupations) wrap over two or three lines: each row is as tall as
    they need, so no label is printed over its neighbour's."""
    pekerjaan = [
        "Pegawai Negeri Sipil / TNI / POLRI",
        "Wiraswasta / Pedagang / Pengusaha",
        "Petani / Nelayan / Peternak",
        "Tidak Bekerja / Pensiunan",
        "Lainnya (buruh harian lepas dan sebagainya)",
        "Ibu Rumah Tangga",
    ]
    df = pd.DataFrame(
        {
            "kolom": ["pekerjaan"] * 6 + ["jenis_kelamin"] * 2,
            "kategori": [*pekerjaan, "Laki-laki", "Perempuan"],
            "jumlah": [3, 3, 3, 3, 3, 5, 10, 10],
            "persen": [15.0, 15.0, 15.0, 15.0, 15.0, 25.0, 50.0, 50.0],
        }
    )
    fig = grafik_ikm.profil_responden(df)
    render(fig, tmp_path, "profil-panjang")
    assert max(t.get_text().count("\n") for t in fig.axes[0].get_yticklabels()) == 2
    assert _label_bertumpuk(fig) == 0
    pendek = grafik_ikm.profil_responden(df.assign(kategori=[f"K{i}" for i in range(8)]))
    assert fig.get_figheight() > pendek.get_figheight()  # the room is made, not found


def test_tren_indikator_shows_a_missing_year_as_a_gap(tren_df, tmp_path):
    fig = charts.tren_indikator(tren_df[tren_df["tahun"] != 2022])  # no 2022 at all
    render(fig, tmp_path, "tren_lompat")
    t1 = fig.axes[0]
    assert tick_texts(t1.get_xticklabels()) == ["2021", "2022", "2023"]
    assert np.isnan(garis(t1, "Realisasi").get_ydata()[1])  # not a line from 2021 to 2023


# --- labels never crossed by a line; alt texts that state the data -----------------------------


def dilintasi(fig: Figure, ax) -> list[str]:
    """Labels of ``ax`` that a drawn line of ``ax`` crosses (in display coordinates)."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    return [
        t.get_text()
        for t in ax.texts
        for ln in ax.get_lines()
        if ln.get_path()
        .transformed(ln.get_transform())
        .intersects_bbox(t.get_window_extent(renderer), filled=False)
    ]


@pytest.mark.parametrize(
    "realisasi",
    [
        [10, 8],  # falling (Gambar 3.2: "8 menit" under the line)
        [80.3, 82.4],  # rising
        [100, 87.5, 87.5],  # a flat end
        [1, 2, 3],  # the line goes on through the middle point, rising
        [3, 2, 1],  # and falling
        [3, 1, 3],  # a dip
        [1, 3, 1],  # a peak
    ],
)
def test_tren_labels_are_not_crossed_by_the_line(realisasi):
    tahun = list(range(2021, 2021 + len(realisasi)))
    df = pd.DataFrame(
        {
            "tahun": tahun,
            "kode": "S1",
            "indikator": "Rata-rata lama Pelayanan PATEN",
            "satuan": "menit",
            "target": [realisasi[0] * 0.99] * len(tahun),
            "realisasi": realisasi,
        }
    )
    fig = charts.tren_indikator(df)
    assert dilintasi(fig, fig.axes[0]) == []


@pytest.mark.parametrize("nrr_u5, ikm", [(3.72, 92.86), (3.70, 92.75), (1.30, 31.0)])
def test_ikm_unsur_labels_are_not_crossed_by_the_average_line(unsur_df, nrr_u5, ikm):
    df = unsur_df.copy()
    df.loc[df["unsur"] == "U5", "nrr"] = nrr_u5
    if ikm < 37.5:  # an average in the foot band: every bar is short
        df["nrr"] = 1.3
    fig = grafik_ikm.ikm_unsur(df, ikm=ikm)
    assert dilintasi(fig, fig.axes[0]) == []


def test_capaian_mark_and_hatch_follow_the_100_percent_threshold():
    df = pd.DataFrame(
        {"kode": ["A", "B", "C"], "indikator": ["a", "b", "c"], "capaian": [100.0, 99.99, 100.01]}
    )
    fig = charts.capaian_indikator(df)
    (ax,) = fig.axes
    assert texts(ax) == ["100 % ✓", "99,99 % ✗", "100,01 % ✓"]
    assert [b.get_hatch() for b in ax.containers[0]] == [None, charts.ARSIR_BELUM, None]
    assert fig.get_label() == (
        "Capaian per indikator, target 100 %. A a: 100 %, tercapai; "
        "B b: 99,99 %, belum tercapai; C c: 100,01 %, tercapai."
    )


def test_idm_desa_without_this_years_status_as_read_back(idm_df, tmp_path):
    """A processed table read back (lkip.model.laporan.baca_tabel) has "" where a desa has no
    status this year: no empty label is drawn over its bar, and its alt text ends with the
    scores."""
    dibaca = idm_df.assign(status_kini=idm_df["status_kini"].fillna(""))
    fig = grafik_idm.idm_desa(dibaca, 2022, 2023)
    render(fig, tmp_path, "idm-dibaca")
    (ax,) = fig.axes
    assert "" not in texts(ax)
    assert [t.get_text() for t in ax.texts if t.get_bbox_patch()] == [
        "Maju", "Berkembang", "Mandiri", "Sangat\nTertinggal"
    ]  # fmt: skip
    assert "Desa Lama 0,55 (2022), – (2023)." in fig.get_label()
    assert fig.get_label() == grafik_idm.idm_desa(idm_df, 2022, 2023).get_label()


def test_alt_texts_state_the_values(unsur_df, tren_df, capaian_df, program_df, idm_df):
    unsur = grafik_ikm.ikm_unsur(unsur_df, ikm=92.86).get_label()
    assert unsur.startswith("NRR per unsur (skala 1–4): U1 Persyaratan 3,66; U2 ")
    assert "U7 Perilaku Pelaksana 3,70;" in unsur and unsur.endswith("Rata-rata NI 3,71.")
    tren = charts.tren_indikator(tren_df).get_label()
    assert "S1 Rata-rata lama Pelayanan PATEN: 2021 realisasi 9 menit, target 10 menit, " in tren
    assert "2023 realisasi 87,5 %, target 100 %" in tren
    capaian = charts.capaian_indikator(capaian_df).get_label()
    assert "S3 Capaian Nilai SAKIP Perangkat Daerah: –." in capaian
    serapan = charts.serapan(program_df, "program", "x").get_label()
    assert "pagu Rp " in serapan and "serapan " in serapan
    assert "(2023)" in grafik_idm.idm_desa(idm_df, 2022, 2023).get_label()


def test_a_figure_gives_the_same_svg_bytes_on_every_run(capaian_df):
    """No date, no random ids: an unchanged chapter's HTML (and its cached PDF part) stays."""
    from lkip.presentation.display import html_gambar

    def satu() -> str:
        return html_gambar(charts.capaian_indikator(capaian_df), "Gambar 3.1")

    pertama = satu()
    with matplotlib.rc_context({"svg.hashsalt": None}):  # the global default: random ids
        assert satu() == pertama


def test_heatmap_writes_white_on_its_darkest_cells():
    unsur = ["U1", "U2", "U3", "U4"]
    sel = pd.DataFrame([[-0.8, -0.05, 0.0, 0.8]], index=["Rekomendasi izin usaha"], columns=unsur)
    (ax, _) = grafik_ikm.heatmap_sel(sel).axes  # the cells, and the colour bar
    warna = {t.get_text(): t.get_color() for t in ax.texts}
    assert warna == {"-0,80": "white", "-0,05": "black", "0,00": "black", "+0,80": "white"}


def test_the_ikm_detail_and_recap_charts_stay_inside_their_figure(tmp_path):
    """The charts the tests above do not build: drawn, each within its figure (``render``)."""
    from lkip.presentation import charts_rekap

    periode = pd.DataFrame(
        {
            "label": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli"],
            "ikm": [95.0, 94.0, 96.5, 88.0, 87.0, 86.5, 87.5],
            "bawah": [93.0, 92.0, 94.0, 85.0, 84.0, 84.0, 85.0],
            "atas": [97.0, 96.0, 98.0, 91.0, 90.0, 89.0, 90.0],
            "n": [40, 35, 38, 41, 39, 44, 42],
        }
    )
    titik = {"signifikan": True, "periode_ubah": 3, "ikm_sebelum": 95.2, "ikm_sesudah": 87.2}
    sel = pd.DataFrame(
        [[-0.31, 0.05, NAN], [0.12, -0.02, 0.4]],
        index=["Kanal kertas", "Kanal digital"],
        columns=["U1 Persyaratan", "U2 Prosedur", "U3 Waktu"],
    )
    nama = ["Banyuputih", "Kendit", "Mlandingan", "Panarukan"]
    for fig, judul in [
        (grafik_ikm.run_chart(periode, 91.0, titik), "run"),
        (grafik_ikm.heatmap_sel(sel), "heatmap"),
        (charts_rekap.ikm_instansi(nama, [96.1, 88.4, 72.0, 92.86], "IKM per instansi"), "ikm"),
        (
            charts_rekap.capaian_instansi(
                nama, [101.4, 98.0, None, 103.2], "Persentase desa yang meningkat IDM-nya"
            ),
            "bersama",
        ),
    ]:
        render(fig, tmp_path, judul)


@pytest.mark.parametrize(
    ("n", "tetap", "per_baris", "ukuran"),
    [
        (17, 1.4, 0.45, [9, 8]),  # (8,2 − 1,4) / 0,45 = 15,1: 15 fit, two parts, even
        (15, 1.4, 0.45, [15]),
        (14, 1.2, 0.5, [14]),  # 1,2 + 14 × 0,5 = 8,2 exactly: still one chart
        (15, 1.2, 0.5, [8, 7]),
        (31, 1.4, 0.45, [11, 10, 10]),
        (3, 8.0, 1.0, [1, 1, 1]),  # not even one row fits: one a chart
        (1, 1.2, 0.55, [1]),
        (0, 1.2, 0.55, [0]),  # no rows: the one (empty) chart it always was
    ],
)
def test_rows_are_cut_into_the_fewest_even_charts_that_fit_a_page(n, tetap, per_baris, ukuran):
    bagian = charts.bagi_baris(n, tetap, per_baris)
    assert [len(b) for b in bagian] == ukuran
    assert [i for b in bagian for i in b] == list(range(n))  # every row once, in order
    # a single row too tall for a page is drawn alone; any more rows fit
    tinggi = [tetap + per_baris * len(b) for b in bagian if len(b) > 1]
    assert all(t <= charts.TINGGI_MAKS + 1e-9 for t in tinggi)


def test_parts_of_a_cut_chart_share_their_scale():
    from lkip.presentation import charts_rekap

    nama = [f"Kecamatan {i}" for i in range(4)]
    ikm = [96.1, 88.4, 52.0, 92.86]  # the axis starts 5 below the lowest, at most at 60
    utuh = charts_rekap.ikm_instansi(nama, ikm, "IKM").axes[0].get_xlim()
    assert utuh == (47.0, 100.0)
    assert charts_rekap.ikm_instansi(nama[:2], ikm[:2], "IKM").axes[0].get_xlim() != utuh
    assert charts_rekap.ikm_instansi(nama[:2], ikm[:2], "IKM", ikm).axes[0].get_xlim() == utuh

    capaian = [101.4, 98.0, None, 130.0]
    utuh = charts_rekap.capaian_instansi(nama, capaian, "x").axes[0].get_xlim()
    bagian = charts_rekap.capaian_instansi(nama[:2], capaian[:2], "x", 130.0)
    assert bagian.axes[0].get_xlim() == utuh == (0.0, 130.0 * 1.22)
    assert texts(bagian.axes[0]) == ["101,4 % ✓", "98 % ✗"]
    tanpa = charts_rekap.capaian_instansi(nama[2:], capaian[2:], "x", 130.0)
    assert texts(tanpa.axes[0]) == ["–", "130 % ✓"]
    assert tanpa.get_label() == (
        "Capaian per instansi, target 100 %. Kecamatan 2 –; Kecamatan 3 130 %."
    )

    df = pd.DataFrame(
        {"instansi": nama[:2], "pagu": [2e9, 1e9], "realisasi": [1.9e9, 0.9e9], "serapan": [95, 90]}
    )
    kecil = charts.serapan(df, "instansi", "x").axes[0].get_xlim()
    besar = charts.serapan(df, "instansi", "x", maks=4e9).axes[0].get_xlim()
    assert (kecil, besar) == ((0.0, 2e9 * 1.3), (0.0, 4e9 * 1.3))


def test_a_report_chart_of_many_rows_is_drawn_in_parts_that_fit_a_page(tren_df):
    """An office with 20 indicators, 15 programs, 8 trend panels: each chart in the fewest
    parts that fit TINGGI_MAKS, on one scale (and one span of years)."""
    capaian = pd.DataFrame(
        {
            "kode": [f"S{i}" for i in range(20)],
            "indikator": [f"Indikator {i}" for i in range(20)],
            "capaian": [80.0 + i for i in range(19)] + [140.0],
        }
    )
    bagian = charts.capaian_per_halaman(capaian)  # (8,2 − 1,2) / 0,55 = 12,7: 12 a chart
    assert [len(f.axes[0].get_yticks()) for f in bagian] == [10, 10]
    assert {f.axes[0].get_xlim() for f in bagian} == {(0.0, 140.0 * 1.22)}
    assert [f.get_figheight() for f in bagian] == [1.2 + 0.55 * 10] * 2

    program = pd.DataFrame(
        {
            "program": [f"Program {i}" for i in range(15)],
            "pagu": [1e8 * (i + 1) for i in range(15)],
            "realisasi": [9e7 * (i + 1) for i in range(15)],
            "serapan": [90.0] * 15,
        }
    )
    bagian = charts.serapan_per_halaman(program, "program", "x")  # (8,2 − 1,3) / 0,6: 11
    assert [len(f.axes[0].containers[0]) for f in bagian] == [8, 7]
    assert {f.axes[0].get_xlim() for f in bagian} == {(0.0, 1.5e9 * 1.3)}

    tren = pd.concat(
        [tren_df.assign(kode=tren_df["kode"] + f"-{i}") for i in range(3)]
    )  # 9 indicators: 5 rows of two panels, 3 rows a chart (8,2 − 0,8) / 2,3 = 3,2
    tren = tren[tren["kode"] != "S2-2"]  # 8 indicators, 4 rows
    bagian = charts.tren_per_halaman(tren)
    assert [len(f.axes) for f in bagian] == [4, 4]
    assert {f.axes[0].get_xlim() for f in bagian} == {bagian[0].axes[0].get_xlim()}
    assert all(f.get_figheight() <= charts.TINGGI_MAKS for f in bagian)

    (utuh,) = charts.capaian_per_halaman(capaian.head(4))  # a few rows: one chart, as before
    assert utuh.get_figheight() == charts.capaian_indikator(capaian.head(4)).get_figheight()


def test_a_chart_in_parts_is_captioned_with_each_part():
    from lkip.presentation.display import html_gambar

    def fig() -> Figure:
        f = Figure(figsize=(2, 1))
        f.add_subplot().plot([0, 1])
        return f

    judul = re.compile(r"<figcaption>(.*?)</figcaption>")
    assert judul.findall(html_gambar([fig(), fig()], "Gambar 3.1 : X")) == [
        "Gambar 3.1 : X (bagian 1 dari 2)",
        "Gambar 3.1 : X (bagian 2 dari 2)",
    ]
    assert judul.findall(html_gambar([fig()], "Gambar 3.1 : X")) == ["Gambar 3.1 : X"]
    assert html_gambar([fig()], "G") == html_gambar(fig(), "G")


def _status_bertumpuk(fig: Figure) -> int:
    """How many of the labels written over an IDM chart's bars overlap their neighbour's."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    (ax,) = fig.axes
    kotak = [
        t.get_bbox_patch().get_window_extent(canvas.get_renderer())
        for t in ax.texts
        if t.get_bbox_patch() is not None
    ]
    return sum(a.overlaps(b) for a, b in itertools.combinations(kotak, 2))


@pytest.mark.parametrize(("n", "per_grafik"), [(8, [8]), (10, [10]), (11, [6, 5]), (20, [10, 10])])
def test_desa_are_charted_ten_at_most_so_their_status_labels_stay_apart(n, per_grafik):
    df = pd.DataFrame(
        {
            "desa": [f"Desa Sumber Nomor {i}" for i in range(n)],
            "skor_lalu": [0.62 + 0.01 * (i % 5) for i in range(n)],
            "skor_kini": [0.66 + 0.01 * (i % 5) for i in range(n)],
            "status_kini": ["Berkembang"] * n,
        }
    )
    bagian = grafik_idm.idm_per_halaman(df, 2022, 2023)
    assert [len(f.axes[0].get_xticks()) for f in bagian] == per_grafik
    assert [_status_bertumpuk(f) for f in bagian] == [0] * len(bagian)


@pytest.mark.parametrize("skor", [0.66, 0.99])
def test_neighbouring_desa_status_labels_are_lifted_apart_within_the_chart(skor):
    """Ten desa of one score, long statuses: every label legible, none lowered over a bar
    (a high score grows the axis instead), all inside the axes."""
    n = grafik_idm.IDM_DESA_MAKS
    df = pd.DataFrame(
        {
            "desa": [f"Desa {i}" for i in range(n)],
            "skor_lalu": [0.62] * n,
            "skor_kini": [skor] * n,
            "status_kini": ["Sangat Tertinggal" if i % 3 == 0 else "Berkembang" for i in range(n)],
        }
    )
    fig = grafik_idm.idm_desa(df, 2022, 2023)
    assert _status_bertumpuk(fig) == 0
    (ax,) = fig.axes
    assert all(t.get_position()[1] >= skor + 0.015 for t in ax.texts if t.get_bbox_patch())
    renderer = FigureCanvasAgg(fig).get_renderer()
    atap = ax.get_window_extent(renderer).y1
    assert all(t.get_window_extent(renderer).y1 <= atap for t in ax.texts if t.get_bbox_patch())
    assert (ax.get_ylim()[1] > 1.08) == (skor > 0.9)  # the axis grew only for the high score


def test_a_status_label_is_lifted_only_off_a_neighbour_it_meets_never_lowered():
    """Panarukan's pattern: a low desa (Peleyan, "Berkembang") then a high one (Alasmalang,
    "Mandiri") whose label is clear above it stays where it is, over its own bar."""
    df = pd.DataFrame(
        {
            "desa": ["Kilensari", "Peleyan", "Alasmalang", "Duwet", "Gelung"] * 2,
            "skor_lalu": [0.7895, 0.6941, 0.8121, 0.7425, 0.7405] * 2,
            "skor_kini": [0.8687, 0.6846, 0.8286, 0.7748, 0.8090] * 2,
            "status_kini": ["Mandiri", "Berkembang", "Mandiri", "Maju", "Maju"] * 2,
        }
    )
    fig = grafik_idm.idm_desa(df, 2022, 2023)
    (ax,) = fig.axes
    dasar = [max(a, b) + 0.015 for a, b in zip(df["skor_lalu"], df["skor_kini"], strict=True)]
    tinggi = [t.get_position()[1] for t in ax.texts if t.get_bbox_patch()]
    assert all(y >= d - 1e-9 for y, d in zip(tinggi, dasar, strict=True))
    assert tinggi[2] == pytest.approx(dasar[2])  # Alasmalang: clear of Peleyan, not moved
    assert _status_bertumpuk(fig) == 0
