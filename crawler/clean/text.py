"""Entry point 1: a clean `Article` from a plain-text rendering of a whole news page."""

from __future__ import annotations

from datetime import datetime

from crawler.clean.credits import domain_of, outlet_from_edges, outlet_from_prefix, strip_outlet_prefix
from crawler.clean.draft import Draft
from crawler.clean.language import detect_language
from crawler.clean.lines import is_image_marker, is_paragraph, is_teaser
from crawler.clean.locate import locate_article, split_lines
from crawler.clean.meta import read_meta
from crawler.clean.passes import clean_body, finish, take_signoff
from crawler.outlets.registry import builtin_outlet_names
from newsmon.core.dates import find_page_date
from newsmon.core.outlets import OutletNames
from newsmon.core.records import Article
from newsmon.core.text import normalize_text


def clean_text(
    text: str,
    *,
    url: str | None = None,
    outlet: str | None = None,
    fetched_at: datetime | None = None,
    names: OutletNames | None = None,
) -> Article:
    """A clean Article from a plain-text rendering of a news page.

    Lines above the title are site furniture (a date there is today's date, unless it sits
    right above the title with a time of day). Bylines, date lines and attributions between
    the title and the first paragraph become fields; the first paragraph is the lead when it
    stands alone (an outlet prefix like "(Dân trí) - " marks it for certain). `names` are the
    outlets credits are recognised by (None: the built-in ones).
    """
    names = builtin_outlet_names() if names is None else names
    paras = split_lines(text)
    title_i, lead_i = locate_article(paras, names)
    draft = Draft(title=paras[title_i].text if title_i is not None else "")
    texts = [p.text for p in paras]
    head = texts[:title_i] if title_i is not None else []
    draft.edges.extend(head)
    found = find_page_date(texts[:lead_i], title_index=title_i, fetched_at=fetched_at)
    if found is not None:
        draft.published = found.value
    for line in texts[(title_i + 1 if title_i is not None else 0) : lead_i]:
        meta = read_meta(line, fetched_at, names)
        if meta is not None:
            meta.merge_into(draft)
    content = paras[lead_i:]
    draft.language = detect_language("\n".join(p.text for p in content if is_paragraph(p.text)))
    seen = {normalize_text(draft.title)}
    prefix_name: str | None = None
    if content:
        first = content[0].text
        stripped, prefix_name = strip_outlet_prefix(first, names)
        standalone = len(content) == 1 or content[1].gap_before
        others = [p.text for p in content[1:]]
        if prefix_name:
            draft.lead = stripped
            content = content[1:]
        elif is_teaser(first, others):
            content = content[1:]  # the lead slot holds a truncated copy of the body: no lead
        elif standalone and is_paragraph(first) and not is_image_marker(first, draft.title):
            draft.lead = first
            content = content[1:]
    if draft.lead:
        seen.add(normalize_text(draft.lead))
    clean_body(content, draft, seen=seen)
    take_signoff(draft, fetched_at, names)
    if draft.language is None:  # no full paragraph told it: the short lines that stayed may
        draft.language = detect_language("\n".join(([draft.lead] if draft.lead else []) + draft.body))
    draft.outlet = (
        outlet
        or domain_of(url)
        or outlet_from_prefix(prefix_name, names)
        or outlet_from_edges([line for line in draft.edges if not is_paragraph(line)], names)
    )
    return finish(draft, names, url=url or "", fetched_at=fetched_at)
