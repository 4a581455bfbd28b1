"""Where the article sits in a plain-text rendering of a whole page: its title and its first paragraph."""

from __future__ import annotations

from crawler.clean.draft import Para
from crawler.clean.lines import NUMBERED, is_image_marker, is_paragraph, is_title_like
from crawler.clean.meta import read_meta
from newsmon.core.outlets import OutletNames
from newsmon.core.text import normalize_text, tidy_text


def split_lines(text: str) -> list[Para]:
    """The rendering's non-blank lines, tidied, each marked when a blank line precedes it."""
    paras: list[Para] = []
    gap = True
    for raw in text.splitlines():
        line = tidy_text(raw)
        if not line:
            gap = True
            continue
        paras.append(Para(line, gap_before=gap))
        gap = False
    return paras


def locate_article(paras: list[Para], names: OutletNames) -> tuple[int | None, int]:
    """(title index, lead index): the title is the headline right above the first paragraph,
    past any byline or date lines; a line the page repeats (image alt, sticky header) wins."""
    texts = [p.text for p in paras]
    for i, text in enumerate(texts):
        if not is_paragraph(text):
            continue
        run_start = i
        while run_start > 0 and not is_paragraph(texts[run_start - 1]):
            run_start -= 1
        run = range(run_start, i)
        candidates = [
            k
            for k in run
            if is_title_like(texts[k]) and read_meta(texts[k], None, names) is None and not _under_image(texts, k)
        ]
        if not candidates:
            continue
        repeated = [k for k in candidates if _numbered_below(texts[k], texts[i:])]
        title = repeated[-1] if repeated else candidates[-1]
        key = normalize_text(texts[title])  # a title shown twice: the first copy
        return next(k for k in range(run_start, title + 1) if normalize_text(texts[k]) == key), i
    for k, text in enumerate(texts):
        if is_title_like(text):
            return k, k + 1
    return None, 0


def _under_image(texts: list[str], k: int) -> bool:
    """The line sits right under an image placeholder (a file name, "Ảnh 1"): it is that image's
    caption, not the headline (the title is unknown yet, so only title-free markers count)."""
    return k > 0 and is_image_marker(texts[k - 1], "")


def _numbered_below(title: str, below: list[str]) -> bool:
    """The page repeats the line as numbered image alt texts ('title - 1'): it is the title."""
    return any(NUMBERED.match(line) and is_image_marker(line, title) for line in below)
