"""warta's Indonesian news tokenizer: table-driven cases."""

from __future__ import annotations

import pickle

import pytest

from warta.nlp.tokenizer import CliticSplitter, load_data, make_blank


@pytest.fixture(scope="module")
def nlp():
    return make_blank()


def toks(nlp, text):
    return [t.text for t in nlp(text)]


CASES = [
    # numbers stay one token; currency symbols separate
    ("Harga naik 10.000 unit.", ["Harga", "naik", "10.000", "unit", "."]),
    ("Inflasi 2,3 persen dan 1,5 juta", ["Inflasi", "2,3", "persen", "dan", "1,5", "juta"]),
    ("senilai US$5 miliar", ["senilai", "US$", "5", "miliar"]),
    ("senilai US$ 5 miliar", ["senilai", "US$", "5", "miliar"]),
    ("Rp10.000", ["Rp", "10.000"]),
    ("Rp 10.000", ["Rp", "10.000"]),
    ("Rp.10.000", ["Rp.", "10.000"]),
    ("Rp10.000-Rp20.000", ["Rp", "10.000", "-", "Rp", "20.000"]),
    ("US$5-US$6 miliar", ["US$", "5", "-", "US$", "6", "miliar"]),
    ("naik 5% pada 17.00 WIB", ["naik", "5", "%", "pada", "17.00", "WIB"]),
    # clitics split off, as UD Indonesian does
    ("rumahnya", ["rumah", "nya"]),
    ("katanya", ["kata", "nya"]),
    ("KATANYA", ["KATA", "NYA"]),
    ("Menurutnya", ["Menurut", "nya"]),
    ("kawan-kawannya", ["kawan-kawan", "nya"]),
    ("apakah", ["apa", "kah"]),
    ("Bukankah", ["Bukan", "kah"]),
    ("inilah", ["ini", "lah"]),
    ("siapapun", ["siapa", "pun"]),
    ("ataupun", ["atau", "pun"]),
    ("ujarnya, adanya", ["ujar", "nya", ",", "ada", "nya"]),
    ("rumahku", ["rumah", "ku"]),
    # roots that merely end in clitic letters stay whole
    ("hanya punya tanya bertanya", ["hanya", "punya", "tanya", "bertanya"]),
    ("sekolah masalah Allah Abdullah salah kalah telah adalah",
     ["sekolah", "masalah", "Allah", "Abdullah", "salah", "kalah", "telah", "adalah"]),
    ("bawah rumah lemah sejarah wilayah daerah Pemerintah ibukota",
     ["bawah", "rumah", "lemah", "sejarah", "wilayah", "daerah", "Pemerintah", "ibukota"]),
    ("mengolah langkah menikah Mekkah", ["mengolah", "langkah", "menikah", "Mekkah"]),
    ("bertemu ilmu berlaku buku tamu", ["bertemu", "ilmu", "berlaku", "buku", "tamu"]),
    ("ampun menghimpun rumpun Kenya", ["ampun", "menghimpun", "rumpun", "Kenya"]),
    ("naskah Paskah majalah", ["naskah", "Paskah", "majalah"]),
    # words GSD and CSUI write whole although they end in clitic letters
    ("Sebelumnya, akhirnya lainnya misalnya", ["Sebelumnya", ",", "akhirnya", "lainnya", "misalnya"]),
    ("maupun meskipun walaupun", ["maupun", "meskipun", "walaupun"]),
    # quotation marks are tokens, including ” used as an opening mark
    ("”Saya tidak tahu,” katanya.", ["”", "Saya", "tidak", "tahu", ",", "”", "kata", "nya", "."]),
    ("“Kami siap”", ["“", "Kami", "siap", "”"]),
    ("„dia“ ‘ini’ 'itu'", ["„", "dia", "“", "‘", "ini", "’", "'", "itu", "'"]),
    ('"Ya," ujar Budi.', ['"', "Ya", ",", '"', "ujar", "Budi", "."]),
    # datelines
    ("Jakarta - Presiden", ["Jakarta", "-", "Presiden"]),
    ("KOMPAS.com – Menteri", ["KOMPAS.com", "–", "Menteri"]),
    ("KOMPAS.com–Menteri", ["KOMPAS.com", "–", "Menteri"]),
    ("KONTAN.CO.ID - MOSKOW.", ["KONTAN.CO.ID", "-", "MOSKOW", "."]),
    # abbreviations kept whole
    ("Kemenkeu dan Polri", ["Kemenkeu", "dan", "Polri"]),
    ("buku, pena, dll. dan", ["buku", ",", "pena", ",", "dll.", "dan"]),
    ("dsb. a.n. Dr. H. No. Prof.", ["dsb.", "a.n.", "Dr.", "H.", "No.", "Prof."]),
    ("di Jl. Sudirman No. 5, Kab. Bogor", ["di", "Jl.", "Sudirman", "No.", "5", ",", "Kab.", "Bogor"]),
    ("Budi, S.H., M.Si., Ph.D.", ["Budi", ",", "S.H.", ",", "M.Si.", ",", "Ph.D."]),
    ("di JL. KS Tubun, RS. Santo Yusup", ["di", "JL.", "KS", "Tubun", ",", "RS.", "Santo", "Yusup"]),
    # reduplication stays one token
    ("anak-anak", ["anak-anak"]),
    ("konsep-konsep baru, Raja-Raja", ["konsep-konsep", "baru", ",", "Raja-Raja"]),
    ("buku-bukunya", ["buku-buku", "nya"]),
    # so do lowercase compounds, ordinals and decades; names, ranges and acronyms split
    ("non-migas terus-menerus", ["non-migas", "terus-menerus"]),
    ("hari ke-18, tahun 1960-an", ["hari", "ke-18", ",", "tahun", "1960-an"]),
    ("Jakarta-Bandung Januari-September 2019-2020 Bapepam-LK",
     ["Jakarta", "-", "Bandung", "Januari", "-", "September", "2019", "-", "2020", "Bapepam", "-", "LK"]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0] for c in CASES])
def test_tokenization(nlp, text, expected):
    assert toks(nlp, text) == expected


def test_text_is_preserved(nlp):
    text = "”Kami memastikan,” tegas Choe.  Rumahnya di Jl. Sudirman–Thamrin."
    assert nlp(text).text == text


def test_splitter_uses_data_file():
    data = load_data()
    assert ("nya", 3) in data.clitics
    assert "hanya" in data.roots
    splitter = CliticSplitter(data)
    assert splitter.split("pemerintahnya") == ["pemerintah", "nya"]
    assert splitter.split("hanya") == ["hanya"]
    assert splitter.split("diolahnya") == ["diolah", "nya"]


def test_registered_and_picklable(nlp):
    import spacy

    assert spacy.registry.tokenizers.get("warta.IndonesianNewsTokenizer.v1")
    clone = pickle.loads(pickle.dumps(nlp.tokenizer))
    assert [t.text for t in clone("rumahnya")] == ["rumah", "nya"]


@pytest.mark.parametrize("text,word", [
    ("Ia bertemu Dr. Budi di kantor.", "Budi"),
    ("Lukman, R. Ahmad Basah, hadir.", "Ahmad"),
    ("Kantornya di Jl. Sudirman No. 5 Jakarta.", "Sudirman"),
    ("Kantornya di Jl. Sudirman No. 5 Jakarta.", "5"),
    ("Ia dirawat di RS. Santo Yusup, Bandung.", "Santo"),
])
def test_no_sentence_start_after_titles_and_initials(nlp, text, word):
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert token.is_sent_start is False
