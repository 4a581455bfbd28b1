"""`newsmon ingest`: JSON-lines records through the same relevance, dedup and store steps as a crawl."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from crawler.clean.fragment import fragment_paragraphs, fragment_text
from crawler.context import TopicRules
from newsmon.core.records import Article, RunStatus, StoreStatus, Trigger
from newsmon.core.text import tidy_text
from newsmon.core.time import LOCAL_TZ
from storage.archive import Archive, RunCounts

ERROR = "error"  # the outcome of a line that is no record, next to the StoreStatus values


class IngestError(ValueError):
    """A record that cannot be ingested; the message names the line."""


def record_to_article(data: object, line_no: int) -> Article:
    """One parsed JSON line (any JSON value: it is checked here) as an Article."""
    if not isinstance(data, dict):
        raise IngestError(f"line {line_no}: not a JSON object")
    url, title = data.get("url"), data.get("title")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise IngestError(f"line {line_no}: needs an http(s) 'url'")
    if not isinstance(title, str) or not title.strip():
        raise IngestError(f"line {line_no}: needs a 'title'")
    body = data.get("body", data.get("text"))
    if isinstance(body, str):
        body = fragment_paragraphs(body)
    if not isinstance(body, list) or not all(isinstance(p, str) for p in body):
        raise IngestError(f"line {line_no}: needs 'body' (list of paragraphs) or 'text' (string)")
    published = data.get("published")
    if published is not None:
        try:
            published = datetime.fromisoformat(str(published).replace("Z", "+00:00"))
        except ValueError:
            raise IngestError(f"line {line_no}: 'published' is not an ISO date: {published!r}") from None
        if published.tzinfo is None:
            published = published.replace(tzinfo=LOCAL_TZ)
    lead = data.get("lead")
    return Article(
        url=url,
        title=tidy_text(fragment_text(title)),
        outlet=data.get("outlet"),
        lead=tidy_text(fragment_text(lead)) if isinstance(lead, str) else None,
        body=[tidy_text(fragment_text(p)) for p in body if p.strip()],
        published=published,
        language=data.get("language"),
        authors=list(data.get("authors") or []),
        tags=list(data.get("tags") or []),
        section=data.get("section"),
        source_attribution=data.get("source_attribution"),
    )


def ingest_lines(lines: Iterable[str], archive: Archive, topics: TopicRules) -> tuple[Counter[str], list[str]]:
    """Store each valid line; bad lines are reported and skipped, never abort the rest.

    Returns how many records ended as each StoreStatus (new, duplicate, offtopic, updated, unchanged)
    or as ERROR; the keys are plain strings, so `outcomes["new"]` reads the same count.
    """
    outcomes: Counter[str] = Counter()
    errors: list[str] = []
    run_id = archive.start_run(Trigger.INGEST, [])
    for line_no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            article = record_to_article(json.loads(line), line_no)
        except json.JSONDecodeError as exc:
            errors.append(f"line {line_no}: not JSON ({exc.msg})")
            outcomes[ERROR] += 1
            continue
        except IngestError as exc:
            errors.append(str(exc))
            outcomes[ERROR] += 1
            continue
        outcomes[archive.store(article, topics.evaluate(article), run_id=run_id).status] += 1
    counts = RunCounts(
        new_articles=outcomes[StoreStatus.NEW],
        duplicates=outcomes[StoreStatus.DUPLICATE],
        offtopic=outcomes[StoreStatus.OFFTOPIC],
        errors=outcomes[ERROR],
    )
    archive.finish_run(run_id, RunStatus.COMPLETED, counts, errors)
    return outcomes, errors
