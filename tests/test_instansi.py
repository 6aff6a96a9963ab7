"""Many offices in one root: which one a command works on, the slug check, new-instansi."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from lkip.build.pipeline import proses
from lkip.cli import main
from lkip.core import paths
from lkip.core.errors import DataTidakValid, TahunBaruGagal
from lkip.core.paths import (
    InstansiTidakJelas,
    dengan_instansi,
    folder_tahun,
    instansi_aktif,
    outputs_dir,
    periksa_slug,
    processed_dir,
)
from lkip.inputs.instansi_baru import buat_instansi_baru
from lkip.inputs.tahun import muat_tahun
from tests.conftest import SHIPPED_RAW


def test_a_single_office_is_used_without_naming_it(root: Path, monkeypatch) -> None:
    monkeypatch.delenv(paths.ENV_INSTANSI, raising=False)
    assert instansi_aktif(root) == "panarukan"
    assert folder_tahun(2023, root) == root / "data" / "raw" / "panarukan" / "2023"
    assert processed_dir(2023, root) == root / "data" / "processed" / "panarukan" / "2023"
    assert outputs_dir(2023, root) == root / "outputs" / "panarukan" / "2023"


def test_several_offices_need_one_named_and_the_message_lists_them(root: Path, monkeypatch):
    monkeypatch.delenv(paths.ENV_INSTANSI, raising=False)
    shutil.copytree(SHIPPED_RAW, root / "data" / "raw" / "kendit")
    (root / "data" / "raw" / "Catatan lama").mkdir()  # not a slug: not an office
    with pytest.raises(InstansiTidakJelas, match=r"2 instansi .*\(kendit, panarukan\).*INSTANSI="):
        instansi_aktif(root)
    with dengan_instansi("kendit"):
        assert outputs_dir(2023, root) == root / "outputs" / "kendit" / "2023"
    monkeypatch.setenv(paths.ENV_INSTANSI, "panarukan")  # how make and the kernels pass it
    assert instansi_aktif(root) == "panarukan"
    with dengan_instansi("kendit"):  # a batch task's choice wins over the environment
        assert instansi_aktif(root) == "kendit"


def test_the_old_layout_is_named_with_the_way_out(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(paths.ENV_INSTANSI, raising=False)
    (tmp_path / "data" / "raw" / "2023").mkdir(parents=True)
    with pytest.raises(InstansiTidakJelas, match=r"data/raw/2023 .* data/raw/panarukan/2023/"):
        instansi_aktif(tmp_path)
    shutil.rmtree(tmp_path / "data" / "raw" / "2023")
    with pytest.raises(InstansiTidakJelas, match="belum ada folder instansi"):
        instansi_aktif(tmp_path)


@pytest.mark.parametrize(
    "slug",
    ["../panarukan", "panarukan/2023", "Panarukan", "kendit;rm -rf ~", "$(id)", "", "2023",
     "-kendit", "rekap", "a" * 41, "kendit "],
)  # fmt: skip
def test_an_instansi_is_a_slug_never_a_path_or_shell_code(slug: str) -> None:
    with pytest.raises(InstansiTidakJelas, match="huruf kecil"):
        periksa_slug(slug)


@pytest.mark.parametrize("slug", ["panarukan", "kendit", "mlandingan-2", "a"])
def test_slugs_offices_use_are_accepted(slug: str) -> None:
    assert periksa_slug(slug) == slug


def test_cli_rejects_a_bad_instansi_before_doing_anything(root, monkeypatch, capsys) -> None:
    monkeypatch.setenv("LKIP_ROOT", str(root))
    with pytest.raises(SystemExit) as info:
        main(["--instansi", "../x", "validate"])
    assert info.value.code == 2
    assert "huruf kecil" in capsys.readouterr().err
    monkeypatch.setenv(paths.ENV_INSTANSI, "tidak-ada")
    assert main(["validate", "--year", "2023"]) == 2
    assert "tidak-ada/2023 tidak ditemukan" in capsys.readouterr().err


def test_cli_without_instansi_among_several_says_which_exist(root, monkeypatch, capsys) -> None:
    monkeypatch.setenv("LKIP_ROOT", str(root))
    monkeypatch.delenv(paths.ENV_INSTANSI, raising=False)
    shutil.copytree(SHIPPED_RAW, root / "data" / "raw" / "kendit")
    assert main(["validate"]) == 2
    assert "(kendit, panarukan)" in capsys.readouterr().err
    assert main(["--instansi", "kendit", "validate"]) == 0
    assert "Data tahun 2023 valid" in capsys.readouterr().out
    assert (root / "data" / "processed" / "kendit" / "2023" / "laporan.json").is_file()


def test_make_passes_instansi_only_as_data(tmp_path: Path) -> None:
    """INSTANSI reaches the CLI quoted: shell code in it is refused, never run."""
    jejak = tmp_path / "dijalankan"
    hasil = subprocess.run(
        ["make", "-n", "validate", f"INSTANSI=x; touch {jejak}"],
        cwd=paths.PACKAGE_ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert '--instansi "$INSTANSI"' in hasil.stdout
    assert not jejak.exists()


def test_new_instansi_keeps_structure_and_drops_identity_and_figures(root: Path) -> None:
    hasil = buat_instansi_baru("kendit", "panarukan", root)
    folder = root / "data" / "raw" / "kendit" / "2023"
    assert hasil.folder == folder and hasil.tahun == 2023
    asal = root / "data" / "raw" / "panarukan" / "2023"
    for nama in ("kinerja", "anggaran", "idm", "skm_unsur", "pegawai"):
        lama = (asal / f"{nama}.csv").read_text().splitlines()[0]
        assert (folder / f"{nama}.csv").read_text().splitlines()[0] == lama  # same columns
    for nama in ("kinerja", "anggaran", "idm"):  # indicators, programs, desa: the office's own
        assert len((folder / f"{nama}.csv").read_text().splitlines()) == 1
    unsur = (folder / "skm_unsur.csv").read_text().splitlines()
    assert len(unsur) == 10 and unsur[1] == "U1,Persyaratan,"  # national unsur, nrr empty
    assert not (folder / "dilaporkan.csv").exists()

    profil_lama = yaml.safe_load((asal / "profil.yaml").read_text())
    profil = yaml.safe_load((folder / "profil.yaml").read_text())
    assert profil.keys() == profil_lama.keys()
    assert profil["instansi"] == profil["alamat"] == ""
    assert profil["kepala"] == {"jabatan": "", "nama": "", "pangkat": "", "nip": ""}
    assert profil["kabupaten"] == "Situbondo" and profil["konvensi"] == profil_lama["konvensi"]
    narasi_lama = yaml.safe_load((asal / "narasi.yaml").read_text())
    narasi = yaml.safe_load((folder / "narasi.yaml").read_text())
    assert narasi.keys() == narasi_lama.keys()
    teks = (folder / "narasi.yaml").read_text() + (folder / "profil.yaml").read_text()
    for jejak in ("Panarukan", "ALI MUNIR", "197306021992031001", "Paowan"):
        assert jejak not in teks
        assert jejak not in "".join(p.read_text() for p in folder.glob("*.csv"))
    assert "kendit" in (folder / "README-TAHUN-BARU.md").read_text()


def test_validation_of_a_new_instansi_lists_everything_still_empty(root: Path) -> None:
    buat_instansi_baru("kendit", "panarukan", root)
    with dengan_instansi("kendit"), pytest.raises(DataTidakValid) as e:
        proses(2023, root)
    pesan = str(e.value)
    for kunci in ("instansi", "alamat", "kepala.nama", "kepala.nip", "penandatanganan.tanggal"):
        assert f'kunci "{kunci}" wajib diisi' in pesan
    assert "kinerja.csv" in pesan and "anggaran.csv" in pesan
    with dengan_instansi("panarukan"):  # the model office is untouched
        assert muat_tahun(2023, root).profil["instansi"] == "Kecamatan Panarukan"


def test_new_instansi_never_overwrites_and_needs_a_model(root: Path) -> None:
    buat_instansi_baru("kendit", "panarukan", root)
    (root / "data" / "raw" / "kendit" / "2023" / "kinerja.csv").write_text("diisi")
    with pytest.raises(TahunBaruGagal, match="sudah ada"):
        buat_instansi_baru("kendit", "panarukan", root)
    assert (root / "data" / "raw" / "kendit" / "2023" / "kinerja.csv").read_text() == "diisi"
    with pytest.raises(TahunBaruGagal, match="tidak punya folder tahun"):
        buat_instansi_baru("besuki", "tidak-ada", root)
    assert not (root / "data" / "raw" / "besuki").exists()
    assert not [p for p in (root / "data" / "raw").iterdir() if p.name.startswith(".")]


def test_cli_new_instansi(root: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("LKIP_ROOT", str(root))
    assert main(["--instansi", "kendit", "new-instansi", "--dari", "panarukan"]) == 0
    assert "make validate INSTANSI=kendit YEAR=2023" in capsys.readouterr().out
    assert main(["new-instansi", "--dari", "panarukan"]) == 2
    assert "make new-instansi INSTANSI=" in capsys.readouterr().err
