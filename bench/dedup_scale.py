"""Dedup at scale: fill an archive with synthetic articles and time the dedup check and the insert.

Usage: python bench/dedup_scale.py [--n 10000] [--checkpoints 10000,100000,1000000] [--batch 500]
                                   [--db PATH] [--copies 0.1] [--seed 1]

Articles are built from the development texts (bench/dedup/groups.jsonl and the relevance dev set):
a few sentences taken from them with perturbations (number changes, word swaps, shuffled order) plus
made-up sentences drawn from their vocabulary, so most articles are new stories that still share stock
phrases with many others (the boilerplate that makes LSH buckets crowded). A share of them (`--copies`)
are planted syndicated copies of an earlier synthetic article (another prefix and byline, a paragraph
cut), so the run also says whether copies are still found in a big archive.

Everything goes through `Archive.store_many`: the same dedup and store steps as a crawl, one
transaction per batch. Times are per article, averaged over the batches just before each checkpoint;
the dedup check (exact hash + LSH candidates + signature comparison) is timed apart from the whole
insert. Peak memory is the process's maximum resident set size. The default size is small so that CI
never runs the big one: use `--n 1000000` (about half an hour on two cores) for the full figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import and_, insert, or_, select, text  # noqa: E402

from newsmon.core.records import Article, Relevance, StoreStatus  # noqa: E402
from newsmon.core.time import utcnow  # noqa: E402
from storage import models as m  # noqa: E402
from storage.archive import Archive, StoreResult  # noqa: E402
from storage.dedup import fingerprint  # noqa: E402

SOURCES = [ROOT / "bench" / "dedup" / "groups.jsonl", ROOT / "bench" / "relevance" / "devset.jsonl"]
OUTLETS = ["dantri.com.vn", "vnexpress.net", "tuoitre.vn", "vietnamnet.vn", "sggp.org.vn", "baomoi.com"]
PREFIXES = ["(Dân trí) - ", "TTO - ", "(Chinhphu.vn) - ", "VOV.VN - ", "SGGPO - "]
BYLINES = ["PV", "Theo TTXVN", "THANH HÀ", "Nguồn: VnExpress", "Minh Anh"]
ON = Relevance(True, 1.0, ["egov-awards"], {})
OFF = Relevance(False)


class Generator:
    """Deterministic synthetic articles from the development texts."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        sentences: list[str] = []
        for path in SOURCES:
            if not path.exists():
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                for para in [row.get("lead") or "", *row.get("body", [])]:
                    sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", para) if len(s.split()) >= 6]
        self.sentences = sentences
        self.vocab = sorted({w for s in sentences for w in re.findall(r"\w+", s)})
        self.start = datetime(2018, 1, 1, tzinfo=UTC)
        self.recent: list[Article] = []

    def _made_up(self) -> str:
        words = self.rng.choices(self.vocab, k=self.rng.randint(12, 22))
        return " ".join(words).capitalize() + "."

    def _perturbed(self, sentence: str) -> str:
        sentence = re.sub(r"\d+", lambda _: str(self.rng.randint(1, 2000)), sentence)
        words = sentence.split()
        for _ in range(self.rng.randint(0, 2)):
            i = self.rng.randrange(len(words) - 1)
            words[i], words[i + 1] = words[i + 1], words[i]
        return " ".join(words)

    def article(self, i: int, copy_share: float) -> tuple[Article, bool]:
        """The i-th synthetic article and whether it is a planted copy of an earlier one."""
        rng = self.rng
        published = self.start + timedelta(minutes=3 * i + rng.randint(0, 120))
        outlet = rng.choice(OUTLETS)
        if self.recent and rng.random() < copy_share:
            base = rng.choice(self.recent)
            body = list(base.body)
            if len(body) > 3:
                del body[rng.randrange(1, len(body))]
            body[0] = rng.choice(PREFIXES) + body[0]
            body.append(rng.choice(BYLINES))
            art = Article(
                url=f"https://{outlet}/copy-{i}.html",
                title=base.title,
                outlet=outlet,
                lead=base.lead,
                body=body,
                published=published + timedelta(hours=2),
                language="vi",
            )
            return art, True
        paragraphs = []
        for _ in range(rng.randint(4, 6)):
            parts = [self._made_up() for _ in range(rng.randint(1, 2))]
            if rng.random() < 0.5:
                parts.insert(rng.randrange(len(parts) + 1), self._perturbed(rng.choice(self.sentences)))
            paragraphs.append(" ".join(parts))
        rng.shuffle(paragraphs)
        title = self._perturbed(rng.choice(self.sentences))[:120]
        art = Article(
            url=f"https://{outlet}/bai-{i}.html",
            title=title,
            outlet=outlet,
            lead=self._made_up(),
            body=paragraphs,
            published=published,
            language="vi",
        )
        self.recent.append(art)
        if len(self.recent) > 2000:
            self.recent.pop(0)
        return art, False


