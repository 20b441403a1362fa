"""warta_quotes: who said what, on sentences written for these tests (invented people)."""
from __future__ import annotations

import json

import pytest

from tests.conftest import shared_path


def quotes(analyze, text):
    return analyze(text).quotes


def one(analyze, text):
    qs = quotes(analyze, text)
    assert len(qs) == 1, [(q.kind, q.content) for q in qs]
    return qs[0]


def name(q):
    return q.speaker.name if q.speaker else [s.name for s in q.speakers]


# -- direct quotes ------------------------------------------------------------------------------------

def test_direct_inverted_cue_with_role_and_rank(analyze):
    q = one(analyze, 'Polisi menutup jalan di pusat kota sejak pagi.\n\n"Kami menutup tiga ruas jalan '
                     'selama acara berlangsung," kata Kapolres Kota Sukamaju AKBP Bima Prasetyo kepada wartawan.')
    assert q.kind == "direct"
    assert q.content == "Kami menutup tiga ruas jalan selama acara berlangsung"
    assert q.cue == "kata"
    assert name(q) == "Bima Prasetyo"
    text = analyze('"Kami menutup tiga ruas jalan selama acara berlangsung," kata Kapolres Kota Sukamaju '
                   'AKBP Bima Prasetyo kepada wartawan.').text
    assert text[q.start:q.end] == q.content or q.content in text


def test_direct_offsets_and_cue_span(analyze):
    text = '"Harga beras akan turun pekan depan," ujar Rina Kartika, Senin (3/2/2025).'
    rec = analyze(text)
    q = rec.quotes[0]
    assert rec.text[q.start:q.end] == q.content
    assert rec.text[q.cue_start:q.cue_end] == "ujar"
    assert q.speaker.name == "Rina Kartika"


def test_nya_cue_resolves_to_current_speaker(analyze):
    qs = quotes(analyze, 'Ketua koperasi, Darma Wijaya, mengatakan panen tahun ini lebih baik.\n\n'
                         '"Petani kami menjual gabah dengan harga yang layak," ujarnya.')
    assert [q.kind for q in qs] == ["indirect", "direct"]
    assert name(qs[1]) == "Darma Wijaya"
    assert qs[1].cue == "ujarnya"


def test_surname_resolves_to_full_name(analyze):
    qs = quotes(analyze, 'Menteri Perikanan Hendra Saputra meninjau pelabuhan di Tegal.\n\n'
                         '"Kapal nelayan harus memiliki izin yang lengkap," tegas Hendra.')
    assert name(qs[-1]) == "Hendra Saputra"


def test_pronoun_after_cue(analyze):
    qs = quotes(analyze, '"Pembangunan jembatan selesai bulan depan," kata Yudi Santoso.\n\n'
                         '"Warga tidak perlu lagi memutar jauh," kata dia.')
    assert [name(q) for q in qs] == ["Yudi Santoso", "Yudi Santoso"]


def test_quote_over_several_paragraphs(analyze):
    q = one(analyze, '"Sekolah akan dibuka kembali pada Senin.\n\n"Semua murid wajib membawa bekal sendiri,"'
                     ' kata Lestari Wulandari.')
    assert "Sekolah akan dibuka kembali" in q.content and "membawa bekal sendiri" in q.content
    assert name(q) == "Lestari Wulandari"


def test_closing_mark_used_as_opening_mark_at_paragraph_end(analyze):
    q = one(analyze, 'Pasar lama di pusat kota sudah tidak layak dipakai.”\n\nPasar ini untuk pedagang kecil.\n\n'
                     'Kami mulai membangun tahun depan,” kata Bupati Arif Rahman.')
    assert q.content.startswith("Pasar ini untuk pedagang kecil")
    assert "Pasar lama" not in q.content
    assert name(q) == "Arif Rahman"


def test_resumed_quote_after_cue_same_speaker(analyze):
    qs = quotes(analyze, '"Kami siap menghadapi musim hujan," kata Rudi Hartono. "Semua pompa air sudah '
                         'kami periksa."')
    assert len(qs) == 2
    assert {name(q) for q in qs} == {"Rudi Hartono"}


def test_cue_before_quote(analyze):
    q = one(analyze, 'Siti Aminah mengatakan, "Anak-anak harus mendapat makanan bergizi setiap hari."')
    assert q.kind == "direct"
    assert name(q) == "Siti Aminah"
    assert q.content.startswith("Anak-anak harus")


