"""warta's Indonesian portal layer on the DOM, before trafilatura.

Takes out of the page what is metadata and would otherwise leak into (or be lost from) the text:
blocks of related links (their titles go to `related`), credit lines and bylines (authors,
editors), and reads the headline and the visible date line. Class names and labels come from
data/portals.toml ([html] and [related]); nothing here names a single page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree, html as lxml_html

from warta.extract.dates import parse_iso, parse_visible
from warta.extract.portals import credit_segments, portal, split_names
from warta.record import Related
from warta.data import load_toml

_WS = re.compile(r"\s+")
_DOMAIN = re.compile(r"\w\.(?:com|co|id|net|org|tv)\b", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "form", "button", "select", "textarea")


@dataclass
class HtmlRules:
    related_class: re.Pattern
    block_label: re.Pattern
    credit_class: re.Pattern
    skip_class: re.Pattern
    date_class: re.Pattern
    date_skip_class: re.Pattern
    not_person_words: frozenset[str]
    title_class: re.Pattern
    title_separators: list[str]
    credit_word: re.Pattern  # a bare label ("Editor", "Jurnalis:", "By")


@lru_cache(maxsize=1)
def rules() -> HtmlRules:
    raw = load_toml("portals.toml")
    h, rel, cr = raw["html"], raw["related"], raw["credits"]
    labels = sorted(set(h["block_labels"]) | set(rel["colon_labels"]), key=len, reverse=True)
    words = sorted(set(cr["editor_labels"]) | set(cr["author_labels"]) | {"By"}, key=len, reverse=True)
    return HtmlRules(
        related_class=re.compile(h["related_class"], re.I),
        block_label=re.compile(r"^(?:" + "|".join(re.escape(x) for x in labels) + r")\s*[:!.]*$", re.I),
        credit_class=re.compile(h["credit_class"], re.I),
        skip_class=re.compile(h["skip_class"], re.I),
        date_class=re.compile(h["date_class"], re.I),
        date_skip_class=re.compile(h["date_skip_class"], re.I),
        not_person_words=frozenset(w.lower() for w in h["not_person_words"]),
        title_class=re.compile(h["title_class"], re.I),
        title_separators=list(h["title_separators"]),
        credit_word=re.compile(r"^(?P<w>" + "|".join(re.escape(x) for x in words) + r")\.?\s*:?$", re.I),
    )


def text_of(el) -> str:
    return _WS.sub(" ", el.text_content()).strip()


def _attrs(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def parse_html(html: str):
    """An lxml tree for any string that may be HTML (truncated, deeply nested, NULs...)."""
    html = _XML_DECL.sub("", html.replace("\x00", ""), count=1)
    parser = lxml_html.HTMLParser(recover=True, remove_comments=True, remove_pis=True, default_doctype=False)
    try:
        tree = lxml_html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    return tree


def remove_keep_tail(el) -> None:
    """Remove an element but keep the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


@dataclass
class PageInfo:
    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    site_name: str | None = None
    meta_author: str | None = None
    url: str | None = None
    #: bold dateline prefixes ("<strong>Jakarta</strong> -") with the text of their paragraph
    dateline_candidates: list[tuple[str, str]] = field(default_factory=list)


def prepare(tree) -> PageInfo:
    """Read the page's metadata and take related blocks and credits out of the tree, in place."""
    info = PageInfo()
    body = tree.find("body")
    if body is None:
        body = tree
    for bad in list(body.iter(*_DROP_TAGS)):
        remove_keep_tail(bad)
    for el in list(body.iter()):
        if isinstance(el.tag, str) and (el.get("hidden") is not None or _HIDDEN.search(el.get("style") or "")):
            if not _holds_prose(el):  # a hidden "read more" part of the article stays
                remove_keep_tail(el)
    info.title, title_el = page_title(tree, body)
    info.published, date_el = page_date(body)
    if (not info.published or "T" not in info.published) and title_el is not None:
        near, near_el = date_near(body, title_el)
        if near and (not info.published or near.startswith(info.published)):
            info.published, date_el = near, near_el
    if date_el is not None and len(text_of(date_el)) <= 80:
        remove_keep_tail(date_el)
    _wrap_loose_text(body)
    info.dateline_candidates = _dateline_candidates(body)
    info.site_name = _meta(tree, "og:site_name")
    info.meta_author = _meta(tree, "author", "article:author", "dc.creator")
    info.url = _canonical(tree)
    _take_related(body, info)
    _take_credits(body, info)
    return info


