"""Former home of the cleaner, kept only so callers work while they move to `crawler.clean`.

Delete once nothing imports `crawler.clean.textclean` (grep the repo).
"""

from crawler.clean import clean_text, finalize, is_teaser, source_name, strip_outlet_prefix

__all__ = ["clean_text", "finalize", "is_teaser", "source_name", "strip_outlet_prefix"]
