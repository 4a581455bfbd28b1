"""Store cost per article as the archive grows: CPU and page writes at 0 / 10k / 100k articles.

Usage: python bench/store_scale.py [--sizes 0,10000,100000] [--cache DIR] [--measure 500] [--repeats 3]
                                   [--batch 50] [--ref 21c43a1 | --no-ref]

For each size an archive (a SQLite file) is filled once with generated Vietnamese articles and kept
under `--cache` (default /tmp/newsmon-store-scale), so reruns only measure. The mix: many stories
from 16 outlets over years of dates, ~10% syndicated near-copies of a recent article (another prefix
and byline, a paragraph cut), ~2% English translations crediting their source outlet (translated_from,
source_attribution; half stored before their source, so the source adopts them), ~30% off-topic.
Filling goes through `Archive.store_many` in batches of 500 (the same dedup and rows as a crawl).

Then, at each size, on a fresh copy of the archive: `--measure` more articles of the same mix stored
one by one through `Archive.store`, and as many again through `Archive.store_many` in batches of
`--batch` (a savepoint per article), `--repeats` times with the next articles of the mix each time.
Figures per article, medians of the repeats: CPU ms (time.process_time), page writes (bytes the
process wrote, wchar of /proc/self/io, divided by the page size: WAL frames and checkpoints alike)
and MB that reached the block layer (write_bytes). Each figure is measured side by side with the
reference code (commit `--ref`, extracted with `git archive` under the cache; its archive is the same
file downgraded to that code's schema revision), each run in a subprocess with that code first on
sys.path. Targets (issue 14): CPU <= 5 ms per article, flat within 1.5x from 10k up.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "bench" / "dedup" / "groups.jsonl", ROOT / "bench" / "relevance" / "devset.jsonl"]
PREFIXES = ["(Dân trí) - ", "TTO - ", "(Chinhphu.vn) - ", "VOV.VN - ", "SGGPO - ", "(NLĐO) - "]
BYLINES = ["PV", "Theo TTXVN", "THANH HÀ", "Minh Anh", "NGỌC LAN", "Hoàng Long"]
ACRONYMS = ["UBND", "TPHCM", "ASEAN", "WHO", "GDP", "ASOCIO", "VNPT", "EVN", "FDI", "BHXH", "CNTT", "OCOP"]
ENGLISH = [
    "Officials said on {a} that the programme would cover {b} households.",
    "The report, released with {a}, put the figure at {b}.",
    "According to {a}, spending reached {b} in the period.",
    "The city plans to expand the {a} scheme by {b} next year.",
]
TRANSLATOR = "vietnamplus.vn"  # publishes English translations of other outlets' reports
COPY_SHARE, TRANSLATION_SHARE, OFFTOPIC_SHARE = 0.10, 0.02, 0.30
SPACING = timedelta(minutes=15)  # 100k articles span ~3 years
START = datetime(2019, 1, 1, tzinfo=UTC)
FILL_BATCH = 500
WARMUP = 20


class Mix:
    """Article i of the mix is a pure function of (seed, i): any range can be made without the rest."""

    def __init__(self, outlets: list[tuple[str, str]], seed: int = 1) -> None:
        self.outlets = outlets  # (outlet name, display name)
        self.seed = seed
        sentences: list[str] = []
        for path in SOURCES:
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                for para in [row.get("lead") or "", *row.get("body", [])]:
                    sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", para) if len(s.split()) >= 6]
        self.sentences = sentences
        self.vocab = sorted({w for s in sentences for w in re.findall(r"\w+", s) if not w.isdigit()})

    def _rng(self, i: int, salt: int = 0) -> random.Random:
        return random.Random(self.seed * 1_000_003 + i * 7 + salt)

    def kind(self, i: int) -> str:
        r = self._rng(i).random()
        if i >= 20 and r < COPY_SHARE:
            return "copy"
        if i >= 20 and r < COPY_SHARE + TRANSLATION_SHARE:
            return "translation"
        return "original"

    def _original_near(self, i: int, step: int) -> int:
        while self.kind(i) != "original":
            i += step
        return max(i, 0)

    def item(self, i: int) -> tuple[Any, bool]:
        """(Article, relevant) for position i."""
        kind = self.kind(i)
        if kind == "copy":
            return self._copy(i)
        if kind == "translation":
            return self._translation(i)
        return self._original(i)

    def _original(self, i: int) -> tuple[Any, bool]:
        from newsmon.core.records import Article

        rng = self._rng(i, 1)
        name, _ = self.outlets[rng.randrange(len(self.outlets))]
        paragraphs = []
        for _ in range(rng.randint(4, 7)):
            parts = [self._made_up(rng) for _ in range(rng.randint(1, 2))]
            if rng.random() < 0.6:
                parts.insert(rng.randrange(len(parts) + 1), self._perturbed(rng, rng.choice(self.sentences)))
            paragraphs.append(" ".join(parts))
        day = START + SPACING * i
        paragraphs.insert(
            1,
            f"Ngày {day.day}/{day.month}, {rng.choice(ACRONYMS)} cho biết đã chi {rng.randint(10, 9999)} tỷ đồng"
            f" cho {rng.randint(10, 999)} dự án của {rng.choice(ACRONYMS)}.",
        )
        article = Article(
            url=f"https://{name}/bai-viet-{i}.htm",
            title=self._perturbed(rng, rng.choice(self.sentences))[:120],
            outlet=name,
            lead=self._made_up(rng),
            body=paragraphs,
            published=day + timedelta(minutes=rng.randint(0, 14)),
            language="vi",
            section=rng.choice(["Thời sự", "Kinh tế", "Xã hội", "Công nghệ"]),
        )
        return article, rng.random() >= OFFTOPIC_SHARE

    def _copy(self, i: int) -> tuple[Any, bool]:
        from dataclasses import replace

        rng = self._rng(i, 2)
        base, relevant = self._original(self._original_near(i - rng.randint(1, 400), -1))
        name, _ = self.outlets[rng.randrange(len(self.outlets))]
        body = list(base.body)
        if len(body) > 3:
            del body[rng.randrange(2, len(body))]
        body[0] = rng.choice(PREFIXES) + body[0]
        body.append(rng.choice(BYLINES))
        published = base.published + timedelta(hours=rng.randint(1, 12)) if base.published else None
        copy = replace(base, url=f"https://{name}/tin-{i}.htm", outlet=name, body=body, published=published)
        return copy, relevant

    def _translation(self, i: int) -> tuple[Any, bool]:
        """An English report of an original near i (before or after it), crediting the original's outlet."""
        from newsmon.core.records import Article
        from storage.dedup import anchors

        rng = self._rng(i, 3)
        if rng.random() < 0.5:
            source_i = self._original_near(i - rng.randint(1, 40), -1)
        else:
            source_i = self._original_near(i + rng.randint(1, 40), 1)
        source, relevant = self._original(source_i)
        display = dict(self.outlets)[source.outlet]
        marks = sorted(anchors(f"{source.title}\n{source.text}"))
        rng.shuffle(marks)
        sentences = [
            rng.choice(ENGLISH).format(a=marks[k].upper(), b=marks[k + 1] if k + 1 < len(marks) else "10")
            for k in range(0, len(marks), 2)
        ]
        body = [" ".join(sentences[k : k + 2]) for k in range(0, len(sentences), 2)] or ["Officials met on Monday."]
        published = source.published + timedelta(hours=rng.randint(1, 30)) if source.published else None
        article = Article(
            url=f"https://en.{TRANSLATOR}/news-{i}.vnp",
            title=f"Report {i}: {marks[0] if marks else 'news'} update",
            outlet=TRANSLATOR,
            body=body,
            published=published,
            language="en",
            translated_from="vi",
            source_attribution=display,
        )
        return article, relevant

    def _made_up(self, rng: random.Random) -> str:
        return " ".join(rng.choices(self.vocab, k=rng.randint(12, 22))).capitalize() + "."

    def _perturbed(self, rng: random.Random, sentence: str) -> str:
        sentence = re.sub(r"\d+", lambda _: str(rng.randint(1, 2000)), sentence)
        words = sentence.split()
        for _ in range(rng.randint(0, 2)):
            k = rng.randrange(len(words) - 1)
            words[k], words[k + 1] = words[k + 1], words[k]
        return " ".join(words)


