"""Relevance: topic rules (TOML files in crawler/topics/) judged on each article.

The query language itself lives in `newsmon.core.query`; this package loads topic files and scores
articles with them.
"""

from crawler.relevance.topics import DEFAULT_TOPICS, Topic, TopicQueryError, TopicSet, article_fields, load_topics

__all__ = ["DEFAULT_TOPICS", "Topic", "TopicQueryError", "TopicSet", "article_fields", "load_topics"]
