"""HTML that skips Markdown: lifted out of a generated page before conversion, put back after it."""

from __future__ import annotations

import markdown
import pytest
from conftest import build

from generator.lift_html import END, START, LiftedHtml, mark_html

# pymdownx.striphtml drops every HTML comment: the placeholders must not be comments.
EXTENSIONS = ["toc", "attr_list", "md_in_html", "tables", "fenced_code", "pymdownx.striphtml"]


def convert(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


PAGE = (
    "# Title\n\n"
    + mark_html('<header class="x">\n<p>A <b>bold</b> &amp; line</p>\n</header>')
    + "\n\nSome *markdown* text.\n\n## A heading\n\n"
    + mark_html("<ul>\n<li>one</li>\n<li>two</li>\n</ul>")
    + "\n\nMore text.\n"
)


def test_a_lifted_page_converts_to_the_same_html():
    lifted = LiftedHtml()
    short = lifted.lift("page.md", PAGE)
    assert "<header" not in short and "<li>" not in short
    assert lifted.restore("page.md", convert(short)) == convert(
        PAGE.replace(START, "").replace(END, "")
    )
    assert lifted.parts == {}  # nothing kept once the page is done


def test_headings_stay_in_the_table_of_contents():
    lifted = LiftedHtml()
    html = lifted.restore("page.md", convert(lifted.lift("page.md", PAGE)))
    assert '<h2 id="a-heading">A heading</h2>' in html


@pytest.mark.parametrize(
    "body",
    [
        "<!-- roadlog:html -->\n\n*kept* as Markdown\n\n<!-- /roadlog:html -->",
        "```html\n<!-- roadlog:html -->\n<b>code</b>\n<!-- /roadlog:html -->\n```",
        '<div data-roadlog-part="0123456789abcdef:0"></div>',
    ],
)
def test_a_learners_text_about_the_marks_is_converted_as_written(body: str):
    """Without the build's token, text that looks like a mark or a placeholder is just text."""
    lifted = LiftedHtml()
    page = mark_html("<p>generated</p>") + "\n\n" + body + "\n"
    html = lifted.restore("entry.md", convert(lifted.lift("entry.md", page)))
    assert html == convert(page.replace(START, "").replace(END, ""))


def test_a_page_without_marks_is_left_alone():
    lifted = LiftedHtml()
    assert lifted.lift("about.md", "# About\n") == "# About\n"
    assert lifted.restore("about.md", "<h1>About</h1>") == "<h1>About</h1>"


def test_a_placeholder_that_markdown_lost_is_an_error_not_a_silent_gap():
    lifted = LiftedHtml()
    lifted.lift("page.md", mark_html("<p>x</p>"))
    with pytest.raises(ValueError, match="page.md: a Markdown extension removed where Roadlog"):
        lifted.restore("page.md", "<p>nothing here</p>")


def test_a_site_with_an_extension_that_strips_comments_keeps_its_generated_html(fixture_site):
    """pymdownx.striphtml drops HTML comments from what Markdown makes; the pages stay whole."""
    config = fixture_site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "markdown_extensions" not in text
    config.write_text(text + "markdown_extensions:\n  - pymdownx.striphtml\n", encoding="utf-8")
    assert build(fixture_site) == 0
    entry = (fixture_site / "site/journal/2026-03-08-dns/index.html").read_text(encoding="utf-8")
    assert "<h2>Commits that day</h2>" in entry
    assert 'class="rl-entry-head"' in entry
    assert "data-roadlog-part" not in entry and "roadlog:html" not in entry
