"""Text-level cleaning: one rule set that turns page text into a clean `Article`.

Import from here: `from crawler.clean import clean_text, finalize`. Two entry points share the rules:
- `clean_text` (text.py) reads a plain-text rendering of a whole page (title, bylines, body and the
  site's furniture all as lines) and must first find where the article sits (locate.py);
- `finalize` (finalize.py) is the last stage after HTML extraction, where title, lead and body are
  known but boilerplate that survived the DOM stage still has to go.
Both take `names` (`Registry.outlet_names()`; None: the built-in outlets), the outlets credits are
recognised by.

The rules, one job a module: labels.py (words of page furniture), lines.py (what one line is),
authors.py (bylines), credits.py (outlets named in a page), meta.py (byline, date and credit lines),
passes.py (body, captions, sign-off, the finished record), draft.py (the record being filled),
language.py (language detection). They describe kinds of page furniture in the languages the corpus
has (Vietnamese and vietnam.vn's machine translations: en, fr, nl, cs, hi, th ...), never particular pages.
"""

from crawler.clean.credits import source_name, strip_outlet_prefix
from crawler.clean.finalize import finalize
from crawler.clean.lines import clear_caches, is_teaser
from crawler.clean.text import clean_text

__all__ = ["clean_text", "clear_caches", "finalize", "is_teaser", "source_name", "strip_outlet_prefix"]
