"""The knowledge base (warta.kb) on SQLite and PostgreSQL, with records written here (no NLP model needed)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from warta.kb import KnowledgeBase
from warta.kb.synthetic import make_article
from warta.record import Actor, Article, Claim, Entity, Event, Evidence, Mention, Quote, Source, Speaker, Stance


# --- back ends ------------------------------------------------------------------------------------------------

def postgres_url() -> str:
    url = os.environ.get("WARTA_TEST_POSTGRES")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("WARTA_TEST_POSTGRES is unset under CI: scripts/postgres.sh must provide PostgreSQL")
        pytest.skip("WARTA_TEST_POSTGRES is unset: run `eval \"$(scripts/postgres.sh)\"` to test on PostgreSQL")
    return url


@pytest.fixture(params=["sqlite", "postgres"])
def db(request, tmp_path):
    """A fresh, empty knowledge-base location on each back end."""
    if request.param == "sqlite":
        yield str(tmp_path / "kb.db")
        return
    base = postgres_url()
    name = "warta_t_" + uuid.uuid4().hex[:12]
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    yield base.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


# --- records written for these tests ------------------------------------------------------------------------

def article(id_: str, text_: str, published: str = "2025-10-10", people: dict[str, str] | None = None,
            quotes: list[tuple[str, str]] = (), claims: list[dict] = (), events: list[dict] = (),
            places: dict[str, str] | None = None, url: str | None = None) -> Article:
    """A record whose spans are found in the text: people {name: role}, quotes [(content, speaker as written)]."""
    entities: list[Entity] = []
    ids: dict[str, str] = {}
    for name, role in (people or {}).items():
        start = text_.index(name)
        ids[name] = f"e{len(entities) + 1}"
        entities.append(Entity(id=ids[name], name=name, type="PERSON", roles=[role] if role else [],
                               mentions=[Mention(start=start, end=start + len(name), text=name)]))
    for name, iso in (places or {}).items():
        start = text_.index(name)
        ids[name] = f"e{len(entities) + 1}"
        entities.append(Entity(id=ids[name], name=name, type="LOC", country=iso,
                               mentions=[Mention(start=start, end=start + len(name), text=name)]))
    qs = []
    for n, (content, speaker) in enumerate(quotes, 1):
        start = text_.index(content)
        qs.append(Quote(id=f"q{n}", kind="direct", content=content, start=start, end=start + len(content),
                        cue="kata", speaker=Speaker(name=speaker, entity=ids.get(speaker), mention=speaker)))
    cs = []
    for n, c in enumerate(claims, 1):
        start = text_.index(c["statement"])
        cs.append(Claim(id=f"c{n}", value=c["value"], unit=c["unit"], statement=c["statement"], start=start,
                        end=start + len(c["statement"]), sources=[Source(name=s, entity=ids.get(s)) for s in c.get("sources", [])],
                        stances=[Stance(who=w, stance=s) for w, s in c.get("stances", [])]))
    vs = []
    for n, e in enumerate(events, 1):
        start = text_.index(e["evidence"])
        vs.append(Event(id=f"v{n}", type=e["type"],
                        actors=[Actor(name=a, country=(places or {}).get(a), entity=ids.get(a)) for a in e["actors"]],
                        targets=[Actor(name=a, country=(places or {}).get(a), entity=ids.get(a)) for a in e["targets"]],
                        evidence=Evidence(start=start, end=start + len(e["evidence"]), text=e["evidence"])))
    return Article(id=id_, url=url or f"https://kabar.example/{id_}", title=text_[:40], published=published,
                   text=text_, entities=entities, quotes=qs, claims=cs, events=vs)


FULL = ('Menteri Koperasi Dewi Anggraini mengatakan program pinjaman ultramikro akan diperluas ke desa. '
        '"Kami ingin pelaku usaha kecil mendapat modal tanpa agunan," kata Dewi Anggraini di Jakarta, Senin.')
SHORT = ('Dewi kembali menegaskan bahwa penyaluran pinjaman ultramikro dipercepat pada akhir tahun. '
         '"Targetnya seluruh kabupaten sudah terjangkau sebelum Desember," ujar Dewi di Yogyakarta, Rabu.')


def full_article(id_="a-full", published="2025-10-06"):
    return article(id_, FULL, published, {"Dewi Anggraini": "Menteri Koperasi"},
                   [("Kami ingin pelaku usaha kecil mendapat modal tanpa agunan", "Dewi Anggraini")])


def short_article(id_="a-short", published="2025-10-08"):
    return article(id_, SHORT, published, {"Dewi": ""},
                   [("Targetnya seluruh kabupaten sudah terjangkau sebelum Desember", "Dewi")])


# --- ingest ----------------------------------------------------------------------------------------------------

def test_migrated_to_head_on_open(db):
    with KnowledgeBase(db) as kb, kb.engine.connect() as conn:
        assert conn.scalar(text("SELECT version_num FROM alembic_version")) == "0001"
    with KnowledgeBase(db) as kb:  # opening again is a no-op
        assert kb.counts()["articles"] == 0


def test_ingest_twice_changes_nothing(db):
    records = [make_article(i, seed=11) for i in range(40)]
    with KnowledgeBase(db) as kb:
        first = kb.ingest(records, batch_size=7)
        counts = kb.counts()
        second = kb.ingest(records, batch_size=7)
        assert (first.stored, second.stored, second.skipped) == (40, 0, 40)
        assert kb.counts() == counts
        assert counts["quotes"] == 40 and counts["claims"] == 40 and counts["events"] == 40
        assert kb.article("gen-11-3").text == records[3].text


def test_same_url_or_same_content_under_another_id_is_a_linked_copy(db):
    original = full_article()
    same_url = original.model_copy(update={"id": "a-full-again"})
    same_text = original.model_copy(update={"id": "a-full-mirror", "url": "https://mirror.example/x",
                                            "text": "  " + original.text.upper() + "\n"})
    with KnowledgeBase(db) as kb:
        kb.ingest([original])
        counts = kb.counts()
        report = kb.ingest([same_url, same_text])
        assert (report.stored, report.copies) == (0, 2)
        after = kb.counts()
        assert after.pop("article_copies") == 2 and counts.pop("article_copies") == 0
        assert after == counts
        assert kb.ingest([same_url, same_text]).skipped == 2
        assert {c["id"]: c["reason"] for c in kb.linked("a-full-mirror")["copies"]} == {
            "a-full-again": "url", "a-full-mirror": "content"}


def test_near_duplicate_is_linked_and_not_counted(db):
    base = make_article(1, seed=21)
    copy = base.model_copy(update={"id": "copy", "url": "https://other.example/copy",
                                   "text": base.text + " Baca juga berita lainnya."})
    other = make_article(2, seed=21)
    with KnowledgeBase(db) as kb:
        report = kb.ingest([base, other, copy])
        assert report.near_duplicates == 1
        linked = kb.linked("copy")
        assert linked["original"] == base.id and linked["near_duplicates"][0]["id"] == "copy"
        assert kb.linked(other.id)["near_duplicates"] == []
        q = kb.query()
        speaker = base.quotes[0].speaker.name
        _, quotes, _ = q.who(speaker)
        assert [x["article_id"] for x in quotes].count(base.id) == 1 and "copy" not in {x["article_id"] for x in quotes}
        assert sum(g["n_claims"] for g in q.claims(limit=100)) == 2
        assert sum(e["n_articles"] for e in q.events(limit=100)) == 2
        assert {h["article_id"] for h in q.search("Laporan nomor", limit=10)} == {base.id, other.id}


def test_error_records_are_counted_not_stored(db):
    bad = Article(id="broken", source="x.html", error="no article text found")
    with KnowledgeBase(db) as kb:
        report = kb.ingest([bad, full_article()])
        assert report.stored == 1 and report.errors == [("x.html", "no article text found")]
        assert kb.article("broken") is None


# --- cross-article resolution -----------------------------------------------------------------------------

@pytest.mark.parametrize("order", ["full-first", "short-first"])
def test_one_word_name_resolves_to_the_full_name(db, order):
    records = [full_article(), short_article()]
    with KnowledgeBase(db) as kb:
        kb.ingest(records if order == "full-first" else records[::-1], batch_size=1)
        entity, quotes, others = kb.query().who("Dewi Anggraini")
        assert entity["name"] == "Dewi Anggraini" and others == []
        assert [q["article_id"] for q in quotes] == ["a-short", "a-full"]  # newest first
        assert all(q["speaker"]["name"] == "Dewi Anggraini" for q in quotes)
        assert quotes[0]["speaker"]["as_written"] == "Dewi"
        assert "ujar Dewi di Yogyakarta" in quotes[0]["evidence"]["text"]
        assert entity["roles"][0]["role"] == "Menteri Koperasi"
        assert sorted(entity["written_as"]) == ["Dewi", "Dewi Anggraini"]


def test_ambiguous_one_word_name_is_not_resolved(db):
    other = article("a-other", 'Bupati Dewi Kartikasari meresmikan pasar baru. "Pasar ini milik warga," kata Dewi Kartikasari.',
                    "2025-10-07", {"Dewi Kartikasari": "Bupati"}, [("Pasar ini milik warga", "Dewi Kartikasari")])
    with KnowledgeBase(db) as kb:
        kb.ingest([full_article(), other, short_article()], batch_size=1)
        q = kb.query()
        assert [x["article_id"] for x in q.who("Dewi Anggraini")[1]] == ["a-full"]
        assert [x["article_id"] for x in q.who("Dewi Kartikasari")[1]] == ["a-other"]
        entity, quotes, others = q.who("Dewi")
        assert entity["name"] == "Dewi" and [x["article_id"] for x in quotes] == ["a-short"]


def _troops(id_, day, value, source, stances=()):
    text_ = (f"{source} menyebut sekitar {value} tentara asing telah dikirim ke wilayah perbatasan utara "
             f"untuk latihan gabungan. Pernyataan itu disampaikan dalam jumpa pers.")
    statement = f"sekitar {value} tentara asing telah dikirim ke wilayah perbatasan utara untuk latihan gabungan"
    return article(id_, text_, day, {source: "Juru Bicara"},
                   claims=[{"value": value, "unit": "tentara", "statement": statement, "sources": [source],
                            "stances": list(stances)}])


def test_claims_about_one_matter_are_grouped_and_disagreement_is_contested(db):
    rice = article("rice", "Bulog menyiapkan 300 ton beras untuk operasi pasar di Kalimantan Barat pekan ini.",
                   "2025-10-03", claims=[{"value": 300, "unit": "ton",
                                          "statement": "Bulog menyiapkan 300 ton beras untuk operasi pasar di Kalimantan Barat"}])
    with KnowledgeBase(db) as kb:
        kb.ingest([_troops("t1", "2025-10-01", 1500, "Yusuf Hamdani"), _troops("t2", "2025-10-02", 1500, "Maria Lumban"),
                   rice])
        q = kb.query()
        troops = q.claims(about="tentara asing")
        assert len(troops) == 1 and troops[0]["n_articles"] == 2 and not troops[0]["contested"]
        assert q.claims(contested=True) == []
        kb.ingest([_troops("t3", "2025-10-04", 2000, "Rudi Santosa")])
        contested = q.claims(contested=True)
        assert len(contested) == 1 and contested[0]["n_articles"] == 3
        assert "values differ" in contested[0]["reasons"][0] and "Rudi Santosa" in contested[0]["reasons"][0]
        kb.ingest([_troops("t4", "2025-12-20", 1700, "Dimas Prakoso")])  # outside the window: a new matter
        assert len(q.claims(about="tentara asing")) == 2
        assert len(q.claims(about="beras")) == 1


def test_a_denied_claim_is_contested(db):
    with KnowledgeBase(db) as kb:
        kb.ingest([_troops("d1", "2025-10-01", 800, "Yusuf Hamdani", [("Rudi Santosa", "deny")])])
        [group] = kb.query().claims(contested=True)
        assert group["reasons"] == ["disputed: deny"]
        assert group["claims"][0]["stances"] == [{"who": "Rudi Santosa", "stance": "deny"}]


def _meeting(id_, day, actor, target, verb="bertemu dengan"):
    text_ = f"Pemerintah {actor} {verb} delegasi {target} di Jakarta untuk membahas perdagangan, {day}."
    return article(id_, text_, day, places={actor: ISO[actor], target: ISO[target]},
                   events=[{"type": "CONSULT", "actors": [actor], "targets": [target],
                            "evidence": f"{actor} {verb} delegasi {target}"}])


ISO = {"Indonesia": "IDN", "Vietnam": "VNM", "Brasil": "BRA"}


def test_one_event_reported_by_several_articles_is_one_event(db):
    with KnowledgeBase(db) as kb:
        kb.ingest([_meeting("m1", "2025-10-01", "Indonesia", "Vietnam"),
                   _meeting("m2", "2025-10-02", "Indonesia", "Vietnam", "menerima kunjungan"),
                   _meeting("m3", "2025-10-02", "Indonesia", "Brasil"),
                   _meeting("m4", "2025-11-20", "Indonesia", "Vietnam")])
        q = kb.query()
        both = q.events(("IDN", "VNM"))
        assert [e["n_articles"] for e in both] == [1, 2]
        assert {s["article_id"] for s in both[1]["sources"]} == {"m1", "m2"}
        assert [e["n_articles"] for e in q.events(("BRA",))] == [1]
        assert q.events(("IDN",), since="2025-11-01")[0]["sources"][0]["article_id"] == "m4"
        assert q.events(type_="ACCUSE") == []


def test_search_articles_and_quotes(db):
    with KnowledgeBase(db) as kb:
        kb.ingest([full_article(), short_article()])
        q = kb.query()
        assert [h["article_id"] for h in q.search("ultramikro desa")] == ["a-full"]
        assert {h["article_id"] for h in q.search("pinjaman ultramikro")} == {"a-full", "a-short"}
        [hit] = q.search("kabupaten Desember", "quotes")
        assert hit["article_id"] == "a-short" and hit["speaker"]["name"] == "Dewi Anggraini"
        assert q.search("kapal selam") == []


# --- command line -----------------------------------------------------------------------------------------

def _records_file(path, records):
    path.write_text("".join(r.to_json() + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_cli_ingest_who_claims_events_export(db, tmp_path):
    from warta.cli import cli, register_commands

    register_commands()
    records = _records_file(tmp_path / "in.jsonl", [full_article(), short_article(), _troops("t1", "2025-10-01", 5, "Yusuf Hamdani"),
                                                    _meeting("m1", "2025-10-01", "Indonesia", "Vietnam")])
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", "--records", records, "--db", db])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["who", "Dewi Anggraini", "--db", db, "--format", "jsonl"])
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [(x["article_id"], x["published"], x["speaker"]["name"]) for x in lines] == [
        ("a-short", "2025-10-08", "Dewi Anggraini"), ("a-full", "2025-10-06", "Dewi Anggraini")]
    result = runner.invoke(cli, ["claims", "--about", "tentara", "--db", db, "--format", "jsonl"])
    assert json.loads(result.stdout.splitlines()[0])["unit"] == "tentara"
    result = runner.invoke(cli, ["events", "--actor", "VNM", "--db", db, "--format", "jsonl"])
    assert json.loads(result.stdout)["type"] == "CONSULT"
    result = runner.invoke(cli, ["search", "agunan", "--db", db])
    assert result.exit_code == 0 and "a-full" in result.stdout
    result = runner.invoke(cli, ["export", "--format", "jsonl", "--db", db])
    assert sorted(Article.from_json(x).id for x in result.stdout.splitlines()) == ["a-full", "a-short", "m1", "t1"]
    result = runner.invoke(cli, ["export", "--format", "csv", "--table", "quotes", "--db", db])
    assert result.stdout.splitlines()[0].startswith("pk,") and len(result.stdout.splitlines()) == 3
    result = runner.invoke(cli, ["who", "Nama Yang Tidak Ada", "--db", db])
    assert result.exit_code == 1
    result = runner.invoke(cli, ["export", "--format", "parquet", "-o", str(tmp_path / "q.parquet"), "--table",
                                 "quotes", "--db", db])
    try:
        import pyarrow.parquet as pq
    except ImportError:
        assert result.exit_code == 2 and "pyarrow" in result.stderr
    else:
        assert result.exit_code == 0 and pq.read_table(tmp_path / "q.parquet").num_rows == 2


def test_cli_bad_line_is_an_error_not_an_article(tmp_path):
    from warta.cli import cli, register_commands

    register_commands()
    path = tmp_path / "in.jsonl"
    path.write_text(full_article().to_json() + "\n{\"not\": \"a record\"}\n", encoding="utf-8")
    db = str(tmp_path / "kb.db")
    result = CliRunner().invoke(cli, ["ingest", "--records", str(path), "--db", db])
    assert "1 stored" in result.stderr and "1 errors" in result.stderr


# --- a killed ingest, and the shared corpus twice -------------------------------------------------------

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
N = 600
BATCH = 10


def _count(url: str) -> int:
    """Committed articles, read without taking any lock the writer needs."""
    try:
        if "://" not in url:
            import sqlite3

            with sqlite3.connect(f"file:{url}?mode=ro", uri=True, timeout=30) as conn:
                return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                return conn.scalar(text("SELECT count(*) FROM articles"))
        finally:
            engine.dispose()
    except Exception:  # not created yet
        return 0


def test_sigkill_midway_loses_nothing_and_resumes_without_duplicates(db, tmp_path):
    records = tmp_path / "records.jsonl"
    records.write_text("".join(make_article(i, seed=31).to_json() + "\n" for i in range(N)), encoding="utf-8")
    cmd = [sys.executable, "-c", "from warta.cli import main; main()", "ingest", "--records", str(records), "--db", db, "--batch-size", str(BATCH)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    try:
        while _count(db) < 5 * BATCH:
            assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr.read().decode()}"
            assert time.monotonic() < deadline, "ingest made no progress"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL

    with KnowledgeBase(db) as kb:
        counts = kb.counts()
        stored = counts["articles"]
        assert 5 * BATCH <= stored < N, stored
        assert stored % BATCH == 0, stored  # whole batches only: no half-stored batch, no half article
        assert counts["quotes"] == counts["claims"] == counts["events"] == stored
        with kb.engine.connect() as conn:
            if kb.dialect == "sqlite":
                assert conn.scalar(text("PRAGMA integrity_check")) == "ok"
                assert conn.scalar(text("SELECT count(*) FROM articles_fts")) == stored
                assert conn.scalar(text("SELECT count(*) FROM quotes_fts")) == stored
        report = kb.ingest(Article_lines(records))
        assert (report.skipped, report.stored) == (stored, N - stored)
        with kb.engine.connect() as conn:
            assert conn.scalar(text("SELECT count(DISTINCT id) FROM articles")) == N
            assert conn.scalar(text("SELECT count(DISTINCT content_hash) FROM articles")) == N
            if kb.dialect == "sqlite":
                assert conn.scalar(text("PRAGMA integrity_check")) == "ok"
        counts = kb.counts()
        assert counts["articles"] == counts["quotes"] == counts["claims"] == N


def Article_lines(path: Path):
    from warta.record import Article

    with open(path, encoding="utf-8") as f:
        for line in f:
            yield Article.from_json(line)


def _corpus() -> Path:
    path = SHARED / "corpus" / "detik-2025.jsonl"
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the repository")
        pytest.skip(f"{path} is absent: this test needs the shared data folder beside the repository")
    return path


def test_detik_corpus_twice_gives_identical_counts_and_links_copies(tmp_path):
    """The corpus lines (id, url, title, published, text) read as records without analysis."""
    from click.testing import CliRunner

    from warta.cli import cli, register_commands

    corpus = _corpus()
    register_commands()
    db_path = str(tmp_path / "detik.db")
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", "--records", str(corpus), "--db", db_path])
    assert first.exit_code == 0, first.output
    with KnowledgeBase(db_path) as kb:
        counts = kb.counts()
    second = runner.invoke(cli, ["ingest", "--records", str(corpus), "--db", db_path])
    assert second.exit_code == 0 and "0 stored" in second.stderr
    with KnowledgeBase(db_path) as kb:
        assert kb.counts() == counts
        lines = sum(1 for line in open(corpus, encoding="utf-8") if line.strip())
        assert counts["articles"] + counts["article_copies"] == lines
        ids = [json.loads(line)["id"] for line in open(corpus, encoding="utf-8") if line.strip()]
        # every repeated record is linked to the article it repeats
        for id_ in ids:
            linked = kb.linked(id_)
            assert linked is not None
        repeated = [kb.linked(i) for i in ids if kb.linked(i)["stored_as"] != i]
        assert len(repeated) == counts["article_copies"] > 0
        assert counts["articles"] > len({r["original"] for r in [kb.linked(i) for i in ids]})  # near-duplicates


def test_cli_ingest_analyses_paths_and_skips_them_the_second_time(tmp_path, monkeypatch):
    """`warta ingest PATH` runs the analysis (a blank pipeline here: the path, not the model, is tested)."""
    import spacy

    import warta.nlp
    from warta.cli import cli, register_commands
    from warta.nlp.extensions import register_extensions

    register_extensions()
    monkeypatch.setattr(warta.nlp, "load", lambda: spacy.blank("id"))
    register_commands()
    for n, body in enumerate([FULL, SHORT]):
        (tmp_path / f"berita-{n}.txt").write_text(f"Judul berita {n}\n{body}\n", encoding="utf-8")
    db = str(tmp_path / "kb.db")
    first = CliRunner().invoke(cli, ["ingest", str(tmp_path / "berita-0.txt"), str(tmp_path / "berita-1.txt"),
                                     "--db", db])
    assert first.exit_code == 0, first.output
    assert "2 stored" in first.stderr
    second = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", db])
    assert "0 stored" in second.stderr and "2 already stored" in second.stderr
    with KnowledgeBase(db) as kb:
        assert sorted(r.title for r in kb.records()) == ["Judul berita 0", "Judul berita 1"]


def test_one_word_name_merged_within_the_same_article(db):
    """The short name is listed first in the article's entities; the full name then absorbs it."""
    body = ('Ari memimpin rapat soal stok bawang merah. Kepala Dinas Ari Wibisono menyebut pasokan aman. '
            '"Stok cukup sampai akhir bulan," kata Ari.')
    rec = article("same-article", body, "2025-10-09", {"Ari": "", "Ari Wibisono": "Kepala Dinas"},
                  [("Stok cukup sampai akhir bulan", "Ari")])
    with KnowledgeBase(db) as kb:
        report = kb.ingest([rec])
        assert report.stored == 1 and report.errors == []
        entity, quotes, _ = kb.query().who("Ari Wibisono")
        assert [q["article_id"] for q in quotes] == ["same-article"]
        assert kb.counts()["kb_entities"] == 1