def test_scare_quotes_are_not_quotes(analyze):
    assert quotes(analyze, 'Warga menyebut jalan itu sebagai "jalur neraka" karena sering macet dan rusak.') == [] \
        or all(q.kind != "direct" for q in quotes(analyze, 'Warga menyebut jalan itu sebagai "jalur neraka" '
                                                              'karena sering macet dan rusak.'))


def test_apostrophe_inside_word_is_not_a_mark(analyze):
    assert quotes(analyze, "Salat Jum'at di masjid itu diikuti ratusan jemaah dari desa sekitar.") == []


def test_uncued_title_in_quotes_is_not_a_quote(analyze):
    assert quotes(analyze, 'Tonton juga video "Banjir Rendam Ratusan Rumah di Sukamaju" di sini:') == []


# -- indirect quotes ----------------------------------------------------------------------------------

def test_indirect_verb_bahwa(analyze):
    q = one(analyze, 'Direktur Utama PT Sinar Jaya, Bambang Irawan, menyatakan bahwa perusahaan akan membuka '
                     'dua pabrik baru tahun depan.')
    assert q.kind == "indirect"
    assert q.cue == "menyatakan"
    assert q.content == "perusahaan akan membuka dua pabrik baru tahun depan"
    assert name(q) == "Bambang Irawan"


def test_indirect_verb_comma(analyze):
    q = one(analyze, 'Kepala Dinas Kesehatan Yanti Marlina mengatakan, stok vaksin di puskesmas masih cukup '
                     'untuk dua bulan.')
    assert q.content.startswith("stok vaksin di puskesmas")
    assert name(q) == "Yanti Marlina"


def test_indirect_inverted_kata(analyze):
    q = one(analyze, 'Harga cabai di pasar tradisional naik dua kali lipat dalam sepekan, kata Andi Saputra, '
                     'Ketua Asosiasi Pedagang Pasar Indonesia.')
    assert q.kind == "indirect"
    assert q.content.startswith("Harga cabai di pasar tradisional")
    assert name(q) == "Andi Saputra"


def test_indirect_fronted_demikian_disampaikan(analyze):
    q = one(analyze, 'Pemerintah akan menambah kuota pupuk bersubsidi bagi petani, demikian disampaikan Menteri '
                     'Pertanian Joko Susilo, di Jakarta pada Selasa.')
    assert q.cue == "disampaikan"
    assert q.content.startswith("Pemerintah akan menambah kuota")
    assert name(q) == "Joko Susilo"


def test_menurut_fronted(analyze):
    q = one(analyze, 'Menurut Dewi Anggraini, jumlah wisatawan meningkat tajam selama libur panjang.')
    assert q.cue == "Menurut"
    assert q.content.startswith("jumlah wisatawan meningkat")
    assert name(q) == "Dewi Anggraini"


def test_menurut_at_sentence_end_with_organisation(analyze):
    q = one(analyze, 'Curah hujan tinggi diperkirakan berlangsung hingga akhir bulan, menurut Badan Meteorologi '
                     'Nasional.')
    assert q.content.startswith("Curah hujan tinggi")
    assert "Badan Meteorologi" in name(q)


def test_pronoun_subject_resolves_to_previous_speaker(analyze):
    qs = quotes(analyze, 'Gubernur Jawa Tengah Ahmad Fauzi mengatakan bahwa banjir sudah surut. Ia juga menyinggung '
                         'perlunya normalisasi sungai di wilayah utara.')
    assert len(qs) == 2
    assert name(qs[1]) == "Ahmad Fauzi"
    assert qs[1].cue == "menyinggung"


def test_coordinated_second_report(analyze):
    qs = quotes(analyze, 'Wahyu Pratama menyatakan bahwa harga gabah sudah stabil dan menekankan bahwa petani '
                         'perlu menjual lewat koperasi.')
    assert [q.cue for q in qs] == ["menyatakan", "menekankan"]
    assert qs[0].content == "harga gabah sudah stabil"
    assert {name(q) for q in qs} == {"Wahyu Pratama"}


def test_parenthetical_between_subject_and_cue(analyze):
    q = one(analyze, 'Rahmat Hidayat, dalam sambutannya, menekankan pentingnya menjaga kebersihan sungai.')
    assert q.cue == "menekankan"
    assert name(q) == "Rahmat Hidayat"


def test_report_with_several_speakers(analyze):
    q = one(analyze, 'Belum ada tanggapan atas laporan dari Malaysia, Singapura, dan Thailand yang menyebutkan '
                     'bahwa kabut asap mulai mengganggu penerbangan.')
    assert q.speaker is None
    assert sorted(s.name for s in q.speakers) == ["Malaysia", "Singapura", "Thailand"]
    assert q.content.startswith("kabut asap mulai mengganggu")


