"""`newsmon ingest`: JSON-lines records through the same relevance, dedup and store steps as a crawl.

Every line is judged alone: a line that is not JSON, not an object, or has a field of the wrong type
is a `BadLine` (its number and the reason) and the next line is read; one bad line never costs the
others. The run row always ends: completed, or failed / interrupted with the reason.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import ColumnElement

from crawler.clean.authors import split_names
from crawler.clean.fragment import fragment_paragraphs, fragment_text
from crawler.context import TopicRules
from newsmon.core.records import Article, RunStatus, StoreStatus, Trigger
from newsmon.core.text import tidy_text
from newsmon.core.time import LOCAL_TZ
from storage import models as m
from storage.archive import Archive, RunCounts

ERROR = "error"  # the outcome of a line that is no record, next to the StoreStatus values
UTF8 = "utf-8"
# Single-byte encodings tried, in order, for a line that is not UTF-8 (Vietnamese first).
LEGACY_ENCODINGS = ("windows-1258", "windows-1252")
_PROGRESS_EVERY = 200  # lines between run-row updates, so `newsmon status` sees a long ingest move
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")  # never stored: PostgreSQL refuses NUL, lxml all of them
_TAG_SPLIT = re.compile(r"\s*[,;|]\s*")
_SURROGATE = re.compile("[\ud800-\udfff]")  # JSON may escape a lone one; no encoding can store it


class IngestError(ValueError):
    """A record that cannot be ingested; the message names the line."""

    def __init__(self, line_no: int, reason: str) -> None:
        super().__init__(f"line {line_no}: {reason}")
        self.line_no = line_no
        self.reason = reason


@dataclass(frozen=True, slots=True)
class BadLine:
    number: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.number}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the input as text (None: no encoding read it) and the encoding it was read in."""

    number: int
    text: str | None
    encoding: str = UTF8


@dataclass(slots=True)
class IngestReport:
    """What one ingest did: outcomes per StoreStatus (or ERROR), the bad lines, how the text was read."""

    run_id: int
    outcomes: Counter[str] = field(default_factory=Counter)
    bad: list[BadLine] = field(default_factory=list)
    file_encoding: str = UTF8
    legacy_lines: dict[str, list[int]] = field(default_factory=dict)  # encoding -> line numbers

    @property
    def stored(self) -> int:
        return sum(n for key, n in self.outcomes.items() if key != ERROR)


# ---- reading: bytes -> text lines ------------------------------------------------------------------
def read_lines(handle: io.BufferedReader) -> tuple[str, Iterator[Line]]:
    """The file's encoding and its lines.

    The whole file's encoding comes from its first bytes by the JSON standard's own rule (BOM, or the
    NUL pattern of UTF-16/32), as `json.loads` reads bytes. A UTF-8 file is read line by line, so a
    line of another encoding is re-read alone (`_decode_line`) instead of failing the file.
    """
    head = handle.peek(_HEAD_BYTES)[:_HEAD_BYTES]
    encoding: str = json.detect_encoding(head[:4])
    if encoding in _NO_BOM_WIDE and not _reads_as_json_text(head, encoding):
        encoding = UTF8  # NULs in a bad first line, not a UTF-16/32 file: judge the lines one by one
    if encoding == "utf-8-sig":
        handle.read(3)
        return encoding, _utf8_lines(handle)
    if encoding != UTF8:  # UTF-16/32: only whole-file decoding makes sense; bad sequences become U+FFFD
        text = io.TextIOWrapper(handle, encoding=encoding, errors="replace")
        return encoding, (Line(n, line, encoding) for n, line in enumerate(text, 1))
    return encoding, _utf8_lines(handle)


_HEAD_BYTES = 64
_NO_BOM_WIDE = {"utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"}  # json.detect_encoding's BOM-less guesses


