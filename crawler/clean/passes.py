"""The passes both entry points run over the paragraphs after the lead: body, captions and furniture
apart, the sign-off read into fields, and the finished record."""

from __future__ import annotations

from datetime import datetime

from crawler.clean.credits import credits_itself
from crawler.clean.draft import Draft, Para
from crawler.clean.labels import RELATED_INLINE, is_related_heading, is_terminal
from crawler.clean.language import looks_vietnamese
from crawler.clean.lines import is_caption, is_image_marker, is_link_title, is_noise, is_paragraph, is_teaser
from crawler.clean.meta import read_meta
from newsmon.core.outlets import OutletNames
from newsmon.core.records import Article
from newsmon.core.text import normalize_text, same_text


def clean_body(paras: list[Para], draft: Draft, *, seen: set[str]) -> None:
    """Sort paragraphs after the lead into body, captions and furniture; stop at the page footer.

    `seen` holds comparison forms (`normalize_text`) of what is already placed, so a copy that
    differs only in a no-break space or a look-alike letter still counts as a repeat.
    """
    after_image = False
    everything = [p.text for p in paras]
    i = 0
    while i < len(paras):
        text = paras[i].text
        i += 1
        if is_image_marker(text, draft.title):
            after_image = True
            continue
        key = normalize_text(text)
        if key in seen:  # repeated verbatim (a pull quote, a sticky header, a second copy)
            if is_caption(text, after_image):
                after_image = False  # a copy of a caption still fills the image's caption slot
            continue
        if draft.language not in (None, "vi") and looks_vietnamese(text):
            draft.untranslated = True  # untranslated alt text of an image on a translated page
            after_image = True
            continue
        if is_terminal(text) and not draft.body:
            continue  # a label or counter above the article: not its end
        if is_terminal(text):
            draft.edges.extend(p.text for p in paras[i:])
            break
        if is_noise(text) and not is_related_heading(text):
            continue
        if RELATED_INLINE.match(text):
            continue
        if is_related_heading(text):
            i = _skip_related_block(paras, i)
            continue
        if is_caption(text, after_image):
            draft.captions.append(text)
            seen.add(key)
            after_image = False
            continue
        if is_teaser(text, everything[:i - 1] + everything[i:]):
            continue
        draft.body.append(text)
        seen.add(key)
        after_image = False


def _skip_related_block(paras: list[Para], i: int) -> int:
    """Index after a related-links block whose heading was at i - 1.

    The block is link titles, each perhaps followed by its teaser. A paragraph is a teaser
    only right under a single title (a copy of the title does not count twice), and only when
    it shares the title's block or another title (or the page footer) follows it; anything
    else means the article goes on.
    """
    j = i
    titles: list[str] = []
    while j < len(paras):
        text = paras[j].text
        if is_link_title(text):
            if not titles or not same_text(titles[-1], text):
                titles.append(text)
            j += 1
            continue
        if is_terminal(text) or len(titles) != 1 or not is_paragraph(text):
            break
        following = paras[j + 1].text if j + 1 < len(paras) else None
        same_block = not paras[j].gap_before
        if not (same_block or following is None or is_link_title(following) or is_terminal(following)):
            break
        titles = []
        j += 1
    return j


def take_signoff(draft: Draft, fetched_at: datetime | None, names: OutletNames, *, limit: int = 8) -> None:
    """Trailing bylines and 'Theo X' lines become authors / source attribution.

    Short unpunctuated lines at the very end (a heading with no text under it, "Trở lại Số
    hóa", a sponsor label) are furniture around the sign-off and go too.
    """
    for _ in range(limit):
        if not draft.body:
            return
        last = draft.body[-1]
        meta = read_meta(last, fetched_at, names)
        if meta is None and not (is_link_title(last) and not is_paragraph(last)):
            return
        draft.body.pop()
        if meta is not None:
            meta.merge_into(draft, front=True)


def take_leading_meta(
    paras: list[Para], draft: Draft, fetched_at: datetime | None, names: OutletNames
) -> list[Para]:
    """Bylines and date lines at the top of an extracted body."""
    while paras and not is_paragraph(paras[0].text):
        meta = read_meta(paras[0].text, fetched_at, names)
        if meta is None:
            break
        meta.merge_into(draft)
        paras = paras[1:]
    return paras


def finish(draft: Draft, names: OutletNames, *, url: str, canonical_url: str | None = None,
           section: str | None = None, tags: list[str] | None = None, translated_from: str | None = None,
           fetched_at: datetime | None = None, language_hint: str | None = None) -> Article:
    """Language, translation origin and outlet, then the record.

    The language is the one detected before the body passes (they need it to spot untranslated
    leftovers): detecting it again on the cleaned text ran the detector twice per page for the same
    answer (identical on every mock page). The page's declared language only fills a gap."""
    language = draft.language or language_hint
    if translated_from is None and language and language != "vi" and (
        draft.untranslated or names.translates(draft.outlet)
    ):
        translated_from = "vi"
    if draft.attribution and draft.outlet and credits_itself(draft.attribution, draft.outlet, names):
        draft.attribution = None  # the page naming itself (alone or with its parent agency) is not a source
    return Article(
        url=url,
        title=draft.title,
        outlet=draft.outlet,
        canonical_url=canonical_url,
        lead=draft.lead,
        body=draft.body,
        captions=draft.captions,
        authors=draft.authors,
        published=draft.published,
        language=language,
        section=section,
        tags=list(tags or []),
        source_attribution=draft.attribution,
        translated_from=translated_from,
        fetched_at=fetched_at,
    )
