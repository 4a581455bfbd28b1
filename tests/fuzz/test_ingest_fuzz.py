"""Fuzzing `newsmon ingest` (crawler.ingest.ingest_file): files of good and bad JSON lines, in the
encodings a user's file may have. Every good record is stored, every line is accounted for, and
nothing raises: a bad line is one of the report's bad lines, never the end of the file."""

from __future__ import annotations

import io
import itertools
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.ingest import ERROR, IngestReport, ingest_file
from crawler.relevance.topics import load_topics
from newsmon.core.records import RunStatus
from storage.archive import Archive
from tests.fuzz.strategies import any_text, vi_article, vi_sentence

TOPICS = load_topics()
_IDS = itertools.count()  # one archive for the module: every good record gets a URL of its own


@pytest.fixture(scope="module")
def archive() -> Iterator[Archive]:
    with tempfile.TemporaryDirectory(prefix="newsmon-fuzz-ingest-") as folder:
        arch = Archive(f"sqlite:///{Path(folder) / 'archive.sqlite3'}")
        yield arch
        arch.close()


@st.composite
def good_records(draw: st.DrawFn) -> dict[str, object]:
    """A record with every field of the documented type (optional ones sometimes absent)."""
    title, paras = draw(vi_article())
    # A fixed-width id: a replayed example draws the same lengths (hypothesis checks that).
    record: dict[str, object] = {"url": f"https://fuzz-ingest.vn/bai-{next(_IDS):09d}.html", "title": title}
    if draw(st.booleans()):
        record["body"] = paras
    else:
        record["text"] = "\n\n".join(paras)
    optional = {
        "lead": vi_sentence(),
        "outlet": st.sampled_from(["dantri.com.vn", "fuzz-ingest.vn"]),
        "published": st.sampled_from(["2025-05-09T11:02:00+07:00", "2025-05-09", "2024-01-01T00:00:00Z"]),
        "authors": st.lists(st.sampled_from(["Q.Huy", "Minh Anh", "Trần Văn A"]), max_size=2),
        "tags": st.lists(st.sampled_from(["chuyển đổi số", "chính quyền số"]), max_size=2),
        "section": st.sampled_from(["Số hóa", "Thời sự"]),
        "language": st.just("vi"),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            record[key] = draw(strategy)
    return record


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def bad_lines(draw: st.DrawFn) -> bytes:
    """A line no record can come from, or a record with a field of the wrong kind (issue 15's cases)."""
    kind = draw(st.integers(0, 6))
    if kind == 0:  # any JSON value with random fields
        return json.dumps(draw(_JSON)).encode()
    if kind == 1:  # a good record with one field of a wrong type
        record = draw(good_records())
        field = draw(st.sampled_from(["authors", "outlet", "section", "tags", "published", "title", "url", "body"]))
        record[field] = draw(st.sampled_from([5, ["a", "b"], {"x": 1}, None, "", "not a date", 1.5, True, [[1]]]))
        return json.dumps(record, ensure_ascii=False).encode()
    if kind == 2:  # not JSON: cut short, garbage, a Python repr
        text = json.dumps(draw(good_records()), ensure_ascii=False)
        return text[: draw(st.integers(0, max(0, len(text) - 1)))].encode() or b"{"
    if kind == 3:  # bytes no encoding reads as a record
        return draw(st.binary(min_size=1, max_size=80)).replace(b"\n", b" ").replace(b"\r", b" ")
    if kind == 4:  # deeply nested JSON
        depth = draw(st.sampled_from([100, 1000, 20_000]))
        return b"[" * depth + b"]" * depth
    if kind == 5:  # a record in a legacy encoding, with a bad field
        record = {"url": "https://fuzz-ingest.vn/x.html", "title": "Chuyển đổi số", "body": 7}
        return json.dumps(record, ensure_ascii=False).encode("windows-1252", errors="replace")
    return draw(any_text).replace("\n", " ").replace("\r", " ").encode("utf-8", "surrogatepass")


def _ingest(archive: Archive, content: bytes) -> tuple[IngestReport, int]:
    report = ingest_file(io.BufferedReader(io.BytesIO(content)), archive, TOPICS)
    run = next(r for r in archive.runs(limit=5) if r.id == report.run_id)
    assert run.status == RunStatus.COMPLETED
    return report, report.outcomes[ERROR]


@settings(max_examples=30)
@given(st.lists(st.one_of(good_records().map(lambda r: ("good", r)), bad_lines().map(lambda b: ("bad", b))),
                min_size=1, max_size=8))
def test_every_good_record_of_a_mixed_utf8_file_is_stored(archive: Archive, lines: list[tuple[str, object]]) -> None:
    raw = [json.dumps(x, ensure_ascii=False).encode() if isinstance(x, dict) else bytes(x) for _, x in lines]  # type: ignore[call-overload]
    good = [str(x["url"]) for _, x in lines if isinstance(x, dict)]
    content = b"\n".join(raw) + b"\n"
    report, errors = _ingest(archive, content)
    assert archive.known_urls(good) == set(good)
    nonblank = sum(1 for line in raw if line.strip())
    assert report.stored + errors == nonblank


@settings(max_examples=30)
@given(st.lists(good_records(), min_size=1, max_size=4), st.sampled_from(["utf-8-sig", "utf-16", "utf-16-le",
                                                                          "utf-16-be", "utf-32"]),
       st.sampled_from(["\n", "\r\n"]))
def test_good_records_in_any_unicode_encoding_are_stored(
    archive: Archive, records: list[dict[str, object]], encoding: str, newline: str
) -> None:
    text = newline.join(json.dumps(r, ensure_ascii=False) for r in records) + newline
    report, errors = _ingest(archive, text.encode(encoding))
    urls = [str(r["url"]) for r in records]
    assert errors == 0
    assert archive.known_urls(urls) == set(urls)


@pytest.mark.parametrize("first", [b"\x00", b"x\x00garbage", b"\x00\x00\x00x"])
def test_a_nul_in_the_first_bad_line_does_not_make_the_file_utf16(archive: Archive, first: bytes) -> None:
    url = f"https://fuzz-ingest.vn/nul-{next(_IDS)}.html"
    good = json.dumps({"url": url, "title": "Chuyển đổi số quốc gia", "body": ["Đoạn một có chữ."]}, ensure_ascii=False)
    report, errors = _ingest(archive, first + b"\n" + good.encode() + b"\n")
    assert archive.known_urls([url]) == {url}