# ---- worker: runs inside a subprocess whose sys.path starts with the code under test ------------------


def _io() -> dict[str, int]:
    with open("/proc/self/io") as f:
        return {k: int(v) for k, v in (line.split(": ") for line in f)}


def _open(db: Path) -> Any:
    from crawler.outlets.registry import Registry
    from storage.archive import Archive

    return Archive(f"sqlite:///{db}", Registry.builtin().outlet_names())


def _outlets() -> list[tuple[str, str]]:
    from crawler.outlets.registry import Registry

    profiles = [p for p in Registry.builtin() if p.name != TRANSLATOR]
    out = [(p.name, p.known_outlet().name) for p in profiles]
    return [*out, (TRANSLATOR, "Vietnam+")][:16]


def _relevance(relevant: bool) -> Any:
    from newsmon.core.records import Relevance

    return Relevance(True, 0.9, ["egov-awards"], {}) if relevant else Relevance(False, 0.1)


def worker_build(db: Path, first: int, size: int) -> dict[str, Any]:
    """Fill an archive holding articles 0..first-1 of the mix with those up to size-1, through store_many."""
    mix = Mix(_outlets())
    archive = _open(db)
    t0 = time.process_time()
    for start in range(first, size, FILL_BATCH):
        items = [mix.item(i) for i in range(start, min(size, start + FILL_BATCH))]
        archive.store_many([(a, _relevance(r), None) for a, r in items])
        if start and start % 20_000 == 0:
            print(f"  filled {start} ({time.process_time() - t0:.0f} s CPU)", file=sys.stderr, flush=True)
    with archive.engine.connect() as conn:  # everything into the main file: the cache keeps that file only
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    archive.close()
    return {"cpu_s": round(time.process_time() - t0, 1)}