def test_negated_cue_is_not_a_report(analyze):
    assert quotes(analyze, 'Budi Santoso tidak menjelaskan alasan pembatalan proyek tersebut kepada warga.') == []


def test_mixed_quote_fragment_in_reported_speech(analyze):
    q = one(analyze, 'Sari Utami menyebut program itu sebagai langkah yang "sangat terlambat dan mahal".')
    assert q.kind == "mixed"
    assert name(q) == "Sari Utami"


def test_pihak_organisation_speaker(analyze):
    q = one(analyze, 'Pihak kepolisian mengimbau agar warga tidak menyalakan petasan di jalan raya.')
    assert q.content.startswith("warga tidak menyalakan")
    assert name(q) == "kepolisian"


# -- the seed article ---------------------------------------------------------------------------------

def test_seed_article_all_reporting_acts(analyze):
    """Every reporting act of the founding example, with its speaker (scored like score.py)."""
    import re
    import unicodedata
    from collections import Counter

    seed = shared_path("seed", "kontan-korut-rusia.txt")
    gold = json.loads(shared_path("eval", "public", "seed-kontan-korut-rusia.json").read_text("utf-8"))["quotes"]
    rec = analyze(seed.read_text("utf-8"))

    def toks(s):
        s = unicodedata.normalize("NFKC", s).lower()
        return re.sub(r"[^\w\s]", " ", s).split()

    def dice(a, b):
        ca, cb = Counter(toks(a)), Counter(toks(b))
        return 2 * sum((ca & cb).values()) / (sum(ca.values()) + sum(cb.values()))

    used = set()
    for g in gold:
        best = max(((dice(g["content"], q.content), i) for i, q in enumerate(rec.quotes) if i not in used),
                   default=(0, None))
        assert best[0] >= 0.5, f"missed: {g['content'][:50]}"
        used.add(best[1])
        q = rec.quotes[best[1]]
        want = [g["speaker"]] if g.get("speaker") else g["speakers"]
        got = [q.speaker.name] if q.speaker else [s.name for s in q.speakers]
        assert sorted(got) == sorted(want)
    assert len(rec.quotes) == len(gold)


def test_role_alone_keeps_role_and_links_holder(analyze):
    rec = analyze('Presiden Joko Santoso meresmikan bendungan baru di Jawa Tengah, Senin.\n\n'
                  '"Bendungan ini akan mengairi ribuan hektar sawah," kata Presiden.')
    q = rec.quotes[-1]
    assert q.speaker.name == "Presiden"
    holder = next(e for e in rec.entities if e.name == "Joko Santoso")
    assert q.speaker.entity == holder.id


def test_parenthetical_cue_and_menurutnya(analyze):
    qs = quotes(analyze, 'Ekonom Universitas Gadjah Mada, Rini Handayani, menilai harga pangan masih stabil. '
                         'Namun, lanjut Rini, harga beras bisa naik menjelang akhir tahun. Menurutnya, pemerintah '
                         'perlu menambah cadangan beras.')
    assert [q.cue for q in qs] == ["menilai", "lanjut", "Menurutnya"]
    assert {name(q) for q in qs} == {"Rini Handayani"}
    assert qs[1].content.startswith("harga beras bisa naik")


def test_subject_introduces_next_quote(analyze):
    qs = quotes(analyze, 'Kepala Dinas Pertanian Jawa Barat Dedi Kurniawan meninjau sawah yang terendam banjir.\n\n'
                         '"Kami akan mengganti benih petani yang gagal panen," ujarnya.')
    assert len(qs) == 1 and name(qs[0]) == "Dedi Kurniawan"


def test_paragraph_continuation_with_opening_mark(analyze):
    q = one(analyze, '"Kami sudah menyiapkan posko di setiap kecamatan,\n\n"Relawan juga siaga selama 24 jam," '
                     'kata Andi Wijaya.')
    assert "posko di setiap kecamatan" in q.content and "Relawan juga siaga" in q.content
    assert '"' not in q.content


