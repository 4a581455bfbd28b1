"""Peak memory of extracting one large page, against the page's size: newsmon beside trafilatura.

Cases (generated): 1, 5 and 20 MB article pages (thousands of <p> in one <article>) and a page whose
body sits inside 100k nested <div>s. Each run is a child process of its own (peak RSS cannot be
reset in a process); the figure is the child's peak RSS minus its resident size after the imports
and reading the page, the median of 3 runs, divided by the page size. newsmon runs its page path up to the
cleaner (`crawler.process.extract_fetched`: page limit, decoding, parse, extraction, body limit),
trafilatura its `extract` on the same bytes. The target for newsmon is at most 20x the page size.

    python bench/page_memory.py [--runs 3] [--sizes 1 5 20]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = (
    "Bộ Thông tin và Truyền thông công bố chỉ số chuyển đổi số DTI năm 2023, tỉnh Quảng Ninh dẫn đầu, "
    "Đà Nẵng đứng thứ hai, Thành phố Hồ Chí Minh được trao giải thưởng Chính phủ số ASOCIO. "
)
HEAD = (
    "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>Giải thưởng chính phủ số</title></head>"
    "<body><nav><a href='/'>Trang chủ</a> <a href='/xa-hoi'>Xã hội</a></nav>"
)
TAIL = "<footer>© 2024 Báo mẫu</footer></body></html>"


def big_page(megabytes: float) -> bytes:
    parts = [HEAD, "<article><h1>Giải thưởng chính phủ số</h1>"]
    size, index = 0, 0
    while size < megabytes * 1_000_000:
        paragraph = f"<p>Đoạn {index}. {SENTENCE}</p>\n"
        parts.append(paragraph)
        size += len(paragraph.encode())
        index += 1
    parts += ["</article>", TAIL]
    return "".join(parts).encode()


def deep_page(depth: int = 100_000) -> bytes:
    body = "<h1>Giải thưởng chính phủ số</h1>" + "".join(f"<p>Đoạn {i}. {SENTENCE}</p>" for i in range(20))
    return (HEAD + "<div>" * depth + body + "</div>" * depth + TAIL).encode()


def _peak_rss() -> int:
    """VmHWM: the peak of this program's memory. Not getrusage's ru_maxrss, which a child inherits from
    the parent it was forked from (here the parent holding every generated page)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # no /proc: the inherited figure, in KiB


def _current_rss() -> int:
    """Resident now (not the high-water mark: imports' transient peaks must not hide the page's)."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize()


def child(tool: str, path: str) -> None:
    """One measurement, printed as JSON: imports first, so that only the page's own cost is counted."""
    if tool == "newsmon":
        sys.path.insert(0, str(ROOT))
        from crawler.process import extract_fetched
        from newsmon.core.records import FetchedPage

        class _NoProfiles:
            def for_url(self, url: str) -> None:
                return None

            def outlet_names(self) -> None:
                return None

        def run(data: bytes) -> tuple[int, int, list[str]]:
            page = extract_fetched(FetchedPage("https://example.vn/a.html", "", data), _NoProfiles())  # type: ignore[arg-type]
            return len(page.body), sum(map(len, page.body)), page.notes
    else:
        import trafilatura

        def run(data: bytes) -> tuple[int, int, list[str]]:
            text = trafilatura.extract(data) or ""
            return text.count("\n") + 1 if text else 0, len(text), []

    data = Path(path).read_bytes()
    base = _current_rss()
    start = time.perf_counter()
    paragraphs, chars, notes = run(data)
    print(json.dumps({
        "peak": _peak_rss() - base, "seconds": time.perf_counter() - start,
        "paragraphs": paragraphs, "chars": chars, "notes": notes,
    }))


def measure(tool: str, path: Path, runs: int) -> dict[str, object]:
    results = []
    for _ in range(runs):
        try:
            done = subprocess.run(
                [sys.executable, __file__, "--child", tool, str(path)],
                capture_output=True, text=True, timeout=600, check=True,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            return {"error": type(exc).__name__}
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    median = {key: statistics.median(r[key] for r in results) for key in ("peak", "seconds", "paragraphs", "chars")}
    return {**median, "notes": results[0]["notes"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 20])
    parser.add_argument("--child", nargs=2, metavar=("TOOL", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as folder:
        cases = [(f"{size:g} MB, <p> x many", big_page(size)) for size in args.sizes]
        cases.append(("100k nested divs", deep_page()))
        print(f"{'case':22} {'page':>9} | {'newsmon peak':>12} {'x page':>6} {'s':>5} {'paras':>6} | "
              f"{'trafilatura':>11} {'x page':>6} {'s':>5} {'chars':>9} | newsmon notes")
        for name, data in cases:
            path = Path(folder) / "page.html"
            path.write_bytes(data)
            row = [f"{name:22} {len(data) / 1e6:7.1f}MB"]
            notes: list[str] = []
            for tool, width in (("newsmon", 6), ("trafilatura", 9)):
                result = measure(tool, path, args.runs)
                if "error" in result:
                    row.append(f"{result['error']:>{27 + width}}")
                    continue
                peak = float(result["peak"])  # type: ignore[arg-type]
                count = result["paragraphs" if tool == "newsmon" else "chars"]
                row.append(f"{peak / 1e6:10.0f}MB {peak / len(data):6.1f} {result['seconds']:5.1f} {count:>{width}}")
                notes = notes or list(result["notes"])  # type: ignore[call-overload]
            print(" | ".join(row) + f" | {'; '.join(notes) or '-'}")

if __name__ == "__main__":
    main()
