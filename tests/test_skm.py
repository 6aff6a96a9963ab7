import csv
import filecmp
import importlib.util
import math
import sys
from pathlib import Path

import pandas as pd
import pytest

from lkip.core.errors import DataTidakValid
from lkip.formulas.skm import (
    dengan_kelompok_umur,
    ikm_responden,
    kecukupan_sampel,
    nrr_unsur,
    profil_responden,
)
from lkip.inputs.responden import KOLOM_UNSUR, LABEL_JAWABAN, baca_responden
from lkip.model.skm_tahun import SumberSkm
from lkip.presentation import kalimat_ikm

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
NRR_2023 = [3.66, 3.65, 3.66, 3.61, 3.72, 3.78, 3.70, 3.99, 3.66]  # seed, Bab III

TANYA = {
    "U1": "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis "
    "pelayanannya?",
    "U2": "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    "U3": "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    "U4": "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "U5": "Kesesuaian produk pelayanan antara standar pelayanan dengan hasil yang diberikan",
    "U6": "Kompetensi/kemampuan petugas dalam pelayanan",
    "U7": "Perilaku petugas dalam pelayanan terkait kesopanan dan keramahan",
    "U8": "Penanganan pengaduan pengguna layanan",
    "U9": "Kualitas sarana dan prasarana",
}

# Four respondents, answers as the form exports them; expected score in the comment.
JAWAB = {
    "U9": ["Baik", "Sangat baik", "Cukup", "BURUK"],  # 3 4 2 1 -> 2.5 ("Baik" is not 4)
    "U8": ["Dikelola dengan baik"] * 3 + ["Ada tetapi tidak berfungsi"],  # 4 4 4 2 -> 3.5
    "U4": ["Gratis", "Murah", "Sangat mahal", "Cukup mahal"],  # 4 3 1 2 -> 2.5
    "U1": ["Sangat sesuai", "Tidak sesuai", "  sesuai ", ""],  # 4 1 3 . -> 8/3
    "U2": ["Mudah", "Sangat  mudah", "Kurang mudah", "4"],  # 3 4 2 4 -> 13/4
    "U3": ["Cepat"] * 4,  # 3
    "U5": ["Kurang sesuai", "Sesuai", "", ""],  # 2 3 . . -> 2.5
    "U6": ["Kompeten", "Sangat kompeten", "Tidak kompeten", "Kurang kompeten"],  # 2.5
    "U7": [
        "Sopan dan ramah",
        "Sangat sopan dan ramah",
        "Kurang sopan dan ramah",
        "Tidak sopan dan ramah",
    ],  # 2.5
}
NRR_TANGAN = [8 / 3, 13 / 4, 3.0, 2.5, 2.5, 2.5, 2.5, 3.5, 2.5]
N_JAWAB = [3, 4, 4, 4, 2, 4, 4, 4, 4]