def _holds_prose(el) -> bool:
    """Two or more paragraphs of running text (not a list of links)."""
    long_paras = 0
    for p in el.iter("p"):
        if _nonlink_len(p) > 120:
            long_paras += 1
            if long_paras >= 2:
                return True
    return False


# ---- title -------------------------------------------------------------------------------------

def _meta(tree, *names: str) -> str | None:
    for name in names:
        for m in tree.iter("meta"):
            if (m.get("property") or m.get("name") or "").lower() == name:
                value = _WS.sub(" ", m.get("content") or "").strip()
                if value:
                    return value
    return None


def _canonical(tree) -> str | None:
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and (link.get("href") or "").startswith("http"):
            return link.get("href").strip()
    url = _meta(tree, "og:url")
    return url if url and url.startswith("http") else None


def _norm(s: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", s.lower()).split())


def page_title(tree, body):
    """The headline (and its element): the heading that <title>/og:title also carries; else <title>
    without the site name."""
    metas = [t for t in (_meta(tree, "og:title"), _meta(tree, "twitter:title"), _meta(tree, "title")) if t]
    head_title = tree.find(".//title")
    if head_title is not None and text_of(head_title):
        metas.append(text_of(head_title))
    r = rules()
    best, best_el = None, None
    nmetas = [_norm(m) for m in metas]
    stripped = [_norm(_strip_site(m, r)) for m in metas]
    stripped = [x for x in stripped if len(x) > 15]
    site_parts = {_norm(part) for m in metas for part in _site_parts(m, r)} - {""}
    n = 0
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in ("h1", "h2") or (el.tag in ("div", "span", "h3", "p", "strong")
                                       and r.title_class.search(_attrs(el))):
            n += 1
            if n > 400:
                break
            text = text_of(el) if len(el) < 20 else ""
            if not 8 <= len(text) <= 300:
                continue
            nt = _norm(text)
            if not nt:
                continue
            if any(sp in nt for sp in site_parts):
                continue  # "Judul - Health :: Okezone Lifestyle": a copy of <title>, not the headline
            if any(nt in m for m in nmetas) or any(x in nt for x in stripped):
                if best is None or len(text) > len(best):
                    best, best_el = text, el
    if best:
        return best, best_el
    return (_strip_site(metas[0], r) if metas else None), None


def _site_parts(title: str, r: HtmlRules) -> list[str]:
    """The parts of a <title> that are not the headline ('Health', 'Okezone Lifestyle')."""
    main = _strip_site(title, r)
    parts = [title]
    for sep in r.title_separators:
        parts = [p for part in parts for p in part.split(sep)]
    return [p.strip() for p in parts if p.strip() and p.strip() != main and len(p.strip()) >= 4
            and _norm(p) not in _norm(main)]


def _strip_site(title: str, r: HtmlRules) -> str:
    """'Judul - Kompas.com' -> 'Judul'; 'KapanLagi.com: Judul' -> 'Judul' (the longest part)."""
    parts = [title]
    for sep in r.title_separators:
        parts = [p for part in parts for p in part.split(sep)]
    parts = [p.strip() for p in parts if p.strip()]
    return max(parts, key=len) if parts else title


# ---- date --------------------------------------------------------------------------------------

def page_date(body):
    """The first visible date line with a time (or a <time datetime>), and its element."""
    r = rules()
    date_only, first_el = None, None
    for n, el in enumerate(el for el in body.iter() if isinstance(el.tag, str)):
        if n > 5000:
            break
        if el.tag != "time" and not (r.date_class.search(_attrs(el)) or el.get("itemprop") == "datePublished"):
            continue
        if len(el) > 10 or any(r.date_skip_class.search(_attrs(a)) for a in el.iterancestors()):
            continue
        text = text_of(el)
        value = parse_visible(text) or parse_iso(el.get("datetime") or el.get("content") or "")
        if value and "T" in value:
            return value, el
        if value and date_only is None:
            date_only, first_el = value, el
    return date_only, first_el


def date_near(body, title_el, window: int = 60):
    """A visible date line with a time among the elements that follow the headline."""
    seen = False
    n = 0
    for el in body.iter():
        if el is title_el:
            seen = True
            continue
        if not seen or not isinstance(el.tag, str):
            continue
        n += 1
        if n > window:
            break
        if len(el) > 6:
            continue
        text = text_of(el)
        if 8 <= len(text) <= 80:
            value = parse_visible(text)
            if value and "T" in value:
                return value, el
    return None, None


# ---- related blocks ----------------------------------------------------------------------------

def _link_title(a) -> str:
    title = text_of(a) or _WS.sub(" ", a.get("title") or "").strip()
    return title


class _Link(str):
    """A link title that remembers its href."""
    url: str | None = None


def _link(a) -> _Link:
    link = _Link(_link_title(a))
    href = (a.get("href") or "").strip()
    link.url = href if href.startswith(("http://", "https://", "/")) and len(href) < 500 else None
    return link


def _links(el) -> list[_Link]:
    out = []
    for a in el.iter("a"):
        t = _link(a)
        if len(t) >= 12 and " " in t and len(t) <= 250:
            out.append(t)
    return out


def _link_len(el) -> int:
    return sum(len(text_of(a)) for a in el.iter("a"))


def _nonlink_len(el) -> int:
    total = len(text_of(el))
    links = sum(len(text_of(a)) for a in el.iter("a"))
    return total - links


def _take_related(body, info: PageInfo) -> None:
    r = rules()
    seen = {x.title.lower() for x in info.related}

    def add(label: str, titles: list[str]) -> None:
        for t in titles:
            if t.lower() not in seen:
                seen.add(t.lower())
                info.related.append(Related(label=label, title=str(t), url=getattr(t, "url", None)))

    # 1. blocks headed by a label ("Baca Juga", "Jangan Lewatkan", "FOTO TERKAIT:")
    for el in list(body.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        own = (el.text or "").strip()
        if not own or len(own) > 40 or not r.block_label.match(own) or len(text_of(el)) > 45:
            continue
        label = own.rstrip(":!. ")
        _take_block_after_label(el, label, add)
    # 2. blocks marked by their class ("terkait", "related", "baca-juga")
    for el in list(body.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None or el.tag in ("body", "html"):
            continue
        if not r.related_class.search(_attrs(el)):
            continue
        titles = _links(el)
        if not titles:
            continue
        nonlink = _nonlink_len(el)
        if nonlink > 400 or nonlink > 2 * _link_len(el):
            continue
        label = _block_heading(el) or "Berita Terkait"
        add(label, titles)
        remove_keep_tail(el)


def _block_heading(el) -> str | None:
    r = rules()
    for sub in el.iter():
        own = (sub.text or "").strip() if isinstance(sub.tag, str) else ""
        if own and r.block_label.match(own):
            return own.rstrip(":!. ")
    return None


def _take_block_after_label(label_el, label: str, add) -> None:
    # walk up to the first ancestor that holds links besides the label
    child, node = label_el, label_el.getparent()
    while node is not None and node.tag not in ("body", "html") and not _links(node):
        child, node = node, node.getparent()
    if node is None or node.tag in ("html",):
        return
    nonlink = _nonlink_len(node) - len(text_of(label_el))
    if node.tag != "body" and nonlink <= 300 and nonlink <= _link_len(node):
        titles = _links(node)
        if titles:
            add(label, titles)
            remove_keep_tail(node)
        return
    # the label sits in a larger container (the article body): take the link siblings after it
    taken = [child]
    sib = child.getnext()
    titles: list[str] = []
    while sib is not None:
        if not isinstance(sib.tag, str):
            sib = sib.getnext()
            continue
        if sib.tag == "br" or (not text_of(sib) and sib.tag not in ("img",)):
            taken.append(sib)
        elif sib.tag == "a" or (_links(sib) and _nonlink_len(sib) <= 60):
            titles += [_link(sib)] if sib.tag == "a" else _links(sib)
            taken.append(sib)
        else:
            break
        if sib.tail and sib.tail.strip():
            break
        sib = sib.getnext()
    titles = [t for t in titles if len(t) >= 12]
    if not titles:
        return
    add(label, titles)
    for el in taken:
        remove_keep_tail(el)


# ---- credits -----------------------------------------------------------------------------------

def _take_credits(body, info: PageInfo) -> None:
    r = rules()
    # labelled credit lines in small elements: "Editor: X", "Pewarta: X", table rows "Penulis | : X"
    done = set()
    for el in list(body.iter("p", "div", "span", "tr", "li", "td", "small", "strong", "em", "b", "dd")):
        if len(el) > 12 or el.getparent() is None or (done and any(a in done for a in el.iterancestors())):
            continue
        text = text_of(el)
        if not text or len(text) > 160:
            continue
        segments = credit_segments(text)
        if not segments:
            continue
        for role, names in segments:
            if role != "drop":
                _add(info.editors if role == "editor" else info.authors, names)
        done.add(el)
        remove_keep_tail(el)
    # bylines and credit boxes marked by class: label words set the role of the names around them
    marked = [el for el in body.iter() if isinstance(el.tag, str) and r.credit_class.search(_attrs(el))]
    for el in marked:
        if el.getparent() is None:
            continue
        attrs = _attrs(el)
        if any(r.credit_class.search(_attrs(a)) or r.skip_class.search(_attrs(a)) for a in el.iterancestors()):
            continue
        if r.skip_class.search(attrs):
            continue
        if len(text_of(el)) > 300:
            continue
        default = "editor" if re.search(r"editor|redaktur|\bred\b", attrs, re.I) else "author"
        _read_byline(el, default, info)
        remove_keep_tail(el)


def _read_byline(el, default: str, info: PageInfo) -> None:
    p, r = portal(), rules()
    role, pending = None, []
    for piece in el.itertext():
        piece = _WS.sub(" ", piece).strip(" |·•")
        if not piece:
            continue
        m = r.credit_word.match(piece)
        if m:
            w = m.group("w").lower()
            new_role = "editor" if w in p.editor_labels else "author"
            if role is None and pending:  # "Dewi Kania / Jurnalis": the label after the name
                _add(info.editors if new_role == "editor" else info.authors, pending)
                pending = []
            role = new_role
            continue
        segments = credit_segments(piece)
        if segments:
            for role_, names in segments:
                if role_ != "drop":
                    _add(info.editors if role_ == "editor" else info.authors, names)
            continue
        if "/" in piece or _DOMAIN.search(piece):  # "KOMPAS.COM/NAMA": a photo credit
            continue
        piece = re.sub(r"\s+[-–—]\s+\S+$", "", piece)  # "Nama - detikinet"
        if piece.startswith(("-", "–", "—")) or any(c.isdigit() for c in piece) or len(piece) > 60:
            continue
        names = [n for n in split_names(piece) if _name_like(n)]
        if role is None:
            pending += names
        else:
            _add(info.editors if role == "editor" else info.authors, names)
    if pending:
        _add(info.editors if default == "editor" else info.authors, pending)


def _name_like(s: str) -> bool:
    words = s.split()
    return 1 <= len(words) <= 5 and s[0].isalpha() and not s.lower().startswith(("http", "www"))


def _add(names: list[str], new: list[str]) -> None:
    for n in new:
        if n.lower() not in {x.lower() for x in names}:
            names.append(n)


# ---- structure ---------------------------------------------------------------------------------

_BLOCK = {"p", "div", "section", "article", "table", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
          "figure", "aside", "header", "footer", "nav", "dl", "pre", "form", "center"}


def _wrap_loose_text(body) -> None:
    """Text written straight into a <div> beside <p> children becomes a <p> of its own, so that
    trafilatura keeps it ('Kapanlagi.com - Nama, ...' before the first <p>)."""
    for div in list(body.iter("div", "td", "article", "section")):
        children = list(div)
        if len(children) > 400 or not any(isinstance(c.tag, str) and c.tag in ("p", "br") for c in children):
            continue
        if len((div.text or "").strip()) + sum(len((c.tail or "").strip()) for c in children) < 40:
            continue
        runs: list[list] = [[]]  # runs of inline content between block children; runs[0] holds the lead text
        for c in children:
            if isinstance(c.tag, str) and c.tag in _BLOCK:
                runs.append([])
            else:
                runs[-1].append(c)
        for i, run in enumerate(runs):
            lead = (div.text or "") if i == 0 else ""
            size = len(lead.strip()) + sum(len(text_of(c)) + len((c.tail or "").strip())
                                           for c in run if isinstance(c.tag, str))
            if size < 40:
                continue
            p = lxml_html.Element("p")
            div.insert(div.index(run[0]) if run else 0, p)
            if lead:
                p.text, div.text = div.text, None
            for c in run:
                p.append(c)  # moves the child with its tail


def _dateline_candidates(body) -> list[tuple[str, str]]:
    """'<strong>Jakarta</strong> -' and the like: bold text whose words and tail form a dateline."""
    p = portal()
    out = []
    for n, el in enumerate(body.iter("strong", "b")):
        if n > 200 or len(out) > 5:
            break
        own = text_of(el)
        if not own or len(own) > 40:
            continue
        prefix = own + (el.tail or "")[:12]
        if any(d.match(" ".join(prefix.split()) + " ") for d in p.datelines):
            parent = el.getparent()
            if parent is not None:
                out.append((" ".join(prefix.split()), text_of(parent)[:600]))
    return out
