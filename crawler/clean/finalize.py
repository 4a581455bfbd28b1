"""Entry point 2: the last stage after HTML extraction, where title, lead and body are known but
boilerplate that survived the DOM stage still has to go."""

from __future__ import annotations

from datetime import datetime

from crawler.clean.credits import attribution, domain_of, outlet_from_prefix, source_name, strip_outlet_prefix
from crawler.clean.draft import Draft, Para
from crawler.clean.language import detect_language
from crawler.clean.lines import is_image_marker, is_noise, is_teaser
from crawler.clean.meta import read_meta
from crawler.clean.passes import clean_body, finish, take_leading_meta, take_signoff
from crawler.outlets.registry import builtin_outlet_names
from newsmon.core.dates import parse_date
from newsmon.core.outlets import OutletNames
from newsmon.core.records import Article, ExtractedPage
from newsmon.core.text import normalize_text, tidy_text


def _norm(text: str | None) -> str | None:
    if text is None:
        return None
    return tidy_text(text) or None


def finalize(page: ExtractedPage, names: OutletNames | None = None) -> Article:
    """The last stage after HTML extraction: normalise, strip what the DOM stage let through,
    turn bylines and sign-offs into fields, parse the visible date, detect the language.

    `names` are the outlets credits are recognised by (None: the built-in ones; a crawl passes
    `Registry.outlet_names()`, so outlets of the user's config count too).
    """
    names = builtin_outlet_names() if names is None else names
    draft = Draft(title=_norm(page.title) or "")
    draft.outlet = page.outlet or domain_of(page.url)
    fetched_at = page.fetched_at
    paras = [Para(t) for t in (_norm(p) for p in page.body) if t]
    lead = _norm(page.lead)
    prefix_name: str | None = None
    if lead:
        lead, prefix_name = strip_outlet_prefix(lead, names)
    elif paras:
        stripped, prefix_name = strip_outlet_prefix(paras[0].text, names)
        if prefix_name:  # the sapo came through as the first body paragraph
            lead, paras = stripped, paras[1:]
    draft.outlet = draft.outlet or outlet_from_prefix(prefix_name, names)
    draft.published = page.published
    if draft.published is None and page.published_text:
        draft.published = parse_date(normalize_text(page.published_text), fetched_at=fetched_at)
    if page.source_attribution:
        draft.attribution = attribution(tidy_text(page.source_attribution), names) or source_name(
            page.source_attribution, names
        )
    for raw in page.authors:
        _author_field(tidy_text(raw), draft, fetched_at, names)
    paras = take_leading_meta(paras, draft, fetched_at, names)
    if lead and is_teaser(lead, [p.text for p in paras]):
        lead = None
    draft.lead = lead
    draft.language = detect_language("\n".join([lead or ""] + [p.text for p in paras]))
    seen = {normalize_text(t) for t in (draft.title, draft.lead) if t}
    for caption in (t for t in (_norm(c) for c in page.captions) if t):
        key = normalize_text(caption)
        if key not in seen and not is_image_marker(caption, draft.title) and not is_noise(caption):
            draft.captions.append(caption)
            seen.add(key)
    clean_body(paras, draft, seen=seen)
    take_signoff(draft, fetched_at, names)
    return finish(
        draft, names, url=page.url, canonical_url=page.canonical_url, section=_norm(page.section),
        tags=[t for t in (_norm(tag) for tag in page.tags) if t], translated_from=page.translated_from,
        fetched_at=fetched_at, language_hint=page.language,
    )


def _author_field(text: str, draft: Draft, fetched_at: datetime | None, names: OutletNames) -> None:
    """An extracted author string may be 'Tú Viên | 12/08/2022, 13:25' or a newspaper's name."""
    if not text:
        return
    meta = read_meta(text, fetched_at, names)
    if meta is not None:
        meta.merge_into(draft)
    else:
        draft.add_authors([text])