class Timed:
    """Wraps the archive's dedup check (`archive.matcher.verdict`) to add up the time it takes."""

    def __init__(self, archive: Archive) -> None:
        self.inner = archive.matcher.verdict
        self.total = 0.0
        self.calls = 0
        archive.matcher.verdict = self  # type: ignore[method-assign]

    def __call__(self, *args: object, **kwargs: object) -> object:
        t0 = time.perf_counter()
        try:
            return self.inner(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            self.total += time.perf_counter() - t0
            self.calls += 1


def fast_store(archive: Archive, items: list[tuple[Article, Relevance, None]]) -> tuple[list[StoreResult], float]:
    """Store a batch the lean way: same fingerprint, same dedup check, only the rows dedup reads.

    Returns the results and the time spent computing fingerprints.
    """
    out: list[StoreResult] = []
    fp_s = 0.0
    with archive.sessions.begin() as session:
        conn = session.connection()
        for art, rel, _ in items:
            t0 = time.perf_counter()
            fp = fingerprint(art.text, "\n".join(art.body))
            fp_s += time.perf_counter() - t0
            verdict, _ = archive.matcher.verdict(session, fp, art)
            article_id = conn.execute(
                insert(m.Article).returning(m.Article.id),
                {
                    "url": art.url,
                    "title": art.title,
                    "body": "\n\n".join(art.body),
                    "lead": art.lead,
                    "content_hash": fp.content_hash,
                    "relevant": rel.relevant,
                    "published": art.published,
                    "duplicate_of": verdict.duplicate_of,
                    "dup_kind": verdict.kind if verdict.duplicate_of else None,
                    "captions": [],
                    "authors": [],
                    "tags": [],
                    "topics": [],
                    "matched_terms": {},
                    "version": 1,
                    "first_seen": utcnow(),
                    "updated_at": utcnow(),
                    "relevance_score": 0.0,
                },
            ).scalar_one()
            conn.execute(insert(m.Signature), {"article_id": article_id, "minhash": fp.to_bytes()})
            rows = [{"article_id": article_id, "band": b, "bucket": k} for b, k in fp.buckets()]
            conn.execute(insert(m.LshBand), rows)
            status = StoreStatus.DUPLICATE if verdict.duplicate_of else StoreStatus.NEW
            out.append(StoreResult(status, article_id, verdict))
    return out, fp_s


def query_plan(archive: Archive) -> list[str]:
    """EXPLAIN QUERY PLAN of the candidate look-up, as Archive.candidates issues it."""
    buckets = fingerprint("một hai ba bốn năm sáu bảy tám chín mười mười một mười hai").buckets()[:3]
    terms = [and_(m.LshBand.band == b, m.LshBand.bucket == k) for b, k in buckets]
    stmt = select(m.LshBand.band, m.LshBand.bucket, m.LshBand.article_id).where(or_(*terms))
    with archive.engine.connect() as conn:
        compiled = stmt.compile(conn, compile_kwargs={"literal_binds": True})
        return [row[-1] for row in conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))]


def bucket_report(archive: Archive) -> dict[str, object]:
    with archive.engine.connect() as conn:
        rows = (
            conn.execute(
                text(
                    "SELECT n FROM (SELECT COUNT(*) AS n FROM lsh_bands GROUP BY band, bucket) ORDER BY n DESC LIMIT 5"
                )
            )
            .scalars()
            .all()
        )
        total = conn.execute(text("SELECT COUNT(*) FROM lsh_bands")).scalar()
    skipped = len(archive.matcher.frequent_buckets)
    return {"lsh_rows": total, "largest_buckets": rows, "frequent_skipped_in_process": skipped}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--checkpoints", default="10000,100000,1000000")
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--window", type=int, default=5000, help="articles averaged before each checkpoint")
    parser.add_argument("--db", help="SQLite file (default: a temporary one, deleted afterwards)")
    parser.add_argument("--copies", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--fast",
        action="store_true",
        help="bulk path: the real check (archive.matcher.verdict) and Core inserts of the article, signature and "
        "band rows, one transaction per batch; no search index, raw page or story rows",
    )
    args = parser.parse_args(argv)
    checkpoints = sorted({c for c in (int(x) for x in args.checkpoints.split(",")) if c <= args.n} | {args.n})

    tmp = None
    if args.db:
        path = Path(args.db)
    else:
        tmp = tempfile.TemporaryDirectory()
        path = Path(tmp.name) / "scale.sqlite3"
    archive = Archive(f"sqlite:///{path}")
    timed = Timed(archive)
    gen = Generator(args.seed)
    results: list[dict[str, object]] = []
    window: list[tuple[int, float, float, float]] = []  # (articles, insert s, dedup s, fingerprint s)
    planted = found = 0
    done = 0
    started = time.perf_counter()
    while done < args.n:
        size = min(args.batch, args.n - done)
        items, copies = [], []
        for i in range(done, done + size):
            art, is_copy = gen.article(i, args.copies)
            items.append((art, ON if i % 3 else OFF, None))
            copies.append(is_copy)
        dedup_before = timed.total
        t0 = time.perf_counter()
        if args.fast:
            out, fp_s = fast_store(archive, items)
        else:
            out, fp_s = archive.store_many(items), 0.0
        insert_s = time.perf_counter() - t0
        window.append((size, insert_s, timed.total - dedup_before, fp_s))
        for result, is_copy in zip(out, copies, strict=True):
            if is_copy:
                planted += 1
                found += result.verdict.kind in ("near", "exact")
        done += size
        if done in checkpoints:
            recent, total = [], 0
            for entry in reversed(window):
                recent.append(entry)
                total += entry[0]
                if total >= args.window:
                    break
            n = sum(e[0] for e in recent)
            row = {
                "articles": done,
                "insert_ms": round(1000 * sum(e[1] for e in recent) / n, 3),
                "dedup_check_ms": round(1000 * sum(e[2] for e in recent) / n, 3),
                "fingerprint_ms": round(1000 * sum(e[3] for e in recent) / n, 3),
                "elapsed_s": round(time.perf_counter() - started, 1),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "db_mb": round(sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 2**20, 1),
                "planted_copies_found": f"{found}/{planted}",
            }
            row.update(bucket_report(archive))
            results.append(row)
            print(json.dumps(row), flush=True)
    plan = query_plan(archive)
    print("candidate look-up plan:", plan)
    summary = {"results": results, "query_plan": plan, "batch": args.batch, "pid": os.getpid()}
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1))
    archive.close()
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