def tulis(path: Path, kolom: dict[str, list], sep: str = ",", bom: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = len(next(iter(kolom.values())))
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        w = csv.writer(f, delimiter=sep)
        w.writerow(kolom)
        for i in range(n):
            w.writerow([v[i] for v in kolom.values()])
    return path


def form(waktu: str = "Cap waktu", **ganti) -> dict[str, list]:
    kolom = {
        waktu: ["02/01/2023 08:00:00", "03/01/2023 09:00:00", "04/01/2023 10:00:00", ""],
        "Jenis Kelamin": ["Laki-laki", "Perempuan", "Perempuan", ""],
        "Usia (tahun)": ["19", "45", "60", "33"],
    }
    kolom |= {TANYA[k]: list(v) for k, v in JAWAB.items()}  # copies: tests edit them
    kolom |= ganti
    return kolom


def masalah_dari(exc: pytest.ExceptionInfo) -> list:
    return exc.value.masalah


class TestGoogleForms:
    def test_labels_blanks_shuffled_order_give_hand_nrr(self, tmp_path):
        path = tulis(tmp_path / "2023" / "skm_responden.csv", form())
        r = baca_responden(path)
        tabel = nrr_unsur(r)
        assert tabel["unsur"].tolist() == [f"U{i}" for i in range(1, 10)]
        assert tabel["nrr"].tolist() == pytest.approx(NRR_TANGAN, abs=1e-12)
        assert tabel["n_jawab"].tolist() == N_JAWAB
        assert ikm_responden(r) == pytest.approx(25 * sum(NRR_TANGAN) / 9, abs=1e-12)
        assert list(r.columns) == [*KOLOM_UNSUR, "tanggal", "jenis_kelamin", "umur"]
        assert all(str(r[k].dtype) == "Float64" for k in KOLOM_UNSUR)
        assert r["u1"].isna().tolist() == [False, False, False, True]
        assert r["tanggal"].tolist()[:1] == ["02/01/2023 08:00:00"]
        assert pd.isna(r["jenis_kelamin"].iloc[3])

    def test_english_timestamp_header(self, tmp_path):
        path = tulis(tmp_path / "2023" / "skm_responden.csv", form(waktu="Timestamp"))
        r = baca_responden(path)
        assert r["tanggal"].iloc[1] == "03/01/2023 09:00:00"
        assert nrr_unsur(r)["nrr"].tolist() == pytest.approx(NRR_TANGAN)

    def test_unmatched_label_names_column_row_value_and_accepted_labels(self, tmp_path):
        kolom = form(**{TANYA["U1"]: ["Sangat setuju", "Tidak", "Sesuai", ""]})
        path = tulis(tmp_path / "2023" / "skm_responden.csv", kolom)
        with pytest.raises(DataTidakValid) as e:
            baca_responden(path)
        assert e.value.tahun == 2023
        pertama, kedua = masalah_dari(e)  # both collected, "Tidak" is no substring match
        assert pertama.berkas == "2023/skm_responden.csv"
        assert (pertama.baris, pertama.kolom, pertama.nilai) == (2, TANYA["U1"], "Sangat setuju")
        assert (kedua.baris, kedua.nilai) == (3, "Tidak")
        for label in LABEL_JAWABAN["U1"]:
            assert f'"{label}"' in pertama.pesan
        assert "U1" in pertama.pesan
        assert 'nilai "Sangat setuju"' in str(e.value)

    def test_u9_label_of_another_unsur_is_not_accepted(self, tmp_path):
        kolom = form(**{TANYA["U9"]: ["Baik", "Sangat baik", "Cukup mahal", "Buruk"]})
        path = tulis(tmp_path / "2023" / "skm_responden.csv", kolom)
        with pytest.raises(DataTidakValid) as e:
            baca_responden(path)
        [m] = masalah_dari(e)
        assert (m.baris, m.nilai) == (4, "Cukup mahal")

    def test_unmatched_and_ambiguous_questions(self, tmp_path):
        kolom = form()
        kolom["Apakah Anda akan datang kembali?"] = ["Ya"] * 4
        kolom["Kecepatan dan biaya pelayanan"] = ["3"] * 4
        path = tulis(tmp_path / "2023" / "skm_responden.csv", kolom)
        with pytest.raises(DataTidakValid) as e:
            baca_responden(path)
        tanpa, ganda = masalah_dari(e)
        assert (tanpa.baris, tanpa.kolom) == (1, "Apakah Anda akan datang kembali?")
        assert "tidak cocok dengan unsur mana pun" in tanpa.pesan
        assert ganda.kolom == "Kecepatan dan biaya pelayanan"
        assert "U3, U4" in ganda.pesan

    def test_saran_keyword_does_not_fire_inside_sarana(self, tmp_path):
        # "sarana" and "prasarana" contain "saran" (U8): a whole-word rule keeps them U9.
        kolom = form()
        kolom["Bagaimana sarananya?"] = kolom.pop(TANYA["U9"])
        r = baca_responden(tulis(tmp_path / "2023" / "skm_responden.csv", kolom))
        assert nrr_unsur(r)["nrr"].iloc[8] == 2.5

    def test_missing_and_duplicate_unsur(self, tmp_path):
        kolom = form()
        del kolom[TANYA["U5"]]
        kolom["Biaya yang dibayar"] = ["Gratis"] * 4
        path = tulis(tmp_path / "2023" / "skm_responden.csv", kolom)
        with pytest.raises(DataTidakValid) as e:
            baca_responden(path)
        pesan = [m.pesan for m in masalah_dari(e)]
        assert any(f'U4 sudah diambil dari kolom "{TANYA["U4"]}"' in p for p in pesan)
        assert any("tidak ada kolom untuk unsur U5" in p for p in pesan)

    def test_override_yaml(self, tmp_path):
        kolom = form()
        kolom["Apakah ada pungutan?"] = kolom.pop(TANYA["U4"])
        kolom["Apakah ada pungutan?"][0] = "Tidak dipungut biaya"  # replaces "Gratis" (4)
        kolom["Kritik dan saran"] = ["bagus", "", "antre lama", ""]
        path = tulis(tmp_path / "2023" / "skm_responden.csv", kolom)
        peta = tmp_path / "2023" / "skm_pemetaan.yaml"
        peta.write_text(
            "pertanyaan:\n"
            '  "Apakah ada pungutan?": U4\n'
            '  "Kritik dan saran": abaikan\n'
            "jawaban:\n"
            "  U4:\n"
            '    "Tidak dipungut biaya": 4\n',
            encoding="utf-8",
        )
        r = baca_responden(path)  # the mapping beside the file is found by itself
        assert nrr_unsur(r)["nrr"].tolist() == pytest.approx(NRR_TANGAN)
        assert baca_responden(path, pemetaan=peta).equals(r)

    def test_override_yaml_errors(self, tmp_path):
        path = tulis(tmp_path / "2023" / "skm_responden.csv", form())
        peta = tmp_path / "peta" / "lain.yaml"
        peta.parent.mkdir()
        peta.write_text(
            'pertanyaan:\n  "Tidak ada di berkas": U3\n  "Usia (tahun)": U10\n'
            'jawaban:\n  U4:\n    "Tidak dipungut biaya": 5\n',
            encoding="utf-8",
        )
        with pytest.raises(DataTidakValid) as e:
            baca_responden(path, pemetaan=peta)
        teks = str(e.value)
        assert 'nilai "U10"' in teks
        assert "skor harus 1, 2, 3 atau 4" in teks
        assert 'kolom "tidak ada di berkas": kolom dari skm_pemetaan.yaml tidak ada' in teks


class TestPlainForm:
    def kolom(self) -> dict[str, list]:
        data = {f"U{i}": ["4", "3", "2"] for i in range(1, 10)}
        data["U3"] = ["4", "", "1"]
        data |= {
            "kanal": ["Kertas", " digital ", ""],
            "jenis_layanan": ["KTP", "KK", "KTP"],
            "keterangan": ["catatan", "", ""],
        }
        return data

    def test_semicolon_bom_uppercase_columns(self, tmp_path):
        path = tulis(tmp_path / "2023" / "skm_responden.csv", self.kolom(), sep=";", bom=True)
        r = baca_responden(path)
        assert list(r.columns) == [*KOLOM_UNSUR, "jenis_layanan", "kanal"]
        assert r["kanal"].tolist()[:2] == ["kertas", "digital"]
        assert pd.isna(r["kanal"].iloc[2])
        tabel = nrr_unsur(r)
        assert tabel.loc[2, ["nrr", "n_jawab"]].tolist() == [2.5, 2]
        assert tabel.loc[0, "nrr"] == 3.0

    def test_xlsx(self, tmp_path):
        (tmp_path / "2023").mkdir()
        path = tmp_path / "2023" / "skm_responden.xlsx"
        data = {f"u{i}": [4, 3, None] for i in range(1, 10)}
        pd.DataFrame(data).to_excel(path, index=False)
        tabel = nrr_unsur(baca_responden(path))
        assert tabel["nrr"].tolist() == [3.5] * 9
        assert tabel["n_jawab"].tolist() == [2] * 9

    def test_out_of_scale_and_bad_kanal(self, tmp_path):
        kolom = self.kolom()
        kolom["U2"] = ["5", "0", "3"]
        kolom["kanal"] = ["kertas", "telepon", ""]
        path = tulis(tmp_path / "2022" / "skm_responden.csv", kolom)
        with pytest.raises(DataTidakValid) as e:
            baca_responden(path)
        tempat = [(m.baris, m.kolom, m.nilai) for m in masalah_dari(e)]
        assert tempat == [(2, "U2", "5"), (3, "U2", "0"), (3, "kanal", "telepon")]


def test_ikm_responden_needs_every_unsur_answered():
    r = pd.DataFrame({k: pd.array([4.0, None], dtype="Float64") for k in KOLOM_UNSUR})
    assert ikm_responden(r) == 100.0
    r["u8"] = pd.array([None, None], dtype="Float64")
    with pytest.raises(ValueError, match="U8"):
        ikm_responden(r)


class TestProfil:
    def test_age_bands_and_blanks(self):
        umur = pd.Series(["19", "20", "29", "59", "60", "75", None], dtype="string")
        tabel = profil_responden(pd.DataFrame({"umur": umur}), "umur")
        assert tabel["kategori"].tolist() == [
            "< 20",
            "20–29",
            "50–59",
            "≥ 60",
            "(tidak diisi)",
        ]
        assert tabel["jumlah"].tolist() == [1, 2, 1, 2, 1]
        assert math.isclose(tabel["persen"].sum(), 100)
        assert tabel["persen"].iloc[1] == pytest.approx(200 / 7)

    def test_categories_by_count(self):
        r = pd.DataFrame({"pekerjaan": ["Petani", "PNS", "Petani", None]}, dtype="string")
        tabel = profil_responden(r, "pekerjaan")
        assert tabel.values.tolist() == [
            ["Petani", 2, 50.0],
            ["PNS", 1, 25.0],
            ["(tidak diisi)", 1, 25.0],
        ]

    def test_age_given_as_text_bands_is_kept(self):
        r = pd.DataFrame({"umur": ["20-29 tahun", "20-29 tahun", "30-39 tahun"]})
        assert profil_responden(r, "umur")["kategori"].tolist() == ["20-29 tahun", "30-39 tahun"]

    def test_age_bands_as_a_segment_column(self):
        # the lower bound of each band belongs to it: 20 -> 20–29, 60 -> ≥ 60
        umur = pd.Series(["19", "20", "30", "49", "50", "60", None], dtype="string")
        hasil = dengan_kelompok_umur(pd.DataFrame({"umur": umur}))
        assert hasil["kelompok_umur"].tolist() == [
            "< 20", "20–29", "30–39", "40–49", "50–59", "≥ 60", pd.NA
        ]  # fmt: skip
        teks = pd.DataFrame({"umur": ["20-29 tahun", "30"]}, dtype="string")
        assert "kelompok_umur" not in dengan_kelompok_umur(teks).columns  # bands already given

    def test_unknown_column(self):
        with pytest.raises(KeyError, match="pendidikan"):
            profil_responden(pd.DataFrame({"umur": [20]}), "pendidikan")


class TestKecukupanSampel:
    def test_krejcie_morgan(self):
        # N = 100 -> 80 (Krejcie-Morgan table)
        assert kecukupan_sampel(80, 100)["cukup"] is True
        hasil = kecukupan_sampel(79, 100)
        assert (hasil["minimal"], hasil["cukup"]) == (80, False)
        assert kalimat_ikm.kecukupan_sampel(hasil) == (
            "Jumlah responden 79 dari 100 pengguna layanan; sampel minimal menurut tabel "
            "Krejcie–Morgan adalah 80, sehingga sampel belum mencukupi."
        )
        # N = 1000 -> 278; 278 respondents are enough
        assert kalimat_ikm.kecukupan_sampel(kecukupan_sampel(278, 1000)) == (
            "Jumlah responden 278 dari 1.000 pengguna layanan; sampel minimal menurut tabel "
            "Krejcie–Morgan adalah 278, sehingga sampel mencukupi."
        )

    def test_without_population_not_assessable(self):
        hasil = kecukupan_sampel(240, None)
        assert hasil["cukup"] is None and hasil["minimal"] is None
        assert kalimat_ikm.kecukupan_sampel(hasil) == (
            "Jumlah responden 240; kecukupan sampel tidak dapat dinilai karena jumlah pengguna "
            "layanan (populasi) tidak diketahui."
        )


class TestSample:
    def test_2023_reproduces_published_means(self):
        r = baca_responden(SAMPLE / "skm_responden_2023_SINTETIS.csv")
        assert nrr_unsur(r)["nrr"].round(2).tolist() == NRR_2023
        assert (r["kanal"] == "digital").mean() > 0.5

    def test_2022_near_published_94(self):
        r = baca_responden(SAMPLE / "skm_responden_2022_SINTETIS.csv")
        assert round(ikm_responden(r)) == 94

    def test_google_form_export_reads_as_the_same_respondents(self):
        polos = baca_responden(SAMPLE / "skm_responden_2023_SINTETIS.csv")
        gf = baca_responden(SAMPLE / "skm_google_form_2023_SINTETIS.csv")
        pd.testing.assert_frame_equal(nrr_unsur(gf), nrr_unsur(polos))
        assert gf["kanal"].tolist() == polos["kanal"].tolist()
        assert nrr_unsur(gf)["n_jawab"].min() < len(gf)  # has blanks

    def test_labelled_synthetic(self):
        r = pd.read_csv(SAMPLE / "skm_responden_2023_SINTETIS.csv")
        assert set(r["keterangan"]) == {"DATA SINTETIS — bukan data asli"}
        assert "DATA SINTETIS" in (SAMPLE / "README.md").read_text(encoding="utf-8")

    def test_script_regenerates_identical_files(self, tmp_path, monkeypatch):
        spec = importlib.util.spec_from_file_location(
            "make_sample", ROOT / "scripts/make_sample.py"
        )
        modul = importlib.util.module_from_spec(spec)
        monkeypatch.setitem(sys.modules, "make_sample", modul)
        spec.loader.exec_module(modul)
        for path in modul.main(tmp_path):
            assert filecmp.cmp(path, SAMPLE / path.name, shallow=False), path.name


class TestFormsAsTheyCome:
    """Issue 14 item 1: free-text columns are comments, never an unsur."""

    def test_google_form_with_saran_dan_masukan_gives_the_same_ikm(self, tmp_path):
        sampel = pd.read_csv(SAMPLE / "skm_google_form_2023_SINTETIS.csv", dtype=str)
        tabel = sampel.drop(columns="Saran dan masukan").fillna("")  # the sample has one
        asli = tmp_path / "tanpa" / "2023" / "skm_responden.csv"
        asli.parent.mkdir(parents=True)
        tabel.to_csv(asli, index=False)
        saran = ["Antrean KTP terlalu lama", "", "Tidak ada", "Petugasnya ramah, terima kasih"]
        tabel["Saran dan masukan"] = [saran[i % 4] for i in range(len(tabel))]
        path = tmp_path / "dengan" / "2023" / "skm_responden.csv"
        path.parent.mkdir(parents=True)
        tabel.to_csv(path, index=False)
        dengan = baca_responden(path)
        tanpa = baca_responden(asli)
        assert ikm_responden(dengan) == ikm_responden(tanpa)
        pd.testing.assert_frame_equal(dengan.drop(columns="komentar"), tanpa)
        assert dengan["komentar"].tolist()[:4] == [saran[0], pd.NA, "Tidak ada", saran[3]]

    def test_u8_question_naming_saran_stays_u8_beside_a_free_text_saran(self, tmp_path):
        # The header of the issue: U8's official name contains "Saran dan Masukan".
        kolom = form()
        u8 = "9. Bagaimana pendapat Saudara tentang penanganan pengaduan, saran dan masukan?"
        kolom[u8] = kolom.pop(TANYA["U8"])
        kolom["Saran dan masukan"] = ["Tidak ada", "Tidak ada", "", "Tidak ada"]  # U8 labels
        kolom["Kritik"] = ["4", "", "antre lama", ""]
        r = baca_responden(tulis(tmp_path / "2023" / "skm_responden.csv", kolom))
        assert nrr_unsur(r)["nrr"].tolist() == pytest.approx(NRR_TANGAN)
        assert r["komentar"].tolist() == ["Tidak ada | 4", "Tidak ada", "antre lama", "Tidak ada"]

    def test_free_text_naming_an_unsur_is_a_comment(self, tmp_path):
        kolom = form()
        kolom["Saran untuk biaya dan waktu pelayanan"] = ["lebih cepat", "", "", "murah"]
        r = baca_responden(tulis(tmp_path / "2023" / "skm_responden.csv", kolom))
        assert nrr_unsur(r)["nrr"].tolist() == pytest.approx(NRR_TANGAN)
        assert r["komentar"].notna().sum() == 2

    def test_two_on_scale_columns_for_one_unsur_name_both(self, tmp_path):
        kolom = form()
        kolom["Usulan tentang penanganan pengaduan"] = ["Dikelola dengan baik"] * 4
        path = tulis(tmp_path / "2023" / "skm_responden.csv", kolom)
        with pytest.raises(DataTidakValid) as e:
            baca_responden(path)
        [m] = masalah_dari(e)
        assert m.kolom == "Usulan tentang penanganan pengaduan"
        assert f'U8 sudah diambil dari kolom "{TANYA["U8"]}"' in m.pesan


class TestUnreadableRespondentFiles:
    """The respondent file goes through the project's one reader: messages, no traceback."""

    @pytest.mark.parametrize(
        ("isi", "kata"),
        [
            (b"", "kosong"),
            (b"\x00\x01\x02binary\xff", "biner"),
            ("u1,u2\nSesuai,Mudah\xe9\n".encode("cp1252"), "UTF-8"),
            (b"PK\x03\x04 not really", "buku kerja Excel"),
        ],
    )
    def test_bad_bytes(self, tmp_path, isi, kata):
        path = tmp_path / "2023" / "skm_responden.csv"
        path.parent.mkdir()
        path.write_bytes(isi)
        with pytest.raises(DataTidakValid) as e:
            baca_responden(path)
        [m] = masalah_dari(e)
        assert m.berkas == "2023/skm_responden.csv"
        assert kata in m.pesan

    def test_link_to_a_folder_and_a_folder(self, tmp_path):
        (tmp_path / "2023").mkdir()
        path = tmp_path / "2023" / "skm_responden.csv"
        path.symlink_to(tmp_path)
        with pytest.raises(DataTidakValid) as e:
            baca_responden(path)
        assert "folder" in masalah_dari(e)[0].pesan

    def test_duplicate_header_is_reported_and_not_a_crash(self, tmp_path):
        path = tmp_path / "2023" / "skm_responden.csv"
        path.parent.mkdir()
        kepala = ",".join(f"u{i}" for i in range(1, 10))
        path.write_text(f"{kepala},u3\n" + "4," * 9 + "4\n", encoding="utf-8")
        with pytest.raises(DataTidakValid) as e:
            baca_responden(path)
        [m] = masalah_dari(e)
        assert (m.baris, m.kolom) == (1, "u3")
        assert "lebih dari sekali" in m.pesan

    @pytest.mark.parametrize(
        ("isi", "kata"),
        [
            ("- U1\n- U2\n", "isi berkas harus berupa pasangan kunci: nilai"),
            ("pertanyaan: [U1, U2]\n", 'kunci "pertanyaan" harus berupa pasangan kunci'),
            ("pertanyaan: {a: U1\n", "penulisan YAML tidak valid"),
            ("jawaban:\n  U4: Gratis\n", "harus U1..U9 berisi pemetaan label"),
            ("a: &x [1]\nb: *x\n", "anchor dan alias"),
        ],
    )
    def test_pemetaan_of_the_wrong_shape(self, tmp_path, isi, kata):
        path = tulis(tmp_path / "2023" / "skm_responden.csv", form())
        (tmp_path / "2023" / "skm_pemetaan.yaml").write_text(isi, encoding="utf-8")
        with pytest.raises(DataTidakValid) as e:
            baca_responden(path)
        assert any(kata in m.pesan for m in masalah_dari(e)), str(e.value)
        assert all(m.berkas == "2023/skm_pemetaan.yaml" for m in masalah_dari(e))


def test_exploration_names_its_source_and_flags_synthetic_data():
    resmi = SumberSkm(2023, None, None, Path("data/raw/panarukan"), [Path("skm_responden.csv")])
    assert kalimat_ikm.sumber_data(resmi) == "Sumber data: data/raw/panarukan (skm_responden.csv)."
    kosong = SumberSkm(2023, None, None, Path("data/raw/panarukan"))
    assert kalimat_ikm.sumber_data(kosong).endswith("(tidak ada berkas responden).")
    contoh = SumberSkm(2023, None, None, SAMPLE, [SAMPLE / "skm_responden_2023_SINTETIS.csv"])
    assert contoh.sintetis
    assert kalimat_ikm.sumber_data(contoh) == (
        "DATA SINTETIS — bukan data asli. Analisis ini memakai contoh buatan program "
        "(skm_responden_2023_SINTETIS.csv); angkanya tidak menggambarkan responden sungguhan "
        "dan tidak boleh dikutip sebagai hasil survei."
    )