def worker_downgrade(db: Path, revision: str) -> dict[str, Any]:
    """Bring a copy of an archive down to the reference code's schema revision (same data)."""
    from alembic import command

    from storage.db import alembic_config, make_engine, schema_transaction

    engine = make_engine(f"sqlite:///{db}")
    cfg = alembic_config(engine)
    with schema_transaction(engine) as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    engine.dispose()
    return {}


def worker_measure(db: Path, size: int, measure: int, repeats: int, batch: int) -> dict[str, Any]:
    """Per-article CPU and writes through `store` one by one and `store_many` batches, per repeat."""
    import storage

    mix = Mix(_outlets())
    archive = _open(db)
    with archive.engine.connect() as conn:
        page_size = int(conn.exec_driver_sql("PRAGMA page_size").scalar_one())
    out: dict[str, Any] = {"code": str(Path(storage.__file__).parents[1]), "page_size": page_size}
    statuses: Counter[str] = Counter()
    # Warm-up, not counted: first-use costs (MinHash permutations, compiled statements, caches).
    for i in range(size, size + WARMUP):
        article, relevant = mix.item(i)
        archive.store(article, _relevance(relevant))
    nxt = size + WARMUP
    for mode in ("store", "store_many"):
        runs = []
        for _ in range(repeats):
            items = [mix.item(i) for i in range(nxt, nxt + measure)]
            nxt += measure
            prepared = [(a, _relevance(r), None) for a, r in items]
            io0, t0 = _io(), time.process_time()
            if mode == "store":
                results = [archive.store(a, r, raw) for a, r, raw in prepared]
            else:
                results = []
                for k in range(0, len(prepared), batch):
                    results += archive.store_many(prepared[k : k + batch])
            cpu, io1 = time.process_time() - t0, _io()
            statuses.update(str(getattr(r.status, "value", r.status)) for r in results)
            statuses.update(f"kind:{getattr(r.verdict.kind, 'value', r.verdict.kind)}" for r in results)
            runs.append(
                {
                    "cpu_ms": 1000 * cpu / measure,
                    "pages": (io1["wchar"] - io0["wchar"]) / page_size / measure,
                    "mb": (io1["write_bytes"] - io0["write_bytes"]) / 1e6 / measure,
                }
            )
        out[mode] = {k: round(statistics.median(r[k] for r in runs), 3) for k in runs[0]}
        out[mode]["runs"] = runs
    out["statuses"] = dict(sorted(statuses.items()))
    archive.close()
    return out