def test_a_record_that_cannot_be_stored_is_an_error_and_the_batch_goes_on(db):
    bad = full_article("bad-offsets")
    bad.quotes[0].start = None  # violates NOT NULL: the store must fail for this record only
    with KnowledgeBase(db) as kb:
        report = kb.ingest([short_article(), bad, make_article(5, seed=41)], batch_size=10)
        assert report.stored == 2 and len(report.errors) == 1 and "not stored" in report.errors[0][1]
        assert kb.article("bad-offsets") is None and kb.counts()["articles"] == 2


def _said(id_, day, written, role="", type_="PERSON", quote="Anggaran daerah harus tepat sasaran"):
    body = f'{role + " " if role else ""}{written} berbicara di depan wartawan di Padang. "{quote}," kata {written}.'
    rec = article(id_, body, day, {written: role}, [(quote, written)])
    rec.entities[0].type = type_
    return rec


def test_a_person_once_tagged_as_a_place_is_still_that_person(db):
    with KnowledgeBase(db) as kb:
        kb.ingest([_said("p1", "2025-10-01", "Wulan Pramesti", "Wali Kota"),
                   _said("p2", "2025-10-02", "Wulan Pramesti", type_="LOC", quote="Pasar tradisional kami benahi")])
        entity, quotes, others = kb.query().who("Wulan Pramesti")
        assert [q["article_id"] for q in quotes] == ["p2", "p1"] and others == []