def test_vox_pop_option(nlp):
    """By default members of the public are not quoted (public-figure scope); vox_pop=True keeps them."""
    from warta.attribution.component import QuoteFinder
    from warta.attribution.cues import load_cues

    text = ('Lina Marlina (45), warga Desa Sukamaju, mengeluhkan harga minyak goreng.\n\n'
            '"Sekarang sebulan saya harus membeli dua kali lebih mahal," katanya.\n\n'
            '"Kami akan menambah pasokan ke pasar," kata Kepala Dinas Perdagangan Budi Hartono.')
    assert {name(q) for q in nlp(text)._.quotes} == {"Budi Hartono"}
    everyone = QuoteFinder(load_cues(), vox_pop=True)(nlp(text))
    assert {name(q) for q in everyone._.quotes if q.kind == "direct"} == {"Lina Marlina", "Budi Hartono"}


def test_handover_sentence_introduces_next_speaker(analyze):
    qs = quotes(analyze, '"Stok beras aman sampai akhir tahun," kata Kepala Bulog Jawa Timur Agus Salim.\n\n'
                         'Hal senada disampaikan Ketua Asosiasi Penggilingan Padi Indonesia Hendra Wijaya.\n\n'
                         '"Harga gabah di tingkat petani juga stabil," ujarnya.')
    assert [name(q) for q in qs] == ["Agus Salim", "Hendra Wijaya"]


def test_weak_verb_needs_comma_or_bahwa(analyze):
    assert quotes(analyze, 'Gubernur Jawa Barat Ridwan Hasan melihat banjir di Bekasi dari helikopter.') == []
    q = one(analyze, 'Gubernur Jawa Barat Ridwan Hasan melihat, penanganan banjir di Bekasi sudah membaik.')
    assert q.cue == "melihat" and name(q) == "Ridwan Hasan"


def test_passive_cue_with_oleh(analyze):
    q = one(analyze, 'Kenaikan tarif listrik akan ditunda hingga tahun depan, disampaikan oleh Direktur Utama PT '
                     'Listrik Nusantara, Darmawan Putra.')
    assert q.cue == "disampaikan"
    assert q.content.startswith("Kenaikan tarif listrik")
    assert name(q) == "Darmawan Putra"


def test_nominal_cue_dalam_keterangannya(analyze):
    q = one(analyze, 'Dalam keterangannya, Kepala Badan Penanggulangan Bencana Daerah Sleman Joko Supriyanto '
                     'mengatakan, tiga desa masih terendam banjir.')
    assert q.cue == "mengatakan"
    assert q.content == "tiga desa masih terendam banjir"
    assert name(q) == "Joko Supriyanto"


@pytest.mark.parametrize("verb", ["membantah", "menuding", "mengklaim", "menjelaskan", "mengungkapkan"])
def test_reporting_verbs_of_every_strength(analyze, verb):
    q = one(analyze, f'Juru bicara Partai Maju, Tono Prasetyo, {verb} bahwa partainya tidak menerima dana '
                     'dari pengusaha tambang.')
    assert q.cue == verb
    assert q.content == "partainya tidak menerima dana dari pengusaha tambang"
    assert name(q) == "Tono Prasetyo"


# -- speaker names and pronoun referents --------------------------------------------------------------

@pytest.mark.parametrize("middle,closing,second", [
    # a new person with a role opens a sentence with a non-speech verb after the last speaker:
    # the following "…," ujarnya is theirs, not the previous speaker's
    ("Ketua Forum Relawan Sukamaju Lestiani Purbasari mempertanyakan jumlah tenda itu.",
     "Jumlah itu belum cukup untuk semua pengungsi di tiga desa", "Lestiani Purbasari"),
    # "Masalah antara X dan Y …" names people without making them the subject: the floor stays
    ("Masalah antara Ketua Forum Relawan Lestiani Purbasari dan warga bermula dari video.",
     "Jumlah itu cukup untuk semua pengungsi", "Darto Wiryono"),
], ids=["new-figure-opens-a-sentence", "person-only-mentioned"])
def test_nya_cue_after_a_sentence_naming_another_person(analyze, middle, closing, second):
    text = ('"Kami sudah menyiapkan dua ratus tenda," kata Kepala Dinas Sosial Kota Sukamaju Darto Wiryono.\n\n'
            f'{middle}\n\n"{closing}," ujarnya.')
    qs = quotes(analyze, text)
    assert [name(q) for q in qs] == ["Darto Wiryono", second]


def test_place_word_before_name_is_not_part_of_it(analyze):
    # a word the article uses as a place ("Kabupaten Wanareja") ends the role part of the phrase
    text = ('Warga Kabupaten Wanareja menanam bakau.\n\n'
            '"Bakau menahan abrasi," kata Ketua Kelompok Tani Bakau Sari Wanareja Darmono.')
    q = quotes(analyze, text)[0]
    assert name(q) == "Darmono"