def _reads_as_json_text(head: bytes, encoding: str) -> bool:
    """A BOM-less UTF-16/32 guess (from NULs in the first 4 bytes) holds when the head reads as the start
    of JSON lines in it: mostly printable ASCII, as keys, quotes and URLs are. A UTF-8 file whose first
    line has NUL bytes reads as CJK or control characters instead."""
    width = 2 if "16" in encoding else 4
    text = head[: len(head) // width * width].decode(encoding, errors="replace")
    printable = sum(1 for c in text if c.isascii() and (c.isprintable() or c in "\r\n\t"))
    return bool(text) and printable >= 0.9 * len(text)


def _utf8_lines(handle: io.BufferedReader) -> Iterator[Line]:
    for number, raw in enumerate(handle, 1):
        yield _decode_line(number, raw)


def _decode_line(number: int, raw: bytes) -> Line:
    """UTF-8, else the first legacy encoding that reads the line as text whose tone marks all sit on
    a letter (a windows-1258 reading of windows-1252 leaves stray combining marks), else any that reads it."""
    try:
        return Line(number, raw.decode(UTF8), UTF8)
    except UnicodeDecodeError:
        pass
    readings: list[tuple[str, str]] = []
    for encoding in LEGACY_ENCODINGS:
        try:
            readings.append((encoding, unicodedata.normalize("NFC", raw.decode(encoding))))
        except UnicodeDecodeError:
            continue
    clean = [r for r in readings if not any(unicodedata.combining(c) for c in r[1])]
    for encoding, text in clean or readings:
        return Line(number, text, encoding)
    return Line(number, None, "")


# ---- judging: one JSON line -> an Article ----------------------------------------------------------
def _length(column: ColumnElement[Any]) -> int | None:
    return getattr(column.type, "length", None)


# Optional single-string fields and the archive column each is stored in (its length is the limit).
_STRING_FIELDS: dict[str, int | None] = {
    "outlet": _length(m.Outlet.__table__.c.name),
    "language": _length(m.Article.__table__.c.language),
    "section": _length(m.Article.__table__.c.section),
    "source_attribution": _length(m.Article.__table__.c.source_attribution),
}
_URL_LENGTH = _length(m.Article.__table__.c.url)


def _clean(text: str) -> str:
    """Text safe to store: lone surrogates (JSON may escape them) become U+FFFD, control characters go."""
    if not text.isascii():
        text = _SURROGATE.sub("\ufffd", text)
    return _CONTROL.sub("", text)


def _fragment(text: str) -> str:
    return tidy_text(fragment_text(_clean(text)))


def _optional_string(data: dict[str, Any], key: str, line_no: int, limit: int | None) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise IngestError(line_no, f"{key}: expected a string, got {_kind(value)}")
    value = tidy_text(_clean(value))
    if limit is not None and len(value) > limit:
        raise IngestError(line_no, f"{key}: longer than {limit} characters")
    return value or None


def _string_list(data: dict[str, Any], key: str, line_no: int) -> list[str]:
    """A list of strings; one string is one name (authors: split where it is a byline of several)."""
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        text = tidy_text(_clean(value))
        if not text:
            return []
        if key == "authors":
            return split_names(text) or [text]
        return [part for part in _TAG_SPLIT.split(text) if part]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise IngestError(line_no, f"{key}: expected a list of strings, got {_kind(value)}")
    return [text for text in (tidy_text(_clean(item)) for item in value) if text]


def _published(data: dict[str, Any], line_no: int) -> datetime | None:
    value = data.get("published")
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise IngestError(line_no, f"published: expected an ISO date string, got {_kind(value)}")
    try:
        published = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        if published.tzinfo is None:
            published = published.replace(tzinfo=LOCAL_TZ)
        published.astimezone(UTC)  # a year-1 or year-9999 date with an offset cannot be stored
    except (ValueError, OverflowError):
        raise IngestError(line_no, f"'published' is not an ISO date: {value[:60]!r}") from None
    return published


def _url(data: dict[str, Any], line_no: int) -> str:
    url = data.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise IngestError(line_no, "needs an http(s) 'url'")
    try:
        host = urlsplit(url).hostname
    except ValueError:  # e.g. a broken IPv6 literal
        host = None
    if not host or any(c.isspace() or not c.isprintable() for c in url):
        raise IngestError(line_no, f"url: not a valid http(s) URL: {url[:80]!r}")
    if _URL_LENGTH is not None and len(url) > _URL_LENGTH:
        raise IngestError(line_no, f"url: longer than {_URL_LENGTH} characters")
    return url


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false"}.get(
        type(value), "null" if value is None else "a number"
    )


