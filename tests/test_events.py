"""warta_events: PLOVER events from Indonesian news sentences (written for these tests, invented people)."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from warta.events.dates import find_date


def _keys(actors) -> set[str]:
    keys = set()
    for a in actors:
        keys.add(a.name.lower())
        if a.country:
            keys.add(a.country.lower())
    return keys


def find(record, etype: str, actor: str | None = None, target: str | None = None):
    """The events of `record` of type `etype` whose actors (targets) include the given name or code."""
    out = []
    for ev in record.events:
        if ev.type != etype:
            continue
        if actor and actor.lower() not in _keys(ev.actors):
            continue
        if target and target.lower() not in _keys(ev.targets):
            continue
        out.append(ev)
    return out


# (sentence, type, actor, target): three per PLOVER type
POSITIVE = [
    # AGREE
    ("Menteri Luar Negeri Malaysia, Hasnul Bakri, dan Menteri Luar Negeri Filipina, Ramon Dizon, sepakat "
     "memperluas patroli bersama di Laut Sulu.", "AGREE", "MYS", "PHL"),
    ("Pemerintah Jepang berjanji kepada Vietnam untuk membangun jalur kereta cepat.", "AGREE", "JPN", "VNM"),
    ("Turki akan mengirim bantuan pangan ke Sudan pekan depan.", "AGREE", "TUR", "SDN"),
    # CONSULT
    ("Presiden Prancis Louis Marchand bertemu dengan Perdana Menteri India Ravi Sharma di New Delhi.",
     "CONSULT", "FRA", "IND"),
    ("Menteri Pertahanan Australia, Greg Holloway, berkunjung ke Jakarta untuk membahas latihan militer.",
     "CONSULT", "AUS", "IDN"),
    ("Kanselir Jerman menelepon Presiden Ukraina pada Rabu malam.", "CONSULT", "DEU", "UKR"),
    # SUPPORT
    ("Presiden Brasil memuji Indonesia atas keberhasilan program pangan.", "SUPPORT", "BRA", "IDN"),
    ("Pemerintah Kanada menyatakan dukungan terhadap Filipina dalam sengketa di laut.", "SUPPORT", "CAN", "PHL"),
    ("Menteri Luar Negeri Singapura dan Menteri Luar Negeri Vietnam menandatangani perjanjian ekstradisi.",
     "SUPPORT", "SGP", "VNM"),
    # CONCEDE
    ("Pemerintah Myanmar melonggarkan pembatasan bagi jurnalis asing.", "CONCEDE", "MMR", None),
    ("Israel mengumumkan gencatan senjata dengan Hizbullah.", "CONCEDE", "ISR", "Hizbullah"),
    ("Pemerintah Sri Lanka meminta maaf kepada keluarga korban.", "CONCEDE", "LKA", None),
    # COOPERATE
    ("Indonesia dan Australia menggelar latihan militer bersama di Darwin.", "COOPERATE", "IDN", "AUS"),
    ("Kepolisian Malaysia bekerja sama dengan Polri untuk membongkar jaringan narkoba.", "COOPERATE", "MYS", "Polri"),
    ("Korea Selatan menjalin kerja sama dengan Indonesia di bidang pertahanan.", "COOPERATE", "KOR", "IDN"),
    # AID
    ("Jepang mengirim bantuan kemanusiaan ke Filipina setelah topan melanda.", "AID", "JPN", "PHL"),
    ("Amerika Serikat memasok senjata kepada Ukraina.", "AID", "USA", "UKR"),
    ("Pemerintah Qatar menyumbangkan 50 juta dolar kepada Lebanon.", "AID", "QAT", "LBN"),
    # RETREAT
    ("Pemerintah Iran membebaskan dua tahanan asal Prancis.", "RETREAT", "IRN", None),
    ("Israel menarik pasukan dari sebagian wilayah utara.", "RETREAT", "ISR", None),
    ("Menteri Pertanian Belanda, Pieter Smit, mengundurkan diri pada Jumat.", "RETREAT", "NLD", None),
    # REQUEST
    ("Sekjen PBB mendesak Israel membuka akses bantuan.", "REQUEST", "PBB", "ISR"),
    ("Pemerintah Indonesia meminta Australia menjelaskan insiden di perairan Rote.", "REQUEST", "IDN", "AUS"),
    ("Uni Eropa menyerukan kepada Rusia agar menghentikan serangan.", "REQUEST", None, "RUS"),
    # ACCUSE
    ("Pemerintah China mengecam Jepang atas kunjungan pejabatnya ke sebuah kuil.", "ACCUSE", "CHN", "JPN"),
    ("Menteri Luar Negeri Pakistan menuduh India mendukung kelompok militan.", "ACCUSE", "PAK", "IND"),
    ("Venezuela menghadapi kritik keras dari Kolombia.", "ACCUSE", "COL", "VEN"),
    # REJECT
    ("Korea Utara menolak tawaran dialog dari Korea Selatan.", "REJECT", "PRK", "KOR"),
    ("Kementerian Luar Negeri Rusia membantah tuduhan Ukraina soal serangan itu.", "REJECT", "RUS", "UKR"),
    ("Iran menolak permintaan Amerika Serikat untuk menghentikan pengayaan uranium.", "REJECT", "IRN", "USA"),
    # THREATEN
    ("Korea Utara mengancam Jepang dengan uji coba rudal baru.", "THREATEN", "PRK", "JPN"),
    ("Presiden Turki memperingatkan Yunani agar tidak memasuki perairan sengketa.", "THREATEN", "TUR", "GRC"),
    ("Rusia akan menyerang fasilitas militer Polandia jika rudal itu dipasang.", "THREATEN", "RUS", "POL"),
    # PROTEST
    ("Ribuan anggota Serikat Pekerja Nasional berunjuk rasa di depan gedung parlemen.", "PROTEST",
     "Serikat Pekerja Nasional", None),
    ("Mahasiswa Universitas Andalas menggelar aksi unjuk rasa menolak kenaikan harga BBM.", "PROTEST",
     "Universitas Andalas", None),
    ("Warga Palestina berdemonstrasi di Tepi Barat menentang pembangunan permukiman.", "PROTEST", "PSE", None),
    # SANCTION
    ("Uni Eropa menjatuhkan sanksi terhadap Iran atas pengiriman drone.", "SANCTION", None, "IRN"),
    ("Amerika Serikat mengenakan tarif 50 persen terhadap impor baja dari Brasil.", "SANCTION", "USA", "BRA"),
    ("Pemerintah Lituania mengusir diplomat Belarus.", "SANCTION", "LTU", "BLR"),
    # MOBILIZE
    ("Militer China mengerahkan kapal perang ke dekat Taiwan.", "MOBILIZE", "CHN", None),
    ("Rusia mengirim pasukan tambahan ke perbatasan.", "MOBILIZE", "RUS", None),
    ("Tentara Thailand bersiaga di perbatasan.", "MOBILIZE", "THA", None),
    # COERCE
    ("Polisi Hong Kong menangkap tiga aktivis prodemokrasi.", "COERCE", "HKG", None),
    ("KPK menahan Hendra Wiguna, Bupati Lumajang, terkait kasus suap proyek jalan.", "COERCE", "KPK",
     "Hendra Wiguna"),
    ("Kejaksaan Agung menyita aset milik tersangka korupsi tambang.", "COERCE", "Kejaksaan Agung", None),
    # ASSAULT
    ("Pesawat tempur Israel menyerang Suriah pada Minggu dini hari.", "ASSAULT", "ISR", "SYR"),
    ("Militan Al-Shabaab menyerang pangkalan militer Somalia.", "ASSAULT", None, "SOM"),
    ("Rusia meluncurkan serangan drone ke Kyiv.", "ASSAULT", "RUS", "UKR"),
]


@pytest.mark.parametrize("text,etype,actor,target", POSITIVE, ids=[f"{p[1]}-{i % 3}" for i, p in enumerate(POSITIVE)])
def test_event_types(analyze, text, etype, actor, target):
    record = analyze(text)
    found = find(record, etype, actor, target)
    assert found, f"no {etype} {actor}->{target} in {[(e.type, e.actors, e.targets) for e in record.events]}"
    ev = found[0]
    assert text[ev.evidence.start:ev.evidence.end] == ev.evidence.text
    assert ev.trigger and ev.trigger.lower() in ev.evidence.text.lower()


# sentences that must NOT yield the given type: negation, refusals to comment, letters, planning, ...
NEGATIVE = [
    ("Thailand belum sepakat dengan Kamboja soal garis perbatasan.", "AGREE"),
    ("Menteri Luar Negeri Iran tidak akan bertemu dengan utusan Amerika Serikat di Wina.", "CONSULT"),
    ("Pemerintah Mesir tidak mendukung Ethiopia dalam proyek bendungan itu.", "SUPPORT"),
    ("Pemerintah Myanmar tidak melonggarkan pembatasan bagi jurnalis asing.", "CONCEDE"),
    ("Vietnam belum bekerja sama dengan Kamboja dalam kasus itu.", "COOPERATE"),
    ("Jepang tidak mengirim bantuan ke Myanmar.", "AID"),
    ("Perdana Menteri Thailand mengirim surat kepada Sekjen PBB.", "AID"),
    ("Israel menolak menarik pasukan dari Jalur Gaza.", "RETREAT"),
    ("Indonesia tidak meminta Australia menjelaskan insiden itu.", "REQUEST"),
    ("Malaysia tidak menuduh Singapura melanggar perjanjian.", "ACCUSE"),
    ("Juru bicara Kementerian Luar Negeri Mesir menolak berkomentar soal laporan Sudan itu.", "REJECT"),
    ("Korea Utara belum mengancam Jepang secara terbuka.", "THREATEN"),
    ("Serikat Pekerja Nasional batal menggelar unjuk rasa di Jakarta.", "PROTEST"),
    ("Jepang tidak menjatuhkan sanksi terhadap Korea Selatan.", "SANCTION"),
    ("India tidak mengerahkan pasukan ke perbatasan.", "MOBILIZE"),
    ("Polisi Malaysia belum menangkap pelaku penembakan itu.", "COERCE"),
    ("Militer Korea Selatan menahan diri dan tidak membalas.", "COERCE"),
    ("Israel tidak akan menyerang Lebanon.", "ASSAULT"),
    ("Israel tidak akan menyerang Lebanon.", "THREATEN"),
    ("Menteri Luar Negeri Pakistan menuduh India merencanakan serangan terhadap Pakistan.", "ASSAULT"),
    ("Jika Indonesia menghentikan ekspor nikel, harga dunia akan naik.", "SANCTION"),
    ("Presiden Korea Selatan menawarkan untuk mengirim bantuan ke Laos.", "AID"),
]


@pytest.mark.parametrize("text,etype", NEGATIVE)
def test_not_coded(analyze, text, etype):
    record = analyze(text)
    assert not find(record, etype), [(e.type, e.actors, e.targets) for e in record.events]


def test_offer_is_agree_not_aid(analyze):
    record = analyze("Presiden Korea Selatan menawarkan untuk mengirim bantuan ke Laos.")
    assert find(record, "AGREE", "KOR", "LAO")


def test_aid_versus_mobilize_by_destination(analyze):
    abroad = analyze("Korea Utara telah mengirim ribuan tentara ke Suriah untuk membantu pemerintah di sana.")
    assert find(abroad, "AID", "PRK", "SYR") and not find(abroad, "MOBILIZE")
    home = analyze("Korea Utara mengirim ribuan tentara ke wilayah perbatasan.")
    assert find(home, "MOBILIZE", "PRK") and not find(home, "AID")


def test_official_takes_country_of_role_and_is_resolved_later(analyze):
    text = ("Menteri Luar Negeri Argentina, Lucas Ferreyra, tiba di Jakarta pada Senin. "
            "Ferreyra kemudian bertemu dengan Menteri Luar Negeri Indonesia di Gedung Pancasila.")
    ev = find(analyze(text), "CONSULT", "ARG", "IDN")
    assert ev and any(a.name == "Lucas Ferreyra" for a in ev[0].actors)


def test_pronoun_subject_is_the_person_named_before(analyze):
    text = ("Menteri Luar Negeri Brasil, Paulo Mendes, tiba di Beijing pada Selasa. "
            "Ia kemudian bertemu dengan Menteri Luar Negeri China untuk membahas perdagangan.")
    assert find(analyze(text), "CONSULT", "BRA", "CHN")


def test_first_person_in_quote_is_the_speaker(analyze):
    text = ('"Kami akan terus mendukung Filipina dalam sengketa ini," kata Menteri Luar Negeri Jepang, '
            'Haruto Sato, kepada wartawan di Tokyo.')
    assert find(analyze(text), "SUPPORT", "JPN", "PHL")


def test_compound_actor_and_symmetric_target(analyze):
    record = analyze("Presiden Kenya dan Presiden Tanzania bertemu di Arusha untuk membahas perbatasan.")
    ev = find(record, "CONSULT", "KEN", "TZA")
    assert ev and {"ken", "tza"} <= _keys(ev[0].actors)


def test_location_and_date(analyze):
    record = analyze("Presiden Prancis Louis Marchand bertemu dengan Perdana Menteri India Ravi Sharma "
                     "di New Delhi pada Senin.", published="2025-10-15")
    ev = find(record, "CONSULT", "FRA", "IND")[0]
    assert ev.location == "New Delhi"
    assert ev.date == "Senin" and ev.date_resolved == "2025-10-13"


def test_context_tags(analyze):
    ev = find(analyze("KPK menahan Hendra Wiguna, Bupati Lumajang, terkait kasus suap proyek jalan."), "COERCE")[0]
    assert "corruption" in ev.context
    ev = find(analyze("Korea Utara mengancam Jepang dengan uji coba rudal nuklir."), "THREATEN")[0]
    assert "cbrn" in ev.context and "military" in ev.context


def test_reported_event_points_at_the_report(analyze):
    text = ("Menteri Pertahanan Jepang, Kenji Mori, mengatakan bahwa Korea Utara telah mengirim "
            "ribuan tentara ke Suriah. Pemerintah Korea Utara belum mengonfirmasi laporan tersebut.")
    record = analyze(text)
    ev = find(record, "AID", "PRK", "SYR")
    assert ev
    assert ev[0].reported_by in {q.id for q in record.quotes}  # warta_quotes codes the report as a quote
    # an official reporting his own state's act is not "reported by" anyone
    own = analyze('"Kami telah mengirim bantuan pangan ke Sudan," kata Menteri Luar Negeri Turki, Emre Kaya.')
    assert find(own, "AID", "TUR", "SDN") and find(own, "AID", "TUR", "SDN")[0].reported_by is None


def test_private_quarrel_is_not_political(analyze):
    assert not analyze("Rina Marlina menuduh Yoga Pratama mencuri sepeda motornya.").events


DATES = [
    # (text, published, written, resolved)
    ("Pertemuan berlangsung pada Jumat.", "2025-10-22", "Jumat", "2025-10-17"),
    ("Pertemuan berlangsung pada Rabu.", "2025-10-22", "Rabu", "2025-10-22"),
    ("KPK menahannya Selasa (21/10/2025).", "2025-10-22", "Selasa (21/10/2025)", "2025-10-21"),
    ("Keduanya bertemu Senin (20/10) pagi.", "2025-10-22", "Senin (20/10)", "2025-10-20"),
    ("Perjanjian ditandatangani pada bulan Juni.", "2025-10-22", "bulan Juni", "2025-06"),
    ("Perjanjian ditandatangani pada bulan Desember.", "2025-10-22", "bulan Desember", "2024-12"),
    ("Ia tiba kemarin.", "2025-10-22", "kemarin", "2025-10-21"),
    ("Sidang digelar hari ini.", "2025-10-22", "hari ini", "2025-10-22"),
    ("Ia akan tiba besok.", "2025-10-22", "besok", "2025-10-23"),
    ("Serangan terjadi pada 7 Oktober 2023.", "2025-10-22", "7 Oktober 2023", "2023-10-07"),
    ("Gencatan senjata berlaku sejak 10 Oktober.", "2025-10-22", "10 Oktober", "2025-10-10"),
    ("Tarif berlaku mulai bulan depan.", "2025-12-05", "bulan depan", "2026-01"),
    ("Ia mengkritik kebijakan itu pada tahun 2020.", "2025-10-22", "2020", "2020"),
    ("Surat bertanggal 21/10/2025 itu beredar.", None, "21/10/2025", "2025-10-21"),
    ("Pertemuan berlangsung pada Jumat.", None, "Jumat", None),
]


@pytest.mark.parametrize("text,published,written,resolved", DATES)
def test_date_resolution(text, published, written, resolved):
    ref = date.fromisoformat(published) if published else None
    got = find_date(text, len(text) // 2, ref)
    assert got == (written, resolved)


def test_events_tsv(analyze):
    from warta.events.tsv import COLUMNS, write_events_tsv

    record = analyze("Korea Utara mengancam Jepang dengan uji coba rudal baru pada Selasa (21/10/2025).")
    out = io.StringIO()
    write_events_tsv([record], out)
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert tuple(rows[0]) == COLUMNS
    row = dict(zip(COLUMNS, rows[1]))
    assert row["type"] == "THREATEN" and row["actor_country"] == "PRK" and row["target_country"] == "JPN"
    assert row["date_resolved"] == "2025-10-21" and row["article_id"] == record.id
    assert "\n" not in row["evidence"] and "mengancam" in row["evidence"]


def test_events_tsv_cli(tmp_path):
    from click.testing import CliRunner

    from warta.cli import cli

    path = tmp_path / "artikel.txt"
    path.write_text("Judul berita\n\nPemerintah Lituania mengusir diplomat Belarus pada Kamis, "
                    "menurut pernyataan resmi kementerian.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(path), "--format", "events-tsv"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().split("\n")
    assert lines[0].startswith("date\tdate_resolved\tactor")
    assert any("\tSANCTION\t" in line and "LTU" in line and "BLR" in line for line in lines[1:])


def test_seed_article_events(analyze):
    """The founding example (read from ../shared): its four required events and the report behind one."""
    from tests.conftest import shared_path

    raw = shared_path("seed", "kontan-korut-rusia.txt").read_text(encoding="utf-8")
    title, _, body = raw.strip().partition("\n")
    record = analyze(body, title=title)
    consult = find(record, "CONSULT", "PRK", "RUS")
    assert consult and consult[0].location and consult[0].date
    assert find(record, "SUPPORT", "PRK", "RUS")
    sent = find(record, "AID", "PRK", "RUS") or find(record, "MOBILIZE", "PRK", "RUS")
    assert sent and sent[0].reported_by
    report = next(q for q in record.quotes if q.id == sent[0].reported_by)
    assert "NATO" in {s.name for s in [report.speaker, *report.speakers] if s}
    accuse = find(record, "ACCUSE", "PRK")
    assert accuse and {"usa", "kor"} <= _keys(accuse[0].targets)


def test_pronoun_is_the_subject_of_the_sentence_before(analyze):
    text = ("Menteri Luar Negeri Ekuador, Diego Rojas, berselisih dengan Menteri Luar Negeri Peru, Ana Quispe. "
            "Ia kemudian mengecam Bolivia atas penutupan perbatasan.")
    record = analyze(text)
    assert find(record, "ACCUSE", "ECU", "BOL")
    assert not find(record, "ACCUSE", "PER")


def test_comma_alone_does_not_make_a_compound_actor(analyze):
    record = analyze("Menurut kantor berita Reuters, polisi Kenya menangkap puluhan pengunjuk rasa di Nairobi.")
    ev = find(record, "COERCE", "KEN")
    assert ev and "reuters" not in _keys(ev[0].actors)


def test_verbal_attack_is_not_assault(analyze):
    record = analyze("Pengusaha Budi Santosa menyerang para pengkritiknya dari Partai Buruh lewat media sosial.")
    assert not find(record, "ASSAULT")


def test_works_on_a_blank_pipeline_without_parser_or_entities():
    """Sentences, names and countries come from the component's own fallbacks when nothing precedes it."""
    from warta.nlp import register_components
    from warta.nlp.tokenizer import make_blank

    register_components()
    nlp = make_blank()
    nlp.add_pipe("warta_events")
    doc = nlp("Pemerintah Lituania mengusir diplomat Belarus. Korea Utara tidak akan menyerang Jepang.")
    coded = {(e.type, e.actors[0].country, e.targets[0].country if e.targets else None) for e in doc._.events}
    assert coded == {("SANCTION", "LTU", "BLR")}


