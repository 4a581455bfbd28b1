"""dateparser, the last-resort date reader, reads only the page's languages: Vietnamese, English and the
language the page declares. Without a list it loads every one of its ~200 locales on the first text
none of them can read (seconds of CPU per crawl process)."""

from __future__ import annotations

import subprocess
import sys

from newsmon.core.dates import LOCAL_TZ, fallback_languages, local_date, parse_date

# Runs in a fresh interpreter: dateparser's locale cache is per process, and other tests fill it.
PROBE = """
import sys
from dateparser.languages.loader import LocaleDataLoader
from newsmon.core.dates import parse_date
for text in ("Số 12 xyz", "abc 2024 qrs", "Thứ Ba 5 tháng 3 2024"):
    parse_date(text, language=sys.argv[1] or None)
print(sorted(LocaleDataLoader._loaded_locales))
"""


def _loaded_locales(language: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, language], capture_output=True, text=True, check=True)
    return eval(result.stdout.strip().splitlines()[-1])  # a printed list of locale codes


def test_a_fallback_parse_loads_only_vietnamese_and_english() -> None:
    assert _loaded_locales("") == ["en", "vi"]


def test_the_page_language_is_loaded_too() -> None:
    assert _loaded_locales("fr-FR") == ["en", "fr", "vi"]


def test_languages_given_to_dateparser() -> None:
    assert fallback_languages(None) == ("vi", "en")
    assert fallback_languages("vi") == ("vi", "en")
    assert fallback_languages("EN-us") == ("vi", "en")
    assert fallback_languages("fr-FR") == ("vi", "en", "fr")
    assert fallback_languages("zh_CN") == ("vi", "en", "zh")
    assert fallback_languages("xx") == ("vi", "en")  # a code dateparser does not know is left out
    assert fallback_languages("") == ("vi", "en")


def test_a_date_in_the_page_language_is_read() -> None:
    assert parse_date("5 mars 2024", language="fr") == local_date(2024, 3, 5)
    assert parse_date("5 mars 2024") is None  # French is not read unless the page is French


def test_an_unknown_page_language_still_reads_vietnamese_and_english() -> None:
    assert parse_date("Thứ Ba 5 tháng 3 2024", language="xx") == local_date(2024, 3, 5)
    value = parse_date("March 5th 2024 10:30", language="xx")
    assert value is not None and value.astimezone(LOCAL_TZ).hour == 10
