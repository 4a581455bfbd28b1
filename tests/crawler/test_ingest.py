"""`newsmon ingest` records: fields checked one by one, HTML fragments read as text."""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.clean.fragment import fragment_paragraphs, fragment_text
from crawler.ingest import ERROR, IngestError, Line, ingest_lines, parse_line, read_lines, record_to_article
from crawler.relevance.topics import load_topics
from newsmon.core.records import Article, Relevance, RunStatus
from storage.archive import Archive


def test_html_body_becomes_paragraphs_and_entities_resolve() -> None:
    article = record_to_article(
        {
            "url": "https://example.vn/a.html",
            "title": "Đà Nẵng &amp; Huế nhận giải <b>Thành phố thông minh</b>",
            "text": "<p>Đoạn một&nbsp;có&#32;chữ.</p><p>Đoạn <i>hai</i>.<br>Dòng ba</p><script>x()</script>",
        },
        1,
    )
    assert article.title == "Đà Nẵng & Huế nhận giải Thành phố thông minh"
    assert article.body == ["Đoạn một\u00a0có chữ.", "Đoạn hai.", "Dòng ba"]


def test_plain_text_is_kept_as_given() -> None:
    text = "R&D tăng 5% khi a < b và b > c\nDòng hai"
    assert fragment_text(text) == text
    assert fragment_paragraphs(text) == ["R&D tăng 5% khi a < b và b > c", "Dòng hai"]
    article = record_to_article({"url": "https://example.vn/b.html", "title": "A < B", "body": ["x & y"]}, 2)
    assert (article.title, article.body) == ("A < B", ["x & y"])


def test_bad_records_name_their_line() -> None:
    with pytest.raises(IngestError, match="line 7: needs a 'title'"):
        record_to_article({"url": "https://example.vn/c.html", "title": "  "}, 7)
    with pytest.raises(IngestError, match="line 8: not a JSON object"):
        record_to_article([1, 2], 8)