@pytest.mark.parametrize("text,etype,actor,target", [
    ("KPK menetapkan Wali Kota Pematang Jaya, Rudi Hartono, sebagai tersangka kasus suap.", "ACCUSE", "KPK",
     "Rudi Hartono"),
    ("Pengadilan Tinggi Seoul memvonis mantan Menteri Pertahanan Korea Selatan tujuh tahun penjara.", "SANCTION",
     None, "KOR"),
    ("Kelompok bersenjata Abu Sayyaf menculik dua nelayan Indonesia di perairan Sabah.", "ASSAULT", None, "IDN"),
    ("Pasukan Thailand dan Kamboja saling serang di wilayah perbatasan.", "ASSAULT", "THA", "KHM"),
    ("Kementerian Luar Negeri China memanggil duta besar Jepang untuk memprotes pernyataan tersebut.", "ACCUSE",
     "CHN", "JPN"),
    ("Iran meluncurkan rudal balistik ke arah Israel pada Selasa malam.", "ASSAULT", "IRN", "ISR"),
    ("Korea Selatan dan Amerika Serikat menggelar latihan militer gabungan di Laut Kuning.", "COOPERATE", "KOR",
     "USA"),
    ("Presiden Amerika Serikat mengancam akan mengenakan tarif 100 persen terhadap produk China.", "THREATEN",
     "USA", "CHN"),
])
def test_more_triggers(analyze, text, etype, actor, target):
    record = analyze(text)
    assert find(record, etype, actor, target), [(e.type, e.actors, e.targets) for e in record.events]


def test_a_bare_year_gives_way_to_a_full_date():
    text = "KPK menahan Komisaris PT Maju pada tahun 2007 sampai sekarang, kata juru bicara, Selasa (21/10/2025)."
    assert find_date(text, 6, date(2025, 10, 22)) == ("Selasa (21/10/2025)", "2025-10-21")
