"""warta.sources: files, directories, globs, JSON/JSONL records and decoding (no NLP model needed)."""
from __future__ import annotations

import codecs
import json

from warta.extract import extract
from warta.sources import read_sources
from warta.sources.decode import decode_bytes, looks_binary

ARTICLE = ("Petugas pemadam kebakaran Kota Sukamaju berhasil memadamkan api yang melahap dua rumah warga "
           "di Kelurahan Sindangsari pada Selasa dini hari.")


def test_text_file_first_line_is_the_title(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Dua Rumah Terbakar di Sindangsari\n\n" + ARTICLE + "\n", encoding="utf-8")
    (source,) = read_sources([str(path)])
    ex = extract(source)
    assert ex.title == "Dua Rumah Terbakar di Sindangsari" and ex.text == ARTICLE


def test_directory_and_glob_read_known_suffixes_in_order(tmp_path):
    for name in ("b.txt", "a.txt", "c.json", "skip.bin"):
        (tmp_path / name).write_text("Judul\n" + ARTICLE if name.endswith(".txt") else json.dumps({"text": ARTICLE}))
    origins = [s.origin for s in read_sources([str(tmp_path)])]
    assert [o.rsplit("/", 1)[1] for o in origins] == ["a.txt", "b.txt", "c.json"]
    assert [s.origin.rsplit("/", 1)[1] for s in read_sources([str(tmp_path / "*.txt")])] == ["a.txt", "b.txt"]


def test_json_array_and_jsonl_records_keep_their_fields(tmp_path):
    rec = {"id": "x1", "url": "https://contoh.id/berita/1", "title": "Kebakaran", "published": "2025-10-21T20:43",
           "text": ARTICLE}
    (tmp_path / "arr.json").write_text(json.dumps([rec, {"id": "x2", "text": ARTICLE}]))
    (tmp_path / "lines.jsonl").write_text(json.dumps(rec) + "\n\n" + json.dumps({"html": "<p>" + ARTICLE + "</p>"}))
    arr = list(read_sources([str(tmp_path / "arr.json")]))
    assert [s.id for s in arr] == ["x1", "x2"] and arr[0].origin.endswith("arr.json[0]")
    lines = list(read_sources([str(tmp_path / "lines.jsonl")]))
    assert lines[0].published == "2025-10-21T20:43" and lines[0].url == rec["url"]
    assert lines[1].html is not None and lines[1].origin.endswith("lines.jsonl:3")
    assert extract(lines[0]).published == "2025-10-21T20:43"  # JSON records keep their given date


def test_windows_1252_page_is_decoded_right(tmp_path):
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
            '<title>Kafe Baru</title></head><body><article><p>Kafe “Café Léa” dibuka di Jalan Merdeka, kata '
            'pemiliknya, Sari Wulandari, kepada wartawan pada Sabtu sore.</p><p>' + ARTICLE + '</p></article>'
            '</body></html>')
    path = tmp_path / "cp.html"
    path.write_bytes(page.encode("cp1252"))
    (source,) = read_sources([str(path)])
    assert "“Café Léa”" in source.html
    assert "“Café Léa”" in extract(source).text


def test_page_declared_latin1_but_saved_as_utf8():
    page = '<meta charset="iso-8859-1"><p>KapanLagi.com® – “kutipan”</p>'.encode("utf-8")
    assert "KapanLagi.com® – “kutipan”" in decode_bytes(page, html=True)


def test_latin1_label_means_windows_1252():
    page = '<meta charset="iso-8859-1"><p>“kutipan”</p>'.encode("cp1252")
    assert "“kutipan”" in decode_bytes(page, html=True)


def test_boms_and_binary_detection():
    assert decode_bytes(codecs.BOM_UTF16_LE + "Berita hari ini".encode("utf-16-le")) == "Berita hari ini"
    assert decode_bytes(codecs.BOM_UTF8 + "Berita".encode()) == "Berita"
    assert looks_binary(b"%PDF-1.7\n" + bytes(range(256)))
    assert not looks_binary(("Kalimat biasa. " * 100).encode() + b"\x00")  # one stray NUL is not binary


def test_html_by_content_when_the_suffix_is_unknown(tmp_path):
    path = tmp_path / "page.unknown"
    path.write_text("<!DOCTYPE html><html><body><p>" + ARTICLE + "</p></body></html>")
    (source,) = read_sources([str(path)])
    assert source.html is not None and source.text is None