def worker_main(args: argparse.Namespace) -> int:
    db = Path(args.db)
    if args.worker == "build":
        result = worker_build(db, args.first, args.size)
    elif args.worker == "downgrade":
        result = worker_downgrade(db, args.revision)
    else:
        result = worker_measure(db, args.size, args.measure, args.repeats, args.batch)
    print(json.dumps(result))
    return 0


# ---- driver ---------------------------------------------------------------------------------------------


def run_worker(code: Path, *args: str) -> dict[str, Any]:
    """This file as a worker, with `code` (a checkout) first on sys.path and as its cwd."""
    cmd = [sys.executable, "-P", str(Path(__file__).resolve()), "--code", str(code), *args]
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run(cmd, cwd=code, env=env, capture_output=True, text=True, check=False)
    sys.stderr.write(done.stderr[-3000:] if done.returncode else done.stderr)
    if done.returncode:
        raise SystemExit(f"worker failed ({' '.join(args)}): exit {done.returncode}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def reference_checkout(cache: Path, commit: str) -> Path:
    """The reference code, extracted once with `git archive` (no change to the repository's state)."""
    target = cache / f"ref-{commit}"
    if not (target / "storage").is_dir():
        tmp = cache / f".ref-{commit}.partial"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive.stdout, check=True)
        tmp.rename(target)
    return target


def head_revision(code: Path) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(code / "storage" / "migrations")).get_current_head()
    assert head is not None
    return head


def built_archive(cache: Path, size: int) -> Path:
    db = cache / f"archive-{size}.sqlite3"
    if not db.exists():
        partial = db.with_suffix(".partial")
        for p in cache.glob(partial.name + "*"):
            p.unlink()
        # The mix is the same sequence at every size: start from the largest smaller archive built.
        smaller = [(n, f) for f in cache.glob("archive-*.sqlite3") if (n := int(f.stem.split("-")[1])) < size]
        first, start = max(smaller, default=(0, None))
        if start is not None:
            shutil.copyfile(start, partial)
        print(f"building the {size:,}-article archive in {db} from {first:,} (once) ...", file=sys.stderr, flush=True)
        info = run_worker(ROOT, "--worker", "build", "--db", str(partial), "--first", str(first), "--size", str(size))
        print(f"  built in {info['cpu_s']} s CPU", file=sys.stderr, flush=True)
        partial.rename(db)
    return db


def fresh_copy(db: Path, work: Path, code: Path, revision: str | None) -> Path:
    copy = work / f"{db.stem}-{code.name}.sqlite3"
    for p in work.glob(copy.name + "*"):
        p.unlink()
    shutil.copyfile(db, copy)
    if revision is not None:
        run_worker(ROOT, "--worker", "downgrade", "--db", str(copy), "--revision", revision)
    return copy