# ---- issue 15: every line judged alone -----------------------------------------------------------
GOOD = {"url": "https://example.vn/ok.html", "title": "Tiêu đề", "text": "Một đoạn văn."}
TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """Vietnamese in windows-1258 as Windows writes it: base letters precomposed, tones as combining marks."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out += (base + "".join(c for c in parts if c in TONES)).encode("cp1258")
    return out


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"authors": 5}, "authors: expected a list of strings, got a number"),
        ({"authors": ["An", 3]}, "authors: expected a list of strings, got a list"),
        ({"tags": {"a": 1}}, "tags: expected a list of strings, got an object"),
        ({"outlet": ["dantri.com.vn"]}, "outlet: expected a string, got a list"),
        ({"section": {"name": "Thời sự"}}, "section: expected a string, got an object"),
        ({"language": True}, "language: expected a string, got true/false"),
        ({"language": "x" * 17}, "language: longer than 16 characters"),
        ({"lead": 3}, "lead: expected a string, got a number"),
        ({"published": 20231115}, "published: expected an ISO date string, got a number"),
        ({"published": "hôm qua"}, "'published' is not an ISO date"),
        ({"published": "0001-01-01T00:00:00+07:00"}, "'published' is not an ISO date"),
        ({"url": "https://"}, "url: not a valid http(s) URL"),
        ({"url": "https://exa mple.vn/a"}, "url: not a valid http(s) URL"),
        ({"url": "https://[::1/a"}, "url: not a valid http(s) URL"),
        ({"body": "x", "text": None, "title": None}, "needs a 'title'"),
    ],
)
def test_a_field_of_the_wrong_type_names_the_field(fields: dict[str, object], reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        record_to_article({**GOOD, **fields}, 3)
    assert caught.value.line_no == 3 and reason in caught.value.reason


def test_an_authors_string_is_one_author_or_a_byline_never_characters() -> None:
    def authors(value: object) -> list[str]:
        return record_to_article({**GOOD, "authors": value}, 1).authors

    assert authors("Nguyễn An") == ["Nguyễn An"]
    assert authors("Nguyễn An, Trần Bình") == ["Nguyễn An", "Trần Bình"]
    assert authors("Bài và ảnh: Minh Anh và Quốc Huy") == ["Minh Anh", "Quốc Huy"]
    assert authors("reuters staff") == ["reuters staff"]
    assert authors(["Nguyễn An", " ", "Trần Bình"]) == ["Nguyễn An", "Trần Bình"]
    assert authors("") == [] and authors(None) == []
    assert record_to_article({**GOOD, "tags": "chuyển đổi số, chính phủ số"}, 1).tags == [
        "chuyển đổi số",
        "chính phủ số",
    ]


def test_not_json_and_deep_nesting_are_bad_lines() -> None:
    with pytest.raises(IngestError, match="line 4: not JSON: Expecting value at column 1"):
        parse_line("nope", 4)
    with pytest.raises(IngestError, match="line 5: not JSON: nested too deeply"):
        parse_line("[" * 100_000, 5)
    with pytest.raises(IngestError, match="line 6: not JSON"):
        parse_line('{"n": ' + "9" * 5000 + "}", 6)  # past Python's int digit limit
    # Markup nested 1,000 deep is read (crawler.clean.fragment's cost grows with the square of the depth).
    assert parse_line(json.dumps({**GOOD, "text": "<div>" * 1000 + "x"}), 7).body == ["x"]


def test_text_is_made_safe_to_store() -> None:
    article = parse_line(json.dumps({**GOOD, "title": "A\u0000B \ud800 C", "section": "Th\u0007ời sự"}), 1)
    assert article.title == "AB \ufffd C" and article.section == "Thời sự"


def _lines(data: bytes) -> tuple[str, list[Line]]:
    encoding, lines = read_lines(io.BufferedReader(io.BytesIO(data)))
    return encoding, list(lines)


@pytest.mark.parametrize(
    ("prefix", "codec", "detected"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
        (b"", "utf-16-le", "utf-16-le"),  # no BOM: the NUL pattern of the first characters (as json.loads reads)
    ],
)
def test_the_whole_file_encoding_comes_from_its_first_bytes(prefix: bytes, codec: str, detected: str) -> None:
    text = json.dumps(GOOD, ensure_ascii=False) + "\n" + json.dumps({**GOOD, "title": "Hai"}, ensure_ascii=False)
    encoding, lines = _lines(prefix + text.encode(codec))
    assert encoding == detected
    assert [parse_line(line.text or "", line.number).title for line in lines] == ["Tiêu đề", "Hai"]


def test_a_line_not_in_utf8_is_read_as_windows_1258_then_1252() -> None:
    vietnamese = windows_1258(json.dumps({**GOOD, "title": "Việt Nam chuyển đổi số"}, ensure_ascii=False))
    western = b'{"url": "https://example.vn/w.html", "title": "Caf\xe9 \x8a", "text": "x"}'  # no 0x8a in windows-1258
    undecodable = b'{"x": "\x81\x8d\x8f\x90\x9d"}'
    _, lines = _lines(json.dumps(GOOD).encode() + b"\n" + vietnamese + b"\n" + western + b"\n" + undecodable + b"\n")
    assert [line.encoding for line in lines[:3]] == ["utf-8", "windows-1258", "windows-1252"]
    assert parse_line(lines[1].text or "", 2).title == "Việt Nam chuyển đổi số"
    assert parse_line(lines[2].text or "", 3).title == "Café Š"
    assert lines[3].text is None


class _Topics:
    """Default topics; a record titled "boom" raises what `fail_with` gives, like a bug or Ctrl-C."""

    def __init__(self, fail_with: BaseException | None = None) -> None:
        self.topics = load_topics()
        self.fail_with = fail_with

    def evaluate(self, article: Article) -> Relevance:
        if self.fail_with is not None and article.title == "boom":
            raise self.fail_with
        return self.topics.evaluate(article)


def _record(n: int, **fields: object) -> str:
    return json.dumps({**GOOD, "url": f"https://example.vn/{n}.html", "title": f"Bài {n}", **fields})


def test_a_file_mixing_good_and_bad_lines_stores_every_good_one(archive: Archive) -> None:
    lines = [_record(1), _record(2, authors=5), "{broken", _record(4, outlet=["x"]), "", _record(6), "[1]", _record(8)]
    report = ingest_lines(lines, archive, _Topics())
    assert report.stored == 3 and report.outcomes[ERROR] == 4
    judged = [(bad.number, bad.reason.split(":")[0]) for bad in report.bad]
    assert judged == [(2, "authors"), (3, "not JSON"), (4, "outlet"), (7, "not a JSON object")]
    urls = {row["url"] for row in archive.search(None, include_all=True, limit=50)}
    assert urls == {f"https://example.vn/{n}.html" for n in (1, 6, 8)}
    (run,) = archive.runs()
    assert run.status == RunStatus.COMPLETED and run.errors == 4 and run.finished_at is not None
    assert run.error_log[0] == "line 2: authors: expected a list of strings, got a number"


@pytest.mark.parametrize(
    ("failure", "status"),
    [(RuntimeError("a bug"), RunStatus.FAILED), (KeyboardInterrupt(), RunStatus.INTERRUPTED)],
)
def test_the_run_row_ends_even_when_the_ingest_stops(
    archive: Archive, failure: BaseException, status: RunStatus
) -> None:
    lines = [_record(1), _record(2, title="boom"), _record(3)]
    with pytest.raises(type(failure)):
        ingest_lines(lines, archive, _Topics(failure))
    (run,) = archive.runs()
    assert run.status == status and run.finished_at is not None
    assert run.finish_reason == "stopped at line 2" and "line 2: stopped by" in run.error_log[-1]
    assert [row["url"] for row in archive.search(None, include_all=True)] == ["https://example.vn/1.html"]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_FIELDS = ("url", "title", "text", "body", "lead", "outlet", "section", "language", "authors", "tags", "published")


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(_FIELDS), _JSON, max_size=8), st.booleans())
def test_any_json_record_is_an_article_or_a_named_bad_line(fields: dict[str, object], keep_good: bool) -> None:
    record = {**GOOD, **fields} if keep_good else fields
    try:
        article = parse_line(json.dumps(record), 9)
    except IngestError as exc:
        assert exc.line_no == 9 and exc.reason
        return
    assert article.url.startswith(("http://", "https://")) and article.title


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_decode_to_a_line_or_a_named_failure(raw: bytes) -> None:
    _, lines = _lines(raw)
    for line in lines:
        if line.text is not None:
            with contextlib.suppress(IngestError):
                parse_line(line.text, line.number)


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=40))
def test_valid_records_are_never_lost(title: str) -> None:
    """A record with a URL and a visible title and body always parses (hypothesis picks the title)."""
    if not any(c.isalnum() for c in title) or "<" in title or "&" in title:
        return
    article = parse_line(json.dumps({"url": "https://example.vn/x.html", "title": title, "text": "Đoạn."}), 1)
    assert article.title


def test_a_deeply_nested_fragment_reads_in_linear_work() -> None:
    """50,000 nested blocks (bs4 node insertion was quadratic in the depth: minutes) read like one."""
    deep = "<div>" * 50_000 + "<p>Đoạn văn sâu.</p>" + "</div>" * 50_000 + "<p>Đoạn sau.</p>"
    assert fragment_paragraphs(deep) == ["Đoạn văn sâu.", "Đoạn sau."]
    assert fragment_paragraphs("<p>Một &amp; hai</p><div>ba<br>bốn<!-- chú thích --></div><li>x</li>") == [
        "Một & hai",
        "ba",
        "bốn",
        "x",
    ]
