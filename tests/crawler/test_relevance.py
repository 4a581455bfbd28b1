"""Topic rules: topic files, article fields and scores, the default topic and its dev-set quality.

The query language itself (parser, matching) is tested in tests/core/test_query.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.relevance import TopicQueryError, TopicSet, load_topics
from newsmon.core.records import Article

DEVSET = Path(__file__).resolve().parents[2] / "bench" / "relevance" / "devset.jsonl"


def topic(query: str, defs: str = "") -> TopicSet:
    return TopicSet.from_toml(f"{defs}\n[[topic]]\nname = \"t\"\nquery = '''{query}'''\n")


@pytest.fixture(scope="module")
def default() -> TopicSet:
    return load_topics()


# ----------------------------------------------------------------------------- topic files


def test_topic_file_errors_name_the_topic() -> None:
    with pytest.raises(TopicQueryError, match=r"^topic 't': unbalanced parenthesis.* at column 3$"):
        topic("a (b")
    with pytest.raises(TopicQueryError, match="reference cycle"):
        topic("@x", "[defs]\nx = '@y'\ny = '@x'")


def test_defs_are_reusable_subqueries() -> None:
    ts = topic("@prize AND asocio", "[defs]\nprize = 'award OR \"giải thưởng\"'")
    assert ts.match({"title": "Giải thưởng ASOCIO"}).relevant
    assert not ts.match({"title": "ASOCIO summit"}).relevant


# ----------------------------------------------------------------------------- articles and scores


def test_lead_falls_back_to_first_paragraph() -> None:
    ts = topic("lead:asocio")
    assert ts.evaluate(Article(url="u", title="t", body=["ASOCIO prize", "more"])).relevant
    assert not ts.evaluate(Article(url="u", title="t", lead="x", body=["ASOCIO prize"])).relevant


def test_relevance_record() -> None:
    ts = topic("title:asocio OR award")
    verdict = ts.match({"title": "ASOCIO", "body": "an award"})
    assert verdict.relevant and verdict.topics == ["t"]
    assert verdict.matched_terms == {"t": ["asocio", "award"]}
    assert 0.5 < verdict.score <= 1.0
    miss = ts.match({"title": "nothing here"})
    assert not miss.relevant and miss.score < 0.5 and miss.topics == [] and miss.matched_terms == {}


def test_title_scores_higher_than_body() -> None:
    ts = topic("asocio")
    assert ts.match({"title": "ASOCIO"}).score > ts.match({"body": "ASOCIO"}).score


# ----------------------------------------------------------------------------- default topic


def art(title: str, lead: str = "", *body: str) -> Article:
    return Article(url="https://example.test/a", title=title, lead=lead or None, body=list(body))


@pytest.mark.parametrize(
    "article",
    [
        art("Tỉnh Hòa Bình nhận giải thưởng chính quyền số", "UBND tỉnh được vinh danh tại lễ trao giải."),
        art("Vietnam rises in UN e-government ranking", "Vietnam placed 71st of 193 countries."),
        art("Cần Thơ tăng 10 bậc về chỉ số chuyển đổi số", "Kết quả DTI năm nay được công bố."),
        art("Hue wins Vietnam Smart City Award", "The city was honoured for its operations centre."),
        art("Da Nang récompensée par le prix ASOCIO Smart City", "La ville a reçu le prix à Bangkok."),
    ],
)
def test_default_topic_accepts(default: TopicSet, article: Article) -> None:
    verdict = default.evaluate(article)
    assert verdict.relevant and verdict.topics == ["egov-awards"]


@pytest.mark.parametrize(
    "article",
    [
        art("Tỉnh đẩy mạnh chuyển đổi số", "Kế hoạch năm 2025 tập trung vào dữ liệu dân cư."),
        art("Ngân hàng A nhận giải thưởng chuyển đổi số", "Ứng dụng ngân hàng số có 5 triệu người dùng."),
        art("Quảng Ninh dẫn đầu PAR Index 2023", "Chỉ số cải cách hành chính năm 2023 được công bố."),
        art("Ca sĩ B giành giải Cống hiến", "Lễ trao giải diễn ra tối qua."),
        art("Vietnam climbs in FIFA ranking", "The team is now 113th."),
        art("Solo concert so popular", "Tickets sold out."),
    ],
)
def test_default_topic_rejects(default: TopicSet, article: Article) -> None:
    assert not default.evaluate(article).relevant


def test_devset_precision_and_recall(default: TopicSet) -> None:
    rows = [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 160
    tp = fp = fn = 0
    for row in rows:
        article = Article(url=row["id"], title=row["title"], lead=row["lead"] or None, body=row["body"])
        predicted, gold = default.evaluate(article).relevant, row["label"] == "positive"
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
    assert tp / (tp + fp) >= 0.95
    assert tp / (tp + fn) >= 0.95
