"""A batch is one transaction with a savepoint per article: one lost race costs that article a retry, not the batch."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from newsmon.core.records import Relevance, StoreStatus
from storage import models as m
from storage.archive import Archive
from tests.storage.test_storage import article

ON = Relevance(True, 0.9, ["egov-awards"], {})


def _para(i: int) -> str:
    return f"Bài số {i} về chủ đề riêng {i * 7919} hoàn toàn khác với các bài còn lại."


def _items(n: int) -> list[tuple[Any, Relevance, None]]:
    return [
        (article(f"https://dantri.com.vn/a{i}-2023111509301234{i}.htm", [_para(i)] * 3, title=f"Tin {i}"), ON, None)
        for i in range(n)
    ]


def test_a_batch_stores_every_article_with_its_story(archive: Archive) -> None:
    results = archive.store_many(_items(4))
    assert [r.status for r in results] == [StoreStatus.NEW] * 4
    with archive.sessions() as session:
        assert session.scalar(select(func.count()).select_from(m.Article)) == 4
        assert session.scalar(select(func.count()).select_from(m.Story)) == 4


def test_one_lost_race_rolls_back_only_its_savepoint(archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    store = archive._store
    real = store._store
    calls = {"n": 0}

    def flaky(session: Any, *args: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:  # the second article's first attempt: another writer won a unique key
            session.add(m.ArticleUrl(url="https://x.invalid/half-written", article_id=None))
            session.flush()  # half of this article is written when the race is lost
            raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed"))
        return real(session, *args)

    monkeypatch.setattr(store, "_store", flaky)
    results = archive.store_many(_items(3))
    assert [r.status for r in results] == [StoreStatus.NEW] * 3
    assert calls["n"] == 4, "the batch went on after the lost race; only that article was stored again"
    with archive.sessions() as session:
        urls = set(session.scalars(select(m.Article.url)))
        assert len(urls) == 3
        assert session.scalar(select(func.count()).where(m.ArticleUrl.url == "https://x.invalid/half-written")) == 0
