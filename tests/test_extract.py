"""warta.extract: the Indonesian portal layer on plain text and on HTML pages (no NLP model needed)."""
from __future__ import annotations

import json

import pytest

from warta.extract import ExtractionError, extract
from warta.extract.dates import parse_iso, parse_visible
from warta.extract.portals import clean_lines, credit_segments, date_only, split_names
from warta.sources import SourceDocument

BODY = [
    "Pemerintah Kota Sukamaju meresmikan pasar tradisional baru di Kecamatan Cibeureum pada Senin pagi.",
    '"Pasar ini kami bangun agar pedagang kecil punya tempat yang layak," kata Wali Kota Sukamaju, Hendra Wiratama.',
    "Pembangunan pasar itu menelan anggaran sekitar Rp 12 miliar dari APBD kota.",
]


def text_source(text: str, **kw) -> SourceDocument:
    return SourceDocument(origin="<test>", text=text, **kw)


def titled(*lines: str) -> SourceDocument:
    return SourceDocument(origin="<test>.txt", text="\n".join(lines), title_from_first_line=True)


# ---- plain text ---------------------------------------------------------------------------------

def test_kontan_style_dateline_related_and_editor():
    ex = extract(titled(
        "Wali Kota Resmikan Pasar Baru", "", "",
        "KONTAN.CO.ID - BANDUNG. " + BODY[0], "",
        BODY[1], "", "Baca Juga: Harga Cabai di Pasar Induk Turun Tajam", "",
        BODY[2], "",
        "Selanjutnya: Pedagang Keluhkan Sepinya Pembeli Jelang Akhir Tahun", "",
        "Menarik Dibaca: 5 Cara Menawar Harga di Pasar Tradisional", "",
        "Editor: Siti Rahmawati"))
    assert ex.title == "Wali Kota Resmikan Pasar Baru"
    assert ex.outlet == "KONTAN.CO.ID" and ex.dateline == "BANDUNG"
    assert ex.text.startswith("Pemerintah Kota Sukamaju")
    assert ex.editors == ["Siti Rahmawati"]
    assert [r.title for r in ex.related] == ["Harga Cabai di Pasar Induk Turun Tajam",
                                             "Pedagang Keluhkan Sepinya Pembeli Jelang Akhir Tahun",
                                             "5 Cara Menawar Harga di Pasar Tradisional"]
    assert [r.label for r in ex.related] == ["Baca Juga", "Selanjutnya", "Menarik Dibaca"]
    for furniture in ("Baca Juga", "Selanjutnya:", "Menarik Dibaca", "Editor", "KONTAN"):
        assert furniture not in ex.text
    assert ex.text.split("\n\n") == BODY  # paragraphs separated by a blank line


@pytest.mark.parametrize("prefix, outlet, city", [
    ("JAKARTA, KOMPAS.com – ", "KOMPAS.com", "JAKARTA"),
    ("LHOKSEUMAWE, KOMPAS.com - ", "KOMPAS.com", "LHOKSEUMAWE"),
    ("Jakarta, CNN Indonesia -- ", "CNN Indonesia", "Jakarta"),
    ("Jakarta (ANTARA) - ", "ANTARA", "Jakarta"),
    ("Mataram, NTB (ANTARA News) - ", "ANTARA News", "Mataram"),
    ("Liputan6.com, Jakarta - ", "Liputan6.com", "Jakarta"),
    ("TEMPO.CO, Jakarta - ", "TEMPO.CO", "Jakarta"),
    ("REPUBLIKA.CO.ID, JAKARTA -- ", "REPUBLIKA.CO.ID", "JAKARTA"),
    ("Okezone.com - ", "Okezone.com", None),
    ("Jakarta - ", None, "Jakarta"),
    ("Kota Bandung - ", None, "Kota Bandung"),
])
def test_datelines(prefix, outlet, city):
    ex = extract(text_source(prefix + BODY[0] + "\n" + BODY[1]))
    assert (ex.outlet, ex.dateline) == (outlet, city)
    assert ex.text.startswith("Pemerintah Kota Sukamaju")