def record_to_article(data: object, line_no: int) -> Article:
    """One parsed JSON line (any JSON value: it is checked here) as an Article, or an IngestError."""
    if not isinstance(data, dict):
        raise IngestError(line_no, "not a JSON object")
    url, title = _url(data, line_no), data.get("title")
    if not isinstance(title, str) or not _fragment(title):
        raise IngestError(line_no, "needs a 'title'")
    body = data.get("body")
    if body is None:
        body = data.get("text")
    if isinstance(body, str):
        body = fragment_paragraphs(_clean(body))
    if not isinstance(body, list) or not all(isinstance(p, str) for p in body):
        raise IngestError(line_no, "needs 'body' (list of paragraphs) or 'text' (string)")
    lead = data.get("lead")
    if lead is not None and not isinstance(lead, str):
        raise IngestError(line_no, f"lead: expected a string, got {_kind(lead)}")
    strings = {key: _optional_string(data, key, line_no, limit) for key, limit in _STRING_FIELDS.items()}
    return Article(
        url=url,
        title=_fragment(title),
        lead=(_fragment(lead) or None) if lead else None,
        body=[p for p in (_fragment(p) for p in body) if p],
        published=_published(data, line_no),
        authors=_string_list(data, "authors", line_no),
        tags=_string_list(data, "tags", line_no),
        outlet=strings["outlet"],
        language=strings["language"],
        section=strings["section"],
        source_attribution=strings["source_attribution"],
    )


def parse_line(text: str, line_no: int) -> Article:
    """One line of JSON as an Article; anything wrong with it is an IngestError naming the line."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(line_no, f"not JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise IngestError(line_no, "not JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer past Python's 4300-digit limit
        raise IngestError(line_no, f"not JSON: {exc}") from None
    try:
        return record_to_article(data, line_no)
    except RecursionError:  # an HTML fragment nested past what the parser follows
        raise IngestError(line_no, "markup nested too deeply") from None


# ---- storing: the run ------------------------------------------------------------------------------
def ingest_file(handle: io.BufferedReader, archive: Archive, topics: TopicRules) -> IngestReport:
    """`ingest_lines` on a JSON-lines file opened in binary mode, whatever its encoding."""
    encoding, lines = read_lines(handle)
    return ingest_lines(lines, archive, topics, file_encoding=encoding)


def ingest_lines(
    lines: Iterable[Line | str], archive: Archive, topics: TopicRules, *, file_encoding: str = UTF8
) -> IngestReport:
    """Store each valid line; bad lines are reported and skipped, never abort the rest.

    `lines` are `read_lines` output (or plain strings, numbered from 1). The report counts how many
    records ended as each StoreStatus (new, duplicate, offtopic, updated, unchanged) or as ERROR; the
    keys are plain strings, so `outcomes["new"]` reads the same count. The run row ends completed; an
    exception (a database error, a bug) ends it failed, Ctrl-C interrupted, and is raised on.
    """
    report = IngestReport(archive.start_run(Trigger.INGEST, []), file_encoding=file_encoding)
    line_no = 0
    try:
        for number, item in enumerate(lines, 1):
            line = item if isinstance(item, Line) else Line(number, item)
            line_no = line.number
            _ingest_one(line, archive, topics, report)
            if line_no % _PROGRESS_EVERY == 0:
                archive.update_run(report.run_id, _counts(report), _errors(report))
    except BaseException as exc:
        status = RunStatus.INTERRUPTED if isinstance(exc, (KeyboardInterrupt, SystemExit)) else RunStatus.FAILED
        errors = [*_errors(report), f"line {line_no}: stopped by {type(exc).__name__}: {exc}".rstrip(": ")]
        try:
            archive.finish_run(report.run_id, status, _counts(report), errors, f"stopped at line {line_no}")
        except Exception as finish_exc:  # the database itself failed: the first error is the one to raise
            exc.add_note(f"the run row could not be finished: {finish_exc}")
        raise
    archive.finish_run(report.run_id, RunStatus.COMPLETED, _counts(report), _errors(report))
    return report


def _ingest_one(line: Line, archive: Archive, topics: TopicRules, report: IngestReport) -> None:
    if line.encoding in LEGACY_ENCODINGS:
        report.legacy_lines.setdefault(line.encoding, []).append(line.number)
    try:
        if line.text is None:
            raise IngestError(line.number, f"not text in UTF-8 or {' or '.join(LEGACY_ENCODINGS)}")
        if not line.text.strip():
            return
        article = parse_line(line.text, line.number)
    except IngestError as exc:
        report.bad.append(BadLine(exc.line_no, exc.reason))
        report.outcomes[ERROR] += 1
        return
    report.outcomes[archive.store(article, topics.evaluate(article), run_id=report.run_id).status] += 1


def _counts(report: IngestReport) -> RunCounts:
    return RunCounts(
        new_articles=report.outcomes[StoreStatus.NEW],
        duplicates=report.outcomes[StoreStatus.DUPLICATE],
        offtopic=report.outcomes[StoreStatus.OFFTOPIC],
        errors=report.outcomes[ERROR],
    )


def _errors(report: IngestReport) -> list[str]:
    return [str(bad) for bad in report.bad]