def test_region_after_daerah_is_not_part_of_the_name(analyze):
    # "Daerah X" in a regional body's name names a place ("Badan Penanggulangan Bencana Daerah
    # Wanareja"); the model may take the whole run as one organisation
    q = one(analyze, 'Kepala Badan Penanggulangan Bencana Daerah Wanareja Sutrisno Hadi mengatakan, '
                     'dua jembatan putus.')
    assert name(q) == "Sutrisno Hadi"


def test_name_ending_in_place_word(analyze):
    # "Timur" closes a personal name when the word before it is a name word, not a place; where
    # the organisation ends, the article's own short form tells ("Rendra", not "Sukma Rendra")
    qs = quotes(analyze, 'Direktur Yayasan Harapan Sukma Rendra Timur menjelaskan, yayasannya membantu '
                         'tiga ribu keluarga tahun ini.\n\nRendra menambahkan, bantuan berupa beras.')
    assert [name(q) for q in qs] == ["Rendra Timur", "Rendra Timur"]


def test_first_name_used_alone_after_a_clause_stays_in_the_name(analyze):
    # "Kendati begitu, Yosef belum …" uses the first name alone for the person: it is no org word
    text = ('Anggota KPU Kota Sukamaju Yosef Mandagi mengatakan, surat suara dicetak pekan ini.\n\n'
            'Kendati begitu, Yosef belum dapat memastikan jadwal distribusi.\n\n'
            '"Kami menunggu jadwal dari provinsi," katanya.')
    qs = quotes(analyze, text)
    assert name(qs[-1]) == "Yosef Mandagi"


@pytest.mark.parametrize("full, short", [
    ("Raden Arya Wibisana", "Arya"),  # a noble title opens the name
    ("Mohammad Faisal Rangkuti", "Faisal"),  # a form of Muhammad opens the name
    ("I Gusti Ngurah Wirawan", "Wirawan"),  # a Balinese title
])
def test_name_prefix_keeps_the_name_whole_after_a_short_form(analyze, full, short):
    # the article later uses the shorter form alone ("kata Arya"): the prefix still opens the name
    text = (f'Kepala Bidang Humas Polda Sukamaju Komisaris Besar {full} mengatakan, patroli ditambah pekan ini.\n\n'
            f'"Kami menambah dua puluh personel di setiap pos," kata {short}.')
    qs = quotes(analyze, text)
    assert name(qs[-1]) == full


def test_lalu_inside_a_role_run_is_a_name_prefix(analyze):
    # "Lalu" (Sasak title) after the organisation's name opens the person's name, it is no "then"
    text = ('Ketua Asosiasi Hotel Gili Lalu Wirajaya mengatakan, tingkat hunian naik.\n\n'
            '"Tamu mulai datang lagi sejak pekan lalu," kata Wirajaya.')
    qs = quotes(analyze, text)
    assert name(qs[-1]) == "Lalu Wirajaya"


def test_ordinal_given_name_opens_a_name_only_at_its_start(analyze):
    # "Dwi" opening the name stays when the article later says "kata Oktavia"; inside a name
    # ("Bayu Dwi Anggono") it cuts nothing off
    qs = quotes(analyze, 'Kepala Dinas Kesehatan Sukamaju Dwi Oktavia Lestari mengatakan, kasus turun.\n\n'
                         '"Kasus baru turun dua pekan ini," kata Oktavia.')
    assert name(qs[-1]) == "Dwi Oktavia Lestari"
    qs = quotes(analyze, 'Pakar hukum tata negara Bayu Dwi Anggono mengatakan, aturan itu lemah.\n\n'
                         '"Aturan itu tidak memberi kepastian," kata Bayu.')
    assert name(qs[-1]) == "Bayu Dwi Anggono"


def test_new_person_introduced_after_an_opening_clause_takes_the_floor(analyze):
    # named for the first time, with a role, after "Terkait …,": a new voice, not one talked about
    text = ('"Warga sudah tiga hari menunggu bantuan," kata Darto Wiryono, ketua RT setempat.\n\n'
            'Terkait keluhan itu, Imam Besar Masjid Al Falah Hamdan Syarifuddin memaklumi kekecewaan warga.\n\n'
            '"Kami kekurangan truk untuk mengangkut logistik," ujarnya.')
    qs = quotes(analyze, text)
    assert name(qs[0]) == "Darto Wiryono"
    assert name(qs[1]).endswith("Hamdan Syarifuddin")