def test_person_before_a_dash_is_not_a_dateline():
    ex = extract(text_source("Gubernur Andi Pranata - didampingi istrinya - meninjau pasar di Sukamaju pada Senin.\n"
                             + BODY[0]))
    assert ex.dateline is None and ex.text.startswith("Gubernur Andi Pranata - didampingi")


def test_no_dateline_when_the_body_starts_with_a_sentence():
    ex = extract(text_source('"Kami siap bekerja sama," kata Rudi - seorang pedagang - kepada wartawan di Bogor.\n'
                             + BODY[0]))
    assert ex.dateline is None and ex.outlet is None
    assert ex.text.startswith('"Kami siap')


def test_detik_furniture_video_teasers_and_scroll_markers():
    ex = extract(text_source("\n".join([
        BODY[0], BODY[1], "SCROLL TO CONTINUE WITH CONTENT", "ADVERTISEMENT", BODY[2],
        "Saksikan Live DetikPagi :", "",
        "Simak juga Video 'Warga Antre Minyak Goreng Murah di Balai Kota':",
        'Tonton juga video "Banjir Rendam Ratusan Rumah di Kabupaten Sukamaju" di sini:',
        "Lihat juga Video: Jembatan Gantung Putus, Siswa Terpaksa Menyeberang Sungai",
        "(abc/xyz)"])))
    assert ex.text.split("\n\n") == BODY
    assert [r.title for r in ex.related] == ["Warga Antre Minyak Goreng Murah di Balai Kota",
                                             "Banjir Rendam Ratusan Rumah di Kabupaten Sukamaju",
                                             "Jembatan Gantung Putus, Siswa Terpaksa Menyeberang Sungai"]


def test_initials_glued_to_the_last_paragraph_are_removed():
    ex = extract(text_source(BODY[0] + "\n" + BODY[2] + " (abc/def)"))
    assert ex.text.endswith("APBD kota.")


def test_adapted_credit_and_translation_note():
    ex = extract(text_source("\n".join(BODY + ["Artikel ini pertama kali terbit dalam bahasa Inggris",
                                               "Diadaptasi oleh Rina Kusuma dan Agus Salim", "Editor: Dewi Lestari"])))
    assert ex.authors == ["Rina Kusuma", "Agus Salim"] and ex.editors == ["Dewi Lestari"]
    assert ex.text.split("\n\n") == BODY


def test_body_words_like_selanjutnya_are_kept():
    lines = ["Selanjutnya, petugas memeriksa dokumen kendaraan yang melintas di perbatasan kota.",
             "Editor sebuah majalah ikut hadir dalam acara tersebut bersama para penulis muda."]
    ex = extract(text_source("\n".join(lines)))
    assert ex.text.split("\n\n") == lines and not ex.related and not ex.editors


def test_caps_sign_off_is_the_author_and_agency_credit_is_dropped():
    ex = extract(text_source("\n".join(BODY + ["BUDI HARTONO"])))
    assert ex.authors == ["BUDI HARTONO"] and ex.text.split("\n\n") == BODY
    ex = extract(text_source("\n".join(BODY + ["ANTARA"])))
    assert ex.authors == [] and ex.text.split("\n\n") == BODY


def test_bare_label_takes_the_following_short_titles():
    cleaned = clean_lines([BODY[0], "Baca Juga", "Harga Beras Naik di Tiga Provinsi", "Petani Minta Pupuk Murah",
                           BODY[1]])
    assert [r.title for r in cleaned.related] == ["Harga Beras Naik di Tiga Provinsi", "Petani Minta Pupuk Murah"]
    assert cleaned.paragraphs == [BODY[0], BODY[1]]


