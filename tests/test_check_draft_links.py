"""check_draft_links: a published entry that links to a draft gets a warning at the linking line."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.build_site import build_site
from generator.check_draft_links import check_draft_links, draft_stem
from generator.errors import Collector
from generator.model import Entry

DRAFT = "2026-03-07-secret-plan"
WARNING = (
    "links to journal/2026-03/2026-03-07-secret-plan.md, a draft: the link will be broken and "
    "shows the draft's name"
)


def entry(stem: str, body: str = "", draft: bool = False, body_line: int = 1) -> Entry:
    made = Entry(
        path=f"journal/2026-03/{stem}.md",
        stem=stem,
        date=dt.date(2026, 3, int(stem[8:10])),
        body=body,
        draft=draft,
    )
    made.body_line = body_line
    return made


def warnings_of(*entries: Entry) -> list[str]:
    problems = Collector()
    check_draft_links(list(entries), problems)
    return [str(p) for p in problems.problems]


@pytest.mark.parametrize(
    "target",
    [
        f"/journal/{DRAFT}/",
        f"/journal/{DRAFT}",
        f"https://learner.example/journal/{DRAFT}/",
        f"https://learner.example/sub/path/journal/{DRAFT}/index.html",
        f"//learner.example/journal/{DRAFT}/#notes",
        f"../{DRAFT}/",
        f"../{DRAFT}/?q=1",
        f"{DRAFT}.md",
        f"../2026/{DRAFT}.md",
        f"./{DRAFT}.md#part",
        f"../{DRAFT}/diagram.png",
        "../2026-03-07-secret%2Dplan/",  # percent-encoded
    ],
)
def test_every_form_of_a_link_to_a_draft_is_found(target: str):
    assert draft_stem(target, {DRAFT: None}) == DRAFT


@pytest.mark.parametrize(
    "target",
    [
        f"https://other.example/{DRAFT}/",  # another site, not under journal/
        f"/topics/{DRAFT}/",
        "../2026-03-08-published/",
        f"../{DRAFT}-2/",
        "http://[::1",  # no URL at all
        "",
        "#top",
    ],
)
def test_other_links_are_not_taken_for_the_draft(target: str):
    assert draft_stem(target, {DRAFT: None}) is None


def test_each_kind_of_link_is_reported_at_its_line():
    body = "\n".join(
        [
            f'An inline [link](../{DRAFT}/ "title") and an ![image](/journal/{DRAFT}/x.png).',
            f"An autolink <https://learner.example/journal/{DRAFT}/> and a bare one:",
            f"https://learner.example/journal/{DRAFT}/",
            f"[angled](<../{DRAFT}/>)",
            "",
            f"   [ref]: {DRAFT}.md",
            f"<a href='/journal/{DRAFT}/'>raw</a> <a href={DRAFT}.md>unquoted</a>",
            "[fine](../2026-03-08-other/)",
        ]
    )
    published = entry("2026-03-08-other", body, body_line=4)
    assert warnings_of(entry(DRAFT, draft=True), published) == [
        f"journal/2026-03/2026-03-08-other.md:{line}: warning: {WARNING}"
        for line in (4, 5, 6, 7, 9, 10)
    ]


def test_a_file_in_the_folder_of_a_draft_page_names_the_draft_too():
    published = entry("2026-03-08-other", f"![x](/journal/{DRAFT}/x.png)")
    assert warnings_of(entry(DRAFT, draft=True), published) == [
        f"journal/2026-03/2026-03-08-other.md:1: warning: {WARNING}"
    ]


def test_a_draft_may_link_to_another_draft():
    other = entry("2026-03-08-other", f"[x](../{DRAFT}/)", draft=True)
    assert warnings_of(entry(DRAFT, draft=True), other) == []


def test_no_drafts_no_warnings():
    assert warnings_of(entry("2026-03-08-other", "[x](../2026-03-07-gone/)")) == []


def test_build_site_warns_unless_drafts_are_previewed():
    entries = [entry(DRAFT, draft=True), entry("2026-03-08-other", f"[x](../{DRAFT}/)")]
    site = build_site([], entries, [], dt.date(2026, 3, 10))
    assert [str(w) for w in site.warnings] == [
        f"journal/2026-03/2026-03-08-other.md:1: warning: {WARNING}"
    ]
    assert build_site([], entries, [], dt.date(2026, 3, 10), include_drafts=True).warnings == []


def test_a_percent_encoded_link_to_a_draft_with_letters_of_another_script():
    stem = "2026-03-07-café"
    published = entry(
        "2026-03-08-other", "[x](../2026-03-07-caf%C3%A9/) [y](../2026-03-07-caf%c3%a9/)"
    )
    problems = Collector()
    check_draft_links([entry(stem, draft=True), published], problems)
    assert [p.line for p in problems.problems] == [1]