def test_connective_before_subject_with_apposition(analyze):
    # "Sementara X, <role>, di <place>, <date>, menyampaikan, …": the name after the connective is
    # the subject, not the apposition
    q = one(analyze, 'Sementara Hendra Saputra, Wakil Bupati Sukamaju, di kantornya, Senin (3/2/2025), '
                     'menyampaikan, perbaikan jalan dimulai bulan depan.')
    assert q.kind == "indirect"
    assert name(q) == "Hendra Saputra"


def test_causal_opener_is_no_speaker(analyze):
    # "Sebab, …" gives a reason: the -nya cue after it still points to the last speaker
    text = ('"Kami menunda pembukaan pasar," kata Hendra Saputra, kepala dinas perdagangan.\n\n'
            'Sebab, sebagian pedagang menilai los baru belum layak.\n\n'
            '"Atapnya masih bocor di beberapa bagian," ujarnya.')
    qs = [q for q in quotes(analyze, text) if q.kind == "direct"]
    assert [name(q) for q in qs] == ["Hendra Saputra", "Hendra Saputra"]


def test_first_person_pronoun_is_not_part_of_a_name(analyze):
    # "Saya Lestiani" inside quoted words: the pronoun does not join the name
    text = ('Wali Kota Sukamaju menelepon pasien.\n\n'
            'Selamat siang, Pak. Saya Lestiani Pak.\n\n'
            '"Hasil tes Bapak sudah keluar," kata Lestiani.')
    qs = quotes(analyze, text)
    assert name(qs[-1]) == "Lestiani"


def test_short_role_stays_with_a_one_word_name_given_only_so(analyze):
    # "Bupati Lestiani" and no fuller name in the article: the name as written keeps the role;
    # a name the article gives in full is expanded instead
    q = one(analyze, '"Semua pasar dibuka kembali pekan depan," kata Bupati Lestiani di pendopo.')
    assert name(q) == "Bupati Lestiani"
    qs = quotes(analyze, 'Bupati Lestiani Purbasari meninjau pasar di Kota Sukamaju.\n\n'
                         '"Semua pasar dibuka kembali pekan depan," kata Bupati Purbasari.')
    assert name(qs[-1]) == "Lestiani Purbasari"


def test_two_capitals_closing_a_name_stay_in_it(analyze):
    # initials after a name ("… PH", "… MD") close it; a country acronym ("Presiden AS") is no name
    qs = quotes(analyze, 'Kepala Dinas Perhubungan Bagus Wiranto PH meninjau dermaga.\n\n'
                         '"Dermaga ditutup sampai ombak reda," kata Bagus.')
    assert name(qs[-1]) == "Bagus Wiranto PH"


def test_long_name_is_completed_by_its_capitalised_run(nlp):
    # the model's PERSON stops short of a five-word name: the run that goes on completes it
    from warta.attribution.cues import load_cues
    from warta.attribution.speakers import SpeakerResolver

    text = ('Kepala Bidang Pencegahan Penyakit Dinas Kesehatan Jakarta Wulan Sekar Arum Lestari Handayani '
            'mengatakan, kasus baru turun.\n\n'
            '"Pelacakan kontak tetap kami jalankan," kata Wulan.')
    resolver = SpeakerResolver(nlp(text), load_cues())
    start = text.index("Wulan")
    resolver._person_spans = [(start, start + len("Wulan Sekar Arum"), "Wulan Sekar Arum", None)]
    assert resolver._full_name("Wulan", len(text)) == "Wulan Sekar Arum Lestari Handayani"


def test_capitalised_cue_word_inside_a_name_is_a_name_word(analyze):
    # "Tegas" between name words is part of the name, not the cue "tegas"
    qs = quotes(analyze, 'Pengamat kebijakan publik Gita Tegas Wibowo mengatakan, aturan itu perlu dikaji.\n\n'
                         '"Aturannya terlalu longgar," ungkap Gita.')
    assert name(qs[-1]) == "Gita Tegas Wibowo"


def test_name_prefix_alone_after_a_cue_is_the_short_form(analyze):
    # "tutur Lalu." uses the Sasak title-name alone for the person named in full before
    text = ('Kepala Dinas Peternakan Lombok Lalu Wirajaya meninjau pasar hewan.\n\n'
            '"Harga sapi naik menjelang Idul Adha," tutur Lalu.')
    qs = quotes(analyze, text)
    assert name(qs[-1]) == "Lalu Wirajaya"


