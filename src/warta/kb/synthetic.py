"""Generated article records for knowledge-base tests and benchmarks (no NLP model needed).

Invented people, organisations and places; realistic Indonesian news sentences; every entity,
quote, claim and event carries correct offsets into the generated text. Deterministic per seed.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from warta.record import Actor, Article, Claim, Entity, Event, Evidence, Mention, Quote, Source, Speaker, Stance

# (full name, short name, role, affiliation country) — invented people
PEOPLE = [
    ("Hendra Wijayakusuma", "Hendra", "Menteri Pertahanan", "IDN"),
    ("Ratna Sulistyowati", "Ratna", "Menteri Luar Negeri", "IDN"),
    ("Bagus Pranowo", "Pranowo", "Juru Bicara Kementerian Luar Negeri", "IDN"),
    ("Sri Lestari Handayani", "Lestari", "Gubernur Jawa Tengah", "IDN"),
    ("Arif Kurniawan", "Arif", "Kepala Badan Pusat Statistik", "IDN"),
    ("Wang Jianhong", "Wang", "Duta Besar China untuk Indonesia", "CHN"),
    ("Takeshi Morimoto", "Morimoto", "Menteri Perdagangan Jepang", "JPN"),
    ("Daniel Whitford", "Whitford", "Juru Bicara Departemen Luar Negeri AS", "USA"),
]
COUNTRIES = [("Indonesia", "IDN"), ("China", "CHN"), ("Jepang", "JPN"), ("Amerika Serikat", "USA"),
             ("Malaysia", "MYS"), ("Australia", "AUS")]
CITIES = ["Jakarta", "Surabaya", "Bandung", "Medan", "Makassar", "Semarang", "Beijing", "Tokyo"]
TOPICS = [  # (statement template with {n}, unit, keywords that make it one matter)
    ("pemerintah menyiapkan {n} ton beras cadangan untuk menjaga harga pangan", "ton"),
    ("sebanyak {n} personel gabungan dikerahkan untuk mengamankan perbatasan", "personel"),
    ("nilai investasi kawasan industri baterai mencapai {n} dolar AS", "dolar"),
    ("jumlah korban banjir bandang di lereng gunung mencapai {n} orang", "orang"),
    ("produksi nikel olahan nasional naik menjadi {n} ton per tahun", "ton"),
]
EVENTS = [("CONSULT", "menggelar pertemuan bilateral dengan"), ("COOPERATE", "menandatangani kerja sama dengan"),
          ("ACCUSE", "menuding"), ("DEMAND", "mendesak")]
FILLER = ("Langkah itu disebut sebagai bagian dari upaya menjaga stabilitas kawasan dan memperkuat ekonomi daerah. "
          "Sejumlah pengamat menilai kebijakan tersebut perlu diawasi agar tepat sasaran. "
          "Warga di beberapa kecamatan mengaku sudah merasakan dampaknya dalam beberapa pekan terakhir. "
          "Pemerintah daerah juga diminta menyiapkan data penerima yang akurat dan terbuka. "
          "Rapat koordinasi lanjutan dijadwalkan digelar pekan depan di kantor kementerian. "
          "Anggota dewan meminta laporan berkala soal penggunaan anggaran program tersebut").split(". ")
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


class _Text:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def value(self) -> str:
        return "".join(self.parts)


def make_article(i: int, seed: int = 0, start: date = date(2025, 10, 1), days: int = 30,
                 short_names: bool | None = None, filler: int = 4) -> Article:
    """One generated article record; `i` makes it unique, `seed` the corpus."""
    rng = random.Random(seed * 1_000_003 + i)
    day = start + timedelta(days=rng.randrange(days))
    person = rng.choice(PEOPLE)
    full, short, role, country = person
    only_short = rng.random() < 0.4 if short_names is None else short_names
    written = short if only_short else full
    doc = _Text()
    entities: list[Entity] = []

    def entity(name: str, type_: str, span: tuple[int, int], country: str | None = None,
               roles: list[str] | None = None, text: str | None = None) -> Entity:
        for e in entities:
            if e.name == name and e.type == type_:
                e.mentions.append(Mention(start=span[0], end=span[1], text=text or name))
                return e
        e = Entity(id=f"e{len(entities) + 1}", name=name, type=type_, country=country, roles=roles or [],
                   mentions=[Mention(start=span[0], end=span[1], text=text or name)])
        entities.append(e)
        return e

    city = rng.choice(CITIES)
    doc.add(f"{city.upper()} - ")
    if not only_short:
        doc.add(role + " ")
    span = doc.add(written)
    speaker_entity = entity(written, "PERSON", span, country, [role] if not only_short else [])
    topic, unit = rng.choice(TOPICS)
    value = rng.choice([500, 1_000, 2_500, 10_000, 12_000, 45_000]) * (1 + rng.randrange(3))
    statement_start = doc.length + len(" mengatakan ")
    doc.add(" mengatakan ")
    statement = topic.format(n=f"{value:,}".replace(",", "."))
    doc.add(statement)
    statement_end = doc.length
    doc.add(".\n")
    content = (f"Kami memastikan {topic.split(' ', 2)[2].format(n='semua')} berjalan sesuai rencana "
               f"dan diawasi bersama aparat di {city}")
    doc.add("\"")
    q_start, q_end = doc.add(content)
    doc.add(",\" ")
    cue_span = doc.add("kata")
    doc.add(" ")
    s_span = doc.add(short)
    entity(written, "PERSON", s_span, text=short)
    doc.add(f" kepada wartawan di {city}, {rng.choice(DAYS)} ({day.day}/{day.month}/{day.year}).\n")
    (actor_name, actor_iso), (target_name, target_iso) = rng.sample(COUNTRIES, 2)
    ev_type, trigger = rng.choice(EVENTS)
    ev_start = doc.length
    a_span = doc.add(f"Pemerintah {actor_name}")
    actor_entity = entity(actor_name, "LOC", (a_span[0] + 11, a_span[1]), actor_iso)
    doc.add(f" {trigger} ")
    t_span = doc.add(target_name)
    target_entity = entity(target_name, "LOC", t_span, target_iso)
    doc.add(f" di {city} pada {rng.choice(DAYS)}")
    ev_end = doc.length
    doc.add(".\n")
    stance = None
    if rng.random() < 0.2:
        other = rng.choice([p for p in PEOPLE if p != person])
        doc.add("Sementara itu, ")
        o_span = doc.add(other[0])
        entity(other[0], "PERSON", o_span, other[3], [other[2]])
        doc.add(" membantah angka tersebut dan menyebutnya tidak berdasar.\n")
        stance = Stance(who=other[0], stance="deny")
    for _ in range(filler):
        doc.add(rng.choice(FILLER).strip().rstrip(".") + f" di {rng.choice(CITIES)}. ")
    doc.add(f"(Laporan nomor {i})")
    body = doc.value()
    quote = Quote(id="q1", kind="direct", content=content, start=q_start, end=q_end, cue="kata",
                  cue_start=cue_span[0], cue_end=cue_span[1],
                  speaker=Speaker(name=written, entity=speaker_entity.id, mention=short, start=s_span[0], end=s_span[1]))
    claim = Claim(id="c1", value=value, unit=unit, statement=body[statement_start:statement_end],
                  start=statement_start, end=statement_end,
                  sources=[Source(name=written, entity=speaker_entity.id)], stances=[stance] if stance else [])
    event = Event(id="v1", type=ev_type, actors=[Actor(name=actor_name, country=actor_iso, entity=actor_entity.id)],
                  targets=[Actor(name=target_name, country=target_iso, entity=target_entity.id)], location=city,
                  date=None, evidence=Evidence(start=ev_start, end=ev_end, text=body[ev_start:ev_end]))
    return Article(id=f"gen-{seed}-{i}", url=f"https://berita.example/{seed}/{i}", title=f"{written}: {statement[:60]}",
                   outlet="BERITA.EXAMPLE", dateline=city.upper(), published=f"{day.isoformat()}T09:{i % 60:02d}",
                   text=body, entities=entities, quotes=[quote], claims=[claim], events=[event], source="<generated>")