# ---- feeds, sitemaps, WARC ------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Warta Sukamaju</title>
<item><title>Dua Rumah Terbakar di Sindangsari</title><link>https://contoh.id/berita/1</link>
<pubDate>Tue, 21 Oct 2025 13:43:00 +0000</pubDate>
<description><![CDATA[<p>{a}</p><p>Baca juga: Harga Beras Naik di Tiga Provinsi</p>]]></description></item>
<item><title>Tanpa Isi</title><link>https://contoh.id/berita/2</link></item>
</channel></rss>""".format(a=ARTICLE)

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Warta</title>
<entry><title>Banjir Surut</title><link href="https://contoh.id/berita/3"/><id>tag:contoh.id,2025:3</id>
<updated>2025-10-22T08:00:00Z</updated><content type="html">&lt;p&gt;{a}&lt;/p&gt;</content></entry>
</feed>""".format(a=ARTICLE)


def test_rss_feed_one_document_per_entry_with_content(tmp_path):
    (tmp_path / "kanal.rss").write_text(RSS)
    docs = list(read_sources([str(tmp_path / "kanal.rss")]))
    assert len(docs) == 2
    first, second = docs
    assert first.url == "https://contoh.id/berita/1" and first.title == "Dua Rumah Terbakar di Sindangsari"
    assert first.published == "2025-10-21T13:43" and first.origin.endswith("kanal.rss#1")
    ex = extract(first)
    assert ex.text == ARTICLE and [r.title for r in ex.related] == ["Harga Beras Naik di Tiga Provinsi"]
    assert second.error and "no content" in second.error and second.url == "https://contoh.id/berita/2"


def test_atom_feed_as_xml_is_sniffed(tmp_path):
    (tmp_path / "atom.xml").write_text(ATOM)
    (doc,) = read_sources([str(tmp_path / "atom.xml")])
    assert doc.title == "Banjir Surut" and doc.published == "2025-10-22T08:00"
    assert extract(doc).text == ARTICLE


def test_sitemap_urls_error_without_network_unless_a_local_copy_exists(tmp_path):
    sitemap = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               '<url><loc>https://contoh.id/berita/kebakaran.html</loc><lastmod>2025-10-21</lastmod></url>'
               '<url><loc>https://contoh.id/berita/lain.html</loc></url></urlset>')
    (tmp_path / "sitemap.xml").write_text(sitemap)
    mirror = tmp_path / "contoh.id" / "berita"
    mirror.mkdir(parents=True)
    (mirror / "kebakaran.html").write_text("<html><body><article><p>" + ARTICLE + "</p></article></body></html>")
    local, remote = read_sources([str(tmp_path / "sitemap.xml")])
    assert local.error is None and local.url == "https://contoh.id/berita/kebakaran.html"
    assert extract(local).text == ARTICLE
    assert remote.url == "https://contoh.id/berita/lain.html" and "not fetched" in remote.error


def test_xml_that_is_neither_feed_nor_sitemap(tmp_path):
    (tmp_path / "data.xml").write_text('<?xml version="1.0"?><catalog><book>Judul</book></catalog>')
    (doc,) = read_sources([str(tmp_path / "data.xml")])
    assert "neither" in doc.error


def _write_warc(path, pages, gz=True):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for url, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body),
                                                          http_headers=headers))


def test_warc_html_responses_become_documents(tmp_path):
    page = ("<html><body><article><p>" + ARTICLE + "</p></article></body></html>").encode("cp1252")
    path = tmp_path / "arsip.warc.gz"
    _write_warc(path, [("https://contoh.id/a", "text/html; charset=windows-1252", page),
                       ("https://contoh.id/logo.png", "image/png", b"\x89PNG\r\n"),
                       ("https://contoh.id/b", "text/html", page)])
    docs = list(read_sources([str(path)]))
    assert [d.url for d in docs] == ["https://contoh.id/a", "https://contoh.id/b"]
    assert all(d.error is None for d in docs) and extract(docs[0]).text == ARTICLE


def test_damaged_warc_keeps_the_records_before_the_damage(tmp_path):
    page = ("<html><body><article><p>" + ARTICLE + "</p></article></body></html>").encode()
    path = tmp_path / "rusak.warc"
    _write_warc(path, [("https://contoh.id/a", "text/html", page), ("https://contoh.id/b", "text/html", page)],
                gz=False)
    data = path.read_bytes()
    second = data.index(b"WARC/1", 10)
    path.write_bytes(data[:second] + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nterpotong")
    docs = list(read_sources([str(path)]))
    assert docs[0].url == "https://contoh.id/a" and docs[0].error is None
    assert len(docs) == 2 and "damaged" in docs[1].error
    (tmp_path / "bukan.warc").write_bytes(b"ini bukan arsip warc sama sekali\n" * 10)
    (doc,) = read_sources([str(tmp_path / "bukan.warc")])
    assert doc.error and ("damaged" in doc.error or "not a WARC" in doc.error)


def test_stdin_feed_is_sniffed(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ATOM.encode())))
    (doc,) = read_sources(["-"])
    assert doc.origin == "<stdin>#1" and doc.title == "Banjir Surut"