def test_organisation_used_alone_is_cut_from_a_cued_name(analyze):
    # "Wanatirta menyatakan" uses the organisation alone as a subject; the cues name only "Hartono"
    # alone: the organisation word does not open the person's name
    text = ('Ketua Yayasan Wanatirta Rudi Hartono meresmikan sekolah alam di Sukamaju.\n\n'
            'Wanatirta menyatakan, program beasiswa berlanjut tahun depan.\n\n'
            '"Kami menambah dua puluh penerima," kata Hartono.')
    qs = quotes(analyze, text)
    assert name(qs[-1]) == "Rudi Hartono"


def test_word_after_an_organisation_word_names_the_organisation(nlp):
    # "Fraksi Purnama Hendra Saputra": "Purnama" names the parliamentary group, not the person,
    # in a speaker phrase and in a PERSON mention that starts after "Fraksi"
    from warta.attribution.cues import load_cues
    from warta.attribution.speakers import SpeakerResolver

    text = ('Anggota DPRD dari Fraksi Purnama Hendra Saputra mengatakan, anggaran banjir perlu ditambah.\n\n'
            '"Tanggul di tiga desa belum diperbaiki," kata Hendra.')
    resolver = SpeakerResolver(nlp(text), load_cues())
    assert resolver.name_part("Anggota DPRD Fraksi Purnama Hendra Saputra") == "Hendra Saputra"
    assert resolver._after_org_head(text.index("Purnama"))


def test_name_after_a_parenthesised_acronym_and_a_comma(analyze):
    # "peneliti Lembaga … (LPTN), Sari Wulandari, dalam diskusi": the name after the acronym speaks
    q = one(analyze, '"Banjir rob akan makin sering," sebut peneliti Lembaga Penelitian Teknologi Nusantara '
                     '(LPTN), Sari Wulandari, dalam diskusi daring.')
    assert name(q) == "Sari Wulandari"


def test_role_phrase_goes_on_over_dari_to_the_name(analyze):
    # "anggota Tim Peneliti dari UNSU, Dian …": the name after the organisation speaks;
    # "kata Rudi Hartono dari Sukamaju, Senin" keeps the name before "dari"
    q = one(analyze, '"Alat ini siap diuji bulan depan," kata anggota Tim Peneliti Hidung Elektronik dari UNSU, '
                     'Dian Pramudya Nurputra, seusai rapat.')
    assert name(q) == "Dian Pramudya Nurputra"
    q = one(analyze, '"Alat ini siap diuji bulan depan," kata Rudi Hartono dari Sukamaju, Senin (3/2/2025).')
    assert name(q) == "Rudi Hartono"


def test_short_form_in_brackets_vetoes_the_person_spoken_about(analyze):
    # the quote speaks of "saudara RHM", the short form the article gave Rahmat Hidayat in brackets:
    # the "-nya" cue stays with the official reading the charges, not the suspect named before it
    text = ('"Kami menahan satu tersangka baru," kata Direktur Penyidikan Kejaksaan Tinggi Sukamaju '
            'Bonifasius Wirawan di Sukamaju, Senin.\n\n'
            'Kemudian, Rahmat Hidayat (RHM) selaku direktur perusahaan meminta pinjaman kepada bank daerah.\n\n'
            '"Saudara RHM meminta pencairan kredit tanpa jaminan yang cukup," katanya.')
    qs = quotes(analyze, text)
    assert [name(q) for q in qs] == ["Bonifasius Wirawan", "Bonifasius Wirawan"]


def test_sentence_adverb_ending_in_nya_is_not_part_of_the_speaker(analyze):
    qs = quotes(analyze, 'Awalnya Suryadi mengatakan harga gabah di tingkat petani stabil.\n\n'
                         '"Stok beras kita aman sampai akhir tahun," kata Suryadi.')
    assert qs and all(name(q) == "Suryadi" for q in qs), [name(q) for q in qs]


def test_the_interviewer_in_an_adjunct_is_not_the_speaker(analyze):
    qs = quotes(analyze, 'Menteri Perdagangan Dewi Kartika Sari dalam wawancara dengan Warta Harian menyampaikan, '
                         'stok beras cukup sampai akhir tahun.\n\n'
                         '"Harga akan kembali normal bulan depan," katanya.')
    assert [name(q) for q in qs] == ["Dewi Kartika Sari", "Dewi Kartika Sari"], [name(q) for q in qs]


