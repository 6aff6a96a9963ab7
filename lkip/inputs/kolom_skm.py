"""The columns of a respondent table that the rest of lkip names: a module of its own, without
the readers' imports (pydantic, the spreadsheet readers), so that a chapter kernel showing the
survey does not load them."""

KOLOM_PROFIL: dict[str, str] = {
    "jenis_kelamin": "Jenis kelamin",
    "umur": "Kelompok umur",
    "pendidikan": "Pendidikan",
    "pekerjaan": "Pekerjaan",
    "jenis_layanan": "Jenis layanan",
    "kanal": "Kanal pengisian",
}
"""Profile columns of a respondent file, in the order SKM reports print them, with the name the
report gives each (ages are shown in bands)."""
KOLOM_TANGGAL = "tanggal"
"""When the respondent filled the form in (a Google Forms timestamp, or a date)."""
KOLOM_KOMENTAR = "komentar"
"""The respondents' free text ("Saran dan masukan", "Kritik dan saran", ...), all such columns
of a form joined in one text column; also a target in ``skm_pemetaan.yaml``."""