def test_credit_helpers():
    assert credit_segments("Penulis : Kontributor Garut, Asep Mulyana Editor : Rina Sari") == [
        ("author", ["Asep Mulyana"]), ("editor", ["Rina Sari"])]
    assert credit_segments("Sumber: Dinas Perhubungan Kota Sukamaju") is None  # body text, not a credit
    assert credit_segments("Editor: Ini bukan nama. Ini kalimat lain") is None
    assert split_names("Budi Santoso dan Agus S") == ["Budi Santoso", "Agus S"]
    assert date_only("Kamis, 05/11/2015 10:08 WIB") and date_only("- Rabu, 4 November 2015 | 21:04")
    assert not date_only("Jakarta, 5 Mei 2020 ada banjir") and not date_only("2.000") and not date_only("3 - 1")


def test_title_line_and_empty_body():
    with pytest.raises(ExtractionError, match="no article"):
        extract(titled("Judul Saja", "", "   "))


def test_json_published_kept_as_given():
    ex = extract(text_source("\n".join(BODY), published="2025-10-21T20:43", title="Judul"))
    assert ex.published == "2025-10-21T20:43" and ex.title == "Judul"


# ---- dates --------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, iso", [
    ("Kamis, 05/11/2015 10:08 WIB", "2015-11-05T10:08"),
    ("Kamis, 5 November 2015 14:56 WIB", "2015-11-05T14:56"),
    ("Rabu, 4 November 2015 | 21:04 WIB", "2015-11-04T21:04"),
    ("Selasa, 23 Februari 2016, 17:15 WIB", "2016-02-23T17:15"),
    ("on 16 Feb 2016 at 09:10 WIB", "2016-02-16T09:10"),
    ("Jumat, 7 Agustus 2020 - 15:56 wib", "2020-08-07T15:56"),
    ("Wednesday, 04 November, 2015 | 07:28 WIB", "2015-11-04T07:28"),
    ("Minggu, 14 Februari 2016", "2016-02-14"),
    ("31/02/2016", None),
    ("tidak ada tanggal di sini", None),
])
def test_visible_dates(line, iso):
    assert parse_visible(line) == iso


def test_iso_dates():
    assert parse_iso("2024-11-01T09:30:00+07:00") == "2024-11-01T09:30"
    assert parse_iso("2024-11-01") == "2024-11-01"
    assert parse_iso("2024-13-01") is None