def test_a_relative_clause_after_the_role_does_not_hide_the_speaker(analyze):
    qs = quotes(analyze, 'Budi Hartono, Wali Kota Sukamaju, yang dihubungi, juga membenarkan penonaktifan lurah itu.')
    assert [(q.cue, name(q)) for q in qs] == [("membenarkan", "Budi Hartono")], [(q.cue, name(q)) for q in qs]


def test_one_of_a_group_named_after_it_takes_the_floor(analyze):
    qs = quotes(analyze, '"Kami tetap waspada," kata Gubernur Jawa Barat Ridwan Kamil.\n\n'
                         'Sejumlah pakar kesehatan mempertanyakan keputusan itu.\n\n'
                         'Salah satunya adalah Ketua Perkumpulan Ahli Ekonomi Kesehatan Indonesia Hasbullah Thabrany.\n\n'
                         '"Risiko penularan masih tinggi," ujarnya.')
    assert name(qs[-1]) == "Hasbullah Thabrany"


def test_parenthetical_cue_with_role_then_name_and_place_date(analyze):
    qs = quotes(analyze, 'Bupati Sukamaju Rahmat Hidayat dinyatakan positif dan kini menjalani isolasi mandiri.\n\n'
                         'Oleh karena itu, kata ahli epidemiologi Universitas Sukamaju, Budi Hartono, di Sukamaju, '
                         'Sabtu (2/1/2021), pemerintah kabupaten menegakkan kembali aturan protokol kesehatan.\n\n'
                         '"Penegakan aturan itu salah satu cara," ujarnya.')
    indirect = [q for q in qs if q.kind == "indirect" and q.cue == "kata"]
    assert indirect and name(indirect[0]) == "Budi Hartono"
    assert indirect[0].content.startswith("pemerintah kabupaten menegakkan")
    assert name(qs[-1]) == "Budi Hartono"


def test_a_nya_adverb_opening_the_sentence_is_not_a_speaker(analyze):
    record = analyze("Responden ditanya tentang kinerja pemerintah daerah. Hasilnya, survei ini menyebut "
                     "sebanyak 78,1 persen responden menjawab puas.")
    assert all((q.speaker.name if q.speaker else None) != "Hasilnya" for q in record.quotes)
    assert all(s.name != "Hasilnya" for c in record.claims for s in c.sources)


def test_the_speaker_mention_leaves_out_an_opening_nya_adverb(analyze):
    record = analyze("Awalnya Suryadi mengatakan harga gabah di tingkat petani stabil sepanjang bulan ini.")
    sp = record.quotes[0].speaker
    assert (sp.name, sp.mention) == ("Suryadi", "Suryadi")
    assert record.text[sp.start:sp.end] == "Suryadi"


def test_the_named_person_closing_a_long_role_phrase_speaks(analyze):
    # the role names a hospital, its place and then the officer: the speaker is the person the
    # phrase ends with, not a word of the hospital's name
    text = ('"Jangan diremehkan, peningkatan ini nyata," kata Komandan Lapangan Rumah Sakit Darurat '
            'Covid - 19 (RSDC) Wisma Atlet Cempaka, Jakarta Pusat, Letnan Kolonel Laut dokter gigi '
            'Hendra Wiguna, saat dihubungi kemarin.')
    q = one(analyze, text)
    assert name(q) == "Hendra Wiguna"
    persons = {e.name for e in analyze(text).entities if e.type == "PERSON"}
    assert persons == {"Hendra Wiguna"}, persons


def test_the_speaker_a_pronoun_fell_back_to_keeps_the_floor(analyze):
    # "katanya" after words about the sentence subject just named (BST) is the official's, who spoke
    # before; so is the next "Dia"
    text = ('"Penyidik menahan dua tersangka," kata Kepala Humas Polres Sukamaju AKBP Rudi Hartono.\n'
            'Kasus ini dimulai pada 2019, ketika PT Maju Jaya mengalami kesulitan keuangan. Kemudian, '
            'Bambang Sutejo (BST) selaku Komisaris PT Maju Jaya yang sudah lebih dulu ditetapkan sebagai '
            'tersangka meminta Joko melakukan pendekatan dengan PT Sinar.\n'
            '"Saudara BST meminta saudara JP melakukan pendekatan kepada pejabat," katanya.\n'
            'Dia menyebutkan Joko Pramono akhirnya menyerahkan uang kepada pejabat itu.')
    qs = quotes(analyze, text)
    assert [name(q) for q in qs] == ["Rudi Hartono"] * 3, [(name(q), q.content) for q in qs]