def fmt_ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "-"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="0,10000,100000", help="archive sizes, comma-separated (1000000 too)")
    p.add_argument("--cache", default="/tmp/newsmon-store-scale", help="folder for built archives")
    p.add_argument("--measure", type=int, default=500, help="articles stored per repeat and mode")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--batch", type=int, default=50, help="store_many batch size")
    p.add_argument("--ref", default="21c43a1", help="reference commit (today's code)")
    p.add_argument("--no-ref", action="store_true", help="measure this checkout only")
    p.add_argument("--json", help="also write every figure to this file")
    p.add_argument("--worker", choices=["build", "downgrade", "measure"], help=argparse.SUPPRESS)
    p.add_argument("--code", help=argparse.SUPPRESS)
    p.add_argument("--db", help=argparse.SUPPRESS)
    p.add_argument("--size", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument("--first", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument("--revision", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        sys.path.insert(0, args.code)
        return worker_main(args)

    cache = Path(args.cache).resolve()
    work = cache / "work"
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    codes: dict[str, tuple[Path, str | None]] = {"new": (ROOT, None)}
    if not args.no_ref:
        ref = reference_checkout(cache, args.ref)
        codes["ref"] = (ref, head_revision(ref))
    measure = ["--measure", str(args.measure), "--repeats", str(args.repeats), "--batch", str(args.batch)]
    figures: dict[str, dict[int, dict[str, Any]]] = {name: {} for name in codes}
    for size in sizes:
        db = built_archive(cache, size)
        for name, (code, revision) in codes.items():
            copy = fresh_copy(db, work, code, revision)
            print(f"measuring {name} at {size:,} ...", file=sys.stderr, flush=True)
            figures[name][size] = run_worker(
                code, "--worker", "measure", "--db", str(copy), "--size", str(size), *measure
            )
            for p_ in work.glob(copy.name + "*"):
                p_.unlink()
    report(figures, sizes, args)
    if args.json:
        Path(args.json).write_text(
            json.dumps({k: {str(s): v for s, v in f.items()} for k, f in figures.items()}, indent=1)
        )
    return 0


def report(figures: dict[str, dict[int, dict[str, Any]]], sizes: list[int], args: argparse.Namespace) -> None:
    names = list(figures)
    label = {"new": "this code", "ref": f"ref {args.ref}"}
    print(f"\nStore cost per article: {args.measure} articles x {args.repeats} repeats (median), same mix")
    print(f"(page writes = bytes written / page size; store_many in batches of {args.batch})\n")
    header = f"{'size':>9} | {'mode':<10} | " + " | ".join(
        f"{label[n] + ' ms CPU':>18} {'pages':>7} {'MB':>6}" for n in names
    )
    print(header)
    print("-" * len(header))
    for size in sizes:
        for mode in ("store", "store_many"):
            cells = []
            for n in names:
                f = figures[n][size][mode]
                cells.append(f"{f['cpu_ms']:>18.2f} {f['pages']:>7.1f} {f['mb']:>6.3f}")
            print(f"{size:>9,} | {mode:<10} | " + " | ".join(cells))
    big = [s for s in sizes if s >= 10_000]
    if len(big) >= 2:
        lo, hi = big[0], big[-1]
        print(f"\nratio {hi:,} / {lo:,} (target: flat within 1.5x; CPU <= 5 ms per article):")
        for mode in ("store", "store_many"):
            parts = []
            for n in names:
                a, b = figures[n][hi][mode], figures[n][lo][mode]
                parts.append(
                    f"{label[n]}: CPU {fmt_ratio(a['cpu_ms'], b['cpu_ms'])}, pages {fmt_ratio(a['pages'], b['pages'])}"
                )
            print(f"  {mode:<10} " + "; ".join(parts))
    print("\noutcomes (statuses and dedup kinds of the measured articles):")
    for size in sizes:
        for n in names:
            print(f"  {size:>9,} {label[n]:<14} {figures[n][size]['statuses']}")


if __name__ == "__main__":
    sys.exit(main())