# ---- HTML ---------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Wali Kota Resmikan Pasar Baru - Warta Sukamaju</title>
<meta property="og:title" content="Wali Kota Resmikan Pasar Baru - Warta Sukamaju">
<meta property="og:site_name" content="Warta Sukamaju">
<link rel="canonical" href="https://warta.contoh.id/berita/1-pasar-baru"></head>
<body><div class="header"><h1>Warta Sukamaju</h1><a href="/">Beranda</a></div>
<div class="main"><h2 class="title">Wali Kota Resmikan Pasar Baru</h2>
<div class="date">Senin, 03 Maret 2025 | 10:15 WIB</div>
<div class="byline">Penulis: <span>Rudi Hartono</span></div>
<div class="article-body"><p><strong>Sukamaju</strong> - {b0}</p><p>{b1}</p>
<div class="baca-juga"><strong>Baca Juga</strong><ul>
<li><a href="/a">Harga Cabai di Pasar Induk Turun Tajam</a></li>
<li><a href="/b">Pedagang Keluhkan Sepinya Pembeli Jelang Akhir Tahun</a></li></ul></div>
<p>{b2}</p><p>Editor: Siti Rahmawati</p></div>
<div class="berita-terkait"><h3>Berita Terkait</h3><ul><li><a href="/c">Pasar Lama Akan Dijadikan Taman Kota</a></li></ul></div>
</div><div class="footer">© 2025 Warta Sukamaju. All rights reserved.</div></body></html>
""".format(b0=BODY[0], b1=BODY[1], b2=BODY[2])


def html_source(page: str) -> SourceDocument:
    return SourceDocument(origin="<test>.html", html=page)


def test_html_page_portal_layer():
    ex = extract(SourceDocument(origin="<test>.html", html=PAGE, url="https://warta.contoh.id/berita/1"))
    assert ex.title == "Wali Kota Resmikan Pasar Baru"
    assert ex.published == "2025-03-03T10:15"
    assert ex.authors == ["Rudi Hartono"] and ex.editors == ["Siti Rahmawati"]
    assert ex.dateline == "Sukamaju"
    assert {r.title for r in ex.related} == {"Harga Cabai di Pasar Induk Turun Tajam",
                                              "Pedagang Keluhkan Sepinya Pembeli Jelang Akhir Tahun",
                                              "Pasar Lama Akan Dijadikan Taman Kota"}
    assert {r.url for r in ex.related} == {"https://warta.contoh.id/a", "https://warta.contoh.id/b",
                                            "https://warta.contoh.id/c"}
    assert ex.text.split("\n\n") == BODY


def test_html_label_block_inside_the_body_keeps_the_text_after_it():
    page = ("<html><body><div id='isi'>{b0}<p>{b1}</p><h2>Jangan Lewatkan</h2>"
            "<a href='/x'>Warga Gotong Royong Bersihkan Sungai Citarum</a><br>"
            "<a href='/y'>Festival Kuliner Digelar Sepekan di Alun-alun</a><br>"
            "<p>{b2}</p></div></body></html>").format(b0=BODY[0], b1=BODY[1], b2=BODY[2])
    ex = extract(html_source(page))
    assert [r.title for r in ex.related] == ["Warga Gotong Royong Bersihkan Sungai Citarum",
                                             "Festival Kuliner Digelar Sepekan di Alun-alun"]
    assert ex.text.split("\n\n") == BODY  # the loose first paragraph is kept


def test_html_url_from_the_canonical_link():
    assert extract(html_source(PAGE)).url == "https://warta.contoh.id/berita/1-pasar-baru"


def test_html_without_article():
    with pytest.raises(ExtractionError):
        extract(html_source("<html><head><title>Beranda</title></head><body><nav><a href='/'>Home</a></nav>"
                            "</body></html>"))


# ---- the shared gold (measured, not special-cased) ------------------------------------------------

def _score(shared, gold_dir):
    from warta.sources import read_sources

    kept = total = leaked = btotal = 0
    for g in sorted(gold_dir.glob("*.json")):
        gold = json.loads(g.read_text())
        source = next(iter(read_sources([str(shared / gold["file"])])))
        text = extract(source).text.lower()
        norm = lambda s: " ".join("".join(c if c.isalnum() else " " for c in s.lower()).split())
        ntext = norm(text)
        kept += sum(norm(b) in ntext for b in gold.get("body_must_contain", []))
        total += len(gold.get("body_must_contain", []))
        leaked += sum(bool(norm(b)) and norm(b) in ntext for b in gold.get("boilerplate", []))
        btotal += len(gold.get("boilerplate", []))
    return kept / total, leaked / btotal


def test_public_gold_body_and_boilerplate(shared):
    kept, leaked = _score(shared, shared / "eval" / "public")
    assert kept == 1.0 and leaked == 0.0


def test_html_gold_body_and_boilerplate(shared):
    kept, leaked = _score(shared, shared / "eval" / "html")
    assert kept >= 0.98 and leaked <= 0.02


def test_other_portal_families_credits_syndication_and_embeds():
    cleaned = clean_lines([
        "Laporan Wartawan Tribunnews.com, Rina Kusuma",
        "TRIBUNNEWS.COM, JAKARTA - " + BODY[0],
        "[Gambas:Video CNN]",
        BODY[1],
        "Pilihan Editor: Harga Beras Naik di Tiga Provinsi",
        "Artikel ini telah tayang di Tribunnews.com dengan judul Pasar Baru Diresmikan, https://contoh.id/x",
        "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com lewat saluran WhatsApp",
        "Penulis: Budi Santoso | Editor: Dewi Lestari",
    ])
    assert cleaned.paragraphs == [BODY[0], BODY[1]]
    assert (cleaned.outlet, cleaned.dateline) == ("TRIBUNNEWS.COM", "JAKARTA")
    assert cleaned.authors == ["Rina Kusuma", "Budi Santoso"] and cleaned.editors == ["Dewi Lestari"]
    assert [r.title for r in cleaned.related] == ["Harga Beras Naik di Tiga Provinsi"]


def test_named_outlet_dateline_without_domain():
    cleaned = clean_lines(["Surabaya, IDN Times - " + BODY[0]])
    assert (cleaned.outlet, cleaned.dateline) == ("IDN Times", "Surabaya")


def test_html_visible_date_line_after_the_headline_without_a_date_class():
    page = ("<html><head><title>Pasar Baru Diresmikan | Warta</title></head><body>"
            "<div class='x'><h1>Pasar Baru Diresmikan</h1><span>Kamis, 06 Maret 2025 08:45</span></div>"
            "<div class='y'><span>Jumat, 07 Maret 2025 09:00</span></div>"
            "<article><p>{b0}</p><p>{b1}</p><p>{b2}</p></article></body></html>").format(b0=BODY[0], b1=BODY[1],
                                                                                      b2=BODY[2])
    ex = extract(html_source(page))
    assert ex.published == "2025-03-06T08:45" and ex.title == "Pasar Baru Diresmikan"
    assert "Kamis" not in ex.text


def test_hidden_furniture_goes_but_a_hidden_read_more_part_stays():
    more = "".join(f"<p>{b} Lanjutan berita yang disembunyikan sampai pembaca menekan tombol baca selengkapnya.</p>"
                   for b in BODY[1:])
    page = ("<html><body><article><p>{b0}</p><div style='display:none'>{more}</div>"
            "<ul style='display: none'><li><a href='/k'>Komentar pembaca yang tidak perlu ikut</a></li></ul>"
            "</article></body></html>").format(b0=BODY[0], more=more)
    ex = extract(html_source(page))
    assert BODY[2] in ex.text and "Komentar pembaca" not in ex.text


def test_label_followed_by_words_that_are_not_names_is_body_text():
    line = "Reporter: kami menemui para pedagang yang tetap berjualan di tengah hujan deras"
    cleaned = clean_lines([BODY[0], line])
    assert cleaned.paragraphs == [BODY[0], line] and not cleaned.authors


def test_given_published_is_kept_for_html_records():
    ex = extract(SourceDocument(origin="<test>", html=PAGE, published="2024-01-02"))
    assert ex.published == "2024-01-02"


def test_more_detik_furniture_lines_are_dropped_and_quoted_video_teasers_are_related():
    body = ("JAKARTA - Warga berkumpul di balai desa untuk rapat tahunan pada Senin pagi.\n\n"
            "SCROLL TO RESUME CONTENT\n\n(Foto: dok. Pemdes Sukamaju)\n\n"
            "Rapat membahas anggaran desa tahun depan yang naik dua kali lipat.\n\n"
            "Simak selengkapnya di halaman selanjutnya.\n\n"
            "'Lihat juga Video: Warga Gotong Royong Bersihkan Sungai'\n\n"
            "'Simak juga video: Panen Raya di Sukamaju'")
    ex = extract(SourceDocument(origin="<test>.txt", text=body, title="Rapat Desa"))
    assert ex.text == ("Warga berkumpul di balai desa untuk rapat tahunan pada Senin pagi.\n\n"
                       "Rapat membahas anggaran desa tahun depan yang naik dua kali lipat.")
    assert [r.title for r in ex.related] == ["Warga Gotong Royong Bersihkan Sungai", "Panen Raya di Sukamaju"]
