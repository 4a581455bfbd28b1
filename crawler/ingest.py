"""`newsmon ingest`: JSON-lines records through the same relevance, dedup and store steps as a crawl."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from newsmon.core.records import Article
from newsmon.core.text import tidy_text
from newsmon.core.time import LOCAL_TZ
from storage.archive import Archive, RunCounts


class IngestError(ValueError):
    """A record that cannot be ingested; the message names the line."""


def record_to_article(data: dict[str, Any], line_no: int) -> Article:
    if not isinstance(data, dict):
        raise IngestError(f"line {line_no}: not a JSON object")
    url, title = data.get("url"), data.get("title")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise IngestError(f"line {line_no}: needs an http(s) 'url'")
    if not isinstance(title, str) or not title.strip():
        raise IngestError(f"line {line_no}: needs a 'title'")
    body = data.get("body", data.get("text"))
    if isinstance(body, str):
        body = [p for p in (tidy_text(x) for x in body.split("\n")) if p]
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
        title=tidy_text(title),
        outlet=data.get("outlet"),
        lead=tidy_text(lead) if isinstance(lead, str) else None,
        body=[tidy_text(p) for p in body if p.strip()],
        published=published,
        language=data.get("language"),
        authors=list(data.get("authors") or []),
        tags=list(data.get("tags") or []),
        section=data.get("section"),
        source_attribution=data.get("source_attribution"),
    )


def ingest_lines(lines: Iterable[str], archive: Archive, topics: Any) -> tuple[Counter[str], list[str]]:
    """Store each valid line; bad lines are reported and skipped, never abort the rest.

    Returns how many records ended as new, duplicate, offtopic, updated, unchanged or error.
    """
    outcomes: Counter[str] = Counter()
    errors: list[str] = []
    run_id = archive.start_run("ingest", [])
    for line_no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            article = record_to_article(json.loads(line), line_no)
        except json.JSONDecodeError as exc:
            errors.append(f"line {line_no}: not JSON ({exc.msg})")
            outcomes["error"] += 1
            continue
        except IngestError as exc:
            errors.append(str(exc))
            outcomes["error"] += 1
            continue
        outcomes[archive.store(article, topics.evaluate(article), run_id=run_id).status] += 1
    counts = RunCounts(
        new_articles=outcomes["new"],
        duplicates=outcomes["duplicate"],
        offtopic=outcomes["offtopic"],
        errors=outcomes["error"],
    )
    archive.finish_run(run_id, "completed", counts, errors)
    return outcomes, errors
