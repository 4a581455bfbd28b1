"""A size limit a page hits is said on stderr by `extract`, never applied silently."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

PARAGRAPH = "Thành phố Hồ Chí Minh được trao giải thưởng Chính phủ số xuất sắc tại hội nghị ASOCIO năm 2023 ở Seoul."


def test_extract_notes_a_page_nested_beyond_the_parser_limit(tmp_path: Path) -> None:
    depth = 1200
    body = "".join(f"<p>{PARAGRAPH} Đoạn {i}.</p>" for i in range(8))
    page = tmp_path / "deep.html"
    page.write_text(
        "<html><head><title>TPHCM nhận giải Chính phủ số ASOCIO</title></head><body><article>"
        + "<div>" * depth + f"<h1>TPHCM nhận giải Chính phủ số ASOCIO</h1>{body}" + "</div>" * depth
        + "</article></body></html>",
        encoding="utf-8",
    )
    result = run_cli("extract", str(page), "--url", "https://example.vn/a.html", "--json")
    assert result.returncode == 0, result.stderr
    assert "newsmon: note: elements nested deeper than" in result.stderr
    assert "Đoạn 7." in result.stdout  # the body below the limit is kept