@pytest.mark.parametrize("order", ["long-first", "short-first"])
def test_leading_words_before_a_known_full_name_are_dropped(db, order):
    recs = [_said("l1", "2025-10-01", "Pajak Gilang Ramadhan", quote="Penerimaan naik bulan ini"),
            _said("l2", "2025-10-02", "Gilang Ramadhan", "Direktur Jenderal", quote="Kepatuhan wajib pajak membaik")]
    with KnowledgeBase(db) as kb:
        kb.ingest(recs if order == "long-first" else recs[::-1], batch_size=1)
        entity, quotes, _ = kb.query().who("Gilang Ramadhan")
        assert entity["name"] == "Gilang Ramadhan" and sorted(q["article_id"] for q in quotes) == ["l1", "l2"]


def test_a_one_word_name_goes_to_the_person_far_more_often_reported(db):
    recs = [_said(f"s{i}", f"2025-10-0{i + 1}", "Surya Atmaja", "Menteri", quote=f"Program ke-{i} berjalan baik")
            for i in range(4)]
    recs.append(_said("noise", "2025-10-06", "Kemarin Surya", quote="Jadwal rapat diundur"))
    recs.append(_said("short", "2025-10-07", "Surya", quote="Semua dinas wajib melapor"))
    with KnowledgeBase(db) as kb:
        kb.ingest(recs, batch_size=1)
        entity, quotes, _ = kb.query().who("Surya Atmaja")
        assert "short" in {q["article_id"] for q in quotes} and "noise" not in {q["article_id"] for q in quotes}


def test_a_speaker_tagged_as_a_place_goes_to_the_known_person(db):
    with KnowledgeBase(db) as kb:
        kb.ingest([_said("k1", "2025-10-01", "Lukman Hakim Siregar", "Menteri"),
                   _said("k2", "2025-10-02", "Lukman", type_="LOC", quote="Kami tidak menaikkan tarif")])
        entity, quotes, _ = kb.query().who("Lukman Hakim Siregar")
        assert sorted(q["article_id"] for q in quotes) == ["k1", "k2"]


def test_two_numbers_of_one_sentence_are_two_matters_not_a_disagreement(db):
    def warehouses(id_, day, city):
        sentence = f"Dari 34 gudang logistik di {city}, 30 gudang logistik sudah terisi penuh menjelang musim hujan"
        return article(id_, sentence + ".", day, claims=[{"value": 34, "unit": "gudang", "statement": sentence},
                                                         {"value": 30, "unit": "gudang", "statement": sentence}])
    with KnowledgeBase(db) as kb:
        kb.ingest([warehouses("w1", "2025-10-01", "Kupang"), warehouses("w2", "2025-10-02", "Ende")])
        groups = kb.query().claims(about="gudang logistik")
        assert sorted(tuple(v["value"] for v in g["values"]) for g in groups) == [(30,), (34,)]
        assert [g["n_articles"] for g in groups] == [2, 2] and not any(g["contested"] for g in groups)


# --- the script that gives CI its PostgreSQL ----------------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]


def test_postgres_script_returns_when_it_starts_a_server():
    """`eval "$(scripts/postgres.sh)"` must return once the server is up: a server that inherits the
    command substitution's pipe keeps the caller waiting forever (it once ate a whole CI budget)."""
    if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed under CI: scripts/postgres.sh must have installed it")
        pytest.skip("PostgreSQL is not installed here")
    import shutil
    import tempfile

    # not under tmp_path: as root the server runs as the postgres user, who cannot enter pytest's 0700 dirs
    where = Path(tempfile.mkdtemp(prefix="warta-pg-test-"))
    where.chmod(0o755)
    env = {**os.environ, "WARTA_PG_DIR": str(where / "pg")}
    script = REPO / "scripts" / "postgres.sh"
    start = f'out="$({script})" && eval "$out" && echo "$WARTA_TEST_POSTGRES"'
    try:
        started = subprocess.run(["bash", "-c", start], env=env,
                                 capture_output=True, text=True, timeout=120)
        assert started.returncode == 0, started.stderr
        assert "started on 127.0.0.1" in started.stderr
        url = started.stdout.strip()
        assert url.startswith("postgresql+psycopg://warta@127.0.0.1:")
        engine = create_engine(url)
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT 1")) == 1
        engine.dispose()
        again = subprocess.run(["bash", "-c", start], env=env,
                               capture_output=True, text=True, timeout=60)
        assert again.stdout.strip() == url and "already running" in again.stderr
    finally:
        subprocess.run([str(script), "stop"], env=env, capture_output=True, timeout=60)
        shutil.rmtree(where, ignore_errors=True)
