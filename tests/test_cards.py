"""Card images (OpenGraph/Twitter): the PNG itself, its text, the cache, and which pages get one.

Sites are built from literals (as in test_calendar_svg.py), so every day, streak and percent on a
card is known. `make golden` rewrites the golden SVG of an entry's card (and the README's PNG of it).
"""

from __future__ import annotations

import datetime as dt
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import PUBLISHED, SITE_URL, assert_refused, build, check_golden

import generator.write_cards as write_cards_module
from generator.build_site import build_site
from generator.model import Entry, Node, Roadmap
from generator.render_cards import (
    MARGIN,
    WIDTH,
    Card,
    Colours,
    card_colours,
    card_fonts,
    card_svg,
    pieces,
    render_card_png,
)
from generator.settings import Settings
from generator.write_cards import CACHE_DIR, CardCache, card_pages, plan_cards, write_cards

GOLDEN = Path(__file__).resolve().parent / "golden"
SVG = "{http://www.w3.org/2000/svg}"
D = dt.date
ENTRY_CARD = Card(
    kicker="Demo Journal · Tue 03 Mar 2026",
    title="Bits & bytes",
    subtitle="Day 2 · Demo",
    percent=20,
    progress="20% of Demo done",
    streak=2,
)
LONG_TITLE = ("Three hundred characters of a title that goes on " * 7)[:300]
ODD_TITLES = [
    LONG_TITLE,
    "<script>alert(1)</script> & friends",
    "学习网络基础：TCP 握手",  # CJK: the shipped font has no glyph for it
    "🔥🚀✨",  # emoji only: nothing to draw, the fallback is shown
    "Day 5 🔥 done",
    "Bell\x07 and\x00 null",  # controls are never valid XML
    "שלום עולם and مرحبا",  # right to left
    "e\u0301te\u0301 composed",  # combining accents
    "x" * 400,  # one word wider than the card
    "",
]


def settings(tmp_path: Path) -> Settings:
    return Settings(root=tmp_path, site_name="Demo Journal", site_url="https://x.example/sub/")


def demo_site(include_drafts: bool = False):
    """A 10-day plan from Mon 2 Mar 2026: entries on days 1-3 and 5, a draft on day 6, one entry
    before the plan; today is Mon 9 Mar."""
    demo = Roadmap(
        "demo",
        "Demo",
        "roadmaps/demo.yaml",
        start=D(2026, 3, 2),
        children=[Node("day", f"Topic {n}", n) for n in range(1, 11)],
    )
    entries = [
        Entry("journal/one.md", "one", D(2026, 3, 2), "Body."),
        Entry("journal/two.md", "two", D(2026, 3, 3), "Body.", title="Bits & bytes"),
        Entry("journal/three.md", "three", D(2026, 3, 4), "Body.", status="partial"),
        Entry("journal/five.md", "five", D(2026, 3, 6), "Body."),
        Entry("journal/secret.md", "secret", D(2026, 3, 7), "Body.", draft=True),
        Entry("journal/free.md", "free", D(2026, 2, 27), "Body.", title="Before the plan"),
    ]
    return build_site([demo], entries, [], D(2026, 3, 9), include_drafts=include_drafts)


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """(type, data) of every chunk of a PNG, after its signature."""
    found, at = [], 8
    while at < len(png):
        (length,) = struct.unpack_from(">I", png, at)
        found.append((png[at + 4 : at + 8], png[at + 8 : at + 8 + length]))
        at += 12 + length
    return found


def test_a_card_is_a_1200_by_630_png_without_metadata():
    png = render_card_png(card_svg(ENTRY_CARD))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    kinds = [kind for kind, _ in chunks(png)]
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND"
    # No tIME, tEXt, iTXt or pHYs: nothing that differs between two builds or two machines.
    assert set(kinds) == {b"IHDR", b"IDAT", b"IEND"}
    width, height = struct.unpack(">II", chunks(png)[0][1][:8])
    assert (width, height) == (1200, 630)


def test_the_same_card_gives_the_same_bytes_here_and_in_another_process():
    svg = card_svg(ENTRY_CARD)
    first, second = render_card_png(svg), render_card_png(svg)
    assert first == second
    code = (
        "import sys; from generator.render_cards import render_card_png; "
        "sys.stdout.buffer.write(render_card_png(sys.stdin.read()))"
    )
    other = subprocess.run(
        [sys.executable, "-c", code], input=svg.encode(), capture_output=True, check=True
    ).stdout
    assert other == first


def test_the_svg_of_an_entry_card_matches_the_golden_file(request):
    svg = card_svg(ENTRY_CARD).encode()
    # A change here changes every card: bump LAYOUT_VERSION, so cached cards are drawn again.
    if not check_golden(GOLDEN / "card-entry.svg", svg, request):
        # The README's example card; its bytes are resvg's and vary with its version, so unchecked.
        (GOLDEN / "card-entry.png").write_bytes(render_card_png(svg.decode()))


def test_text_is_escaped_and_reads_back_as_written():
    card = Card(kicker="A & B", title="<script>&", subtitle='"quoted" <b>', progress="x<y")
    svg = card_svg(card)
    assert "<script" not in svg and "<b>" not in svg
    assert "&lt;script&gt;&amp;" in svg
    root = ET.fromstring(svg)
    texts = ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]
    assert texts == ["A & B", "<script>&", '"quoted" <b>', "x<y"]


@pytest.mark.parametrize("title", ODD_TITLES, ids=range(len(ODD_TITLES)))
def test_long_and_odd_titles_render_and_fit(title):
    card = Card(
        kicker="Demo", title=title, subtitle=title, progress=title, fallback="Tue 03 Mar 2026"
    )
    svg = card_svg(card)
    root = ET.fromstring(svg)  # well-formed XML, controls and all
    bold = card_fonts(card)[1]
    lines = [span.text or "" for span in root.iter(f"{SVG}tspan")]
    title_text = [text for text in root.iter(f"{SVG}text") if text.get("font-weight") == "bold"]
    size = int(title_text[0].get("font-size"))
    assert 1 <= len(lines) <= 4
    assert all(bold.width(line, size) <= WIDTH - 2 * MARGIN for line in lines)
    assert all(bold.covers(char) for line in lines for char in line)
    png = render_card_png(svg)
    assert struct.unpack(">II", chunks(png)[0][1][:8]) == (1200, 630)


def test_a_300_character_title_is_cut_with_an_ellipsis_on_its_fourth_line():
    root = ET.fromstring(card_svg(Card(kicker="Demo", title=LONG_TITLE)))
    lines = [span.text for span in root.iter(f"{SVG}tspan")]
    assert len(lines) == 4
    assert lines[0].startswith("Three hundred characters")
    assert lines[-1].endswith("…")
    assert len("".join(lines)) < 300


def test_a_title_with_nothing_to_draw_shows_the_fallback_and_drops_the_rest():
    card = Card(
        kicker="🚀 · Demo",
        title="🔥 🚀",
        subtitle="Day 3 · 🎉 365",
        fallback="Tue 03 Mar 2026",
    )
    root = ET.fromstring(card_svg(card))
    texts = ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]
    assert texts == ["Demo", "Tue 03 Mar 2026", "Day 3 · 365"]


def test_chinese_japanese_and_korean_titles_are_drawn_and_wrap_between_characters():
    title = "学习 Rust 的第一天：所有权与借用，还有生命周期和智能指针的细节"
    card = Card(kicker="学习 · Demo", title=title, subtitle="Day 3 · 后端 365", fallback="Tue")
    root = ET.fromstring(card_svg(card))
    assert [span.text for span in root.iter(f"{SVG}tspan")] == [
        "学习 Rust 的第一天：所有权与",
        "借用，还有生命周期和智能指针",
        "的细节",
    ]
    texts = ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]
    assert texts[0] == "学习 · Demo" and texts[2] == "Day 3 · 后端 365"
    assert root.get("font-family") == "DejaVu Sans, Droid Sans Fallback"
    # Drawn, not left blank: two titles that differ only in their characters differ in pixels.
    pngs = {
        render_card_png(card_svg(Card(kicker="Demo", title=other)))
        for other in (
            "日本語のタイトル",
            "日本語のメモ帳",
            "한국어 제목입니다",
            "한국어 노트입니다",
        )
    }
    assert len(pngs) == 4


def test_a_line_never_starts_with_closing_punctuation():
    assert pieces("借用，还有 (note), 「引用」。ok") == [
        ("借", " "),
        ("用，", ""),
        ("还", ""),
        ("有", ""),
        ("(note),", " "),
        ("「", " "),
        ("引", ""),
        ("用」。", ""),
        ("ok", ""),
    ]


def test_the_cards_of_a_site_their_paths_and_words():
    site = demo_site()
    cards = {planned.path: planned for planned in plan_cards(site, settings(Path("/x")))}
    assert list(cards) == [
        "cards/index.png",
        "cards/roadmaps/demo.png",
        "cards/journal/free.png",
        "cards/journal/one.png",
        "cards/journal/two.png",
        "cards/journal/three.png",
        "cards/journal/five.png",
    ]
    home = cards["cards/index.png"]
    assert (home.page, home.card.kicker, home.card.title) == (
        "index.md",
        "x.example/sub",
        "Demo Journal",
    )
    assert home.card.subtitle == "5 journal entries · 5 days logged"
    assert (home.card.percent, home.card.progress) == (30, "30% of Demo done")
    demo = cards["cards/roadmaps/demo.png"].card
    assert (demo.subtitle, demo.percent, demo.progress) == (
        "Day 8 of 10",  # today, 9 March
        30,
        "3 of 10 days done · 30%",
    )
    # An entry's card shows the roadmap and the streak as they were on its day: a shared card
    # does not change (nor get rendered again) with every later day.
    two = cards["cards/journal/two.png"]
    assert two.page == "journal/two.md"
    assert two.card == Card(
        kicker="Demo Journal · Tue 03 Mar 2026",
        title="Bits & bytes",
        subtitle="Day 2 · Demo",
        percent=20,
        progress="20% of Demo done",
        streak=2,
        fallback="Tue 03 Mar 2026",
    )
    assert cards["cards/journal/three.png"].card.percent == 20  # partial: not done
    assert cards["cards/journal/five.png"].card.streak == 1  # day 4 missed
    free = cards["cards/journal/free.png"].card
    assert (free.subtitle, free.percent, free.progress) == ("", None, "")
    assert card_pages(list(cards.values()))["journal/two.md"] == {
        "image": "cards/journal/two.png",
        "alt": "Bits & bytes · Day 2 · Demo · 20% of Demo done · 2-day streak",
    }


@pytest.mark.parametrize("include_drafts", [False, True], ids=["build", "preview"])
def test_a_draft_entry_gets_no_card(include_drafts):
    site = demo_site(include_drafts)
    assert any(entry.stem == "secret" for entry in site.entries) == include_drafts
    planned = plan_cards(site, settings(Path("/x")))
    assert not [p for p in planned if "secret" in p.path or "secret" in p.page]
    # Nor does it count: the home card counts five entries, not six, in a preview too.
    assert planned[0].card.subtitle == "5 journal entries · 5 days logged"


def test_the_cache_renders_only_the_cards_whose_inputs_changed(tmp_path, monkeypatch):
    renders = []

    def counting(svg: str) -> bytes:
        renders.append(svg)
        return render_card_png(svg)

    monkeypatch.setattr(write_cards_module, "render_card_png", counting)
    cache = CardCache(tmp_path / "cache")
    planned = plan_cards(demo_site(), settings(tmp_path))
    first = write_cards(tmp_path / "site1", planned, cache)
    assert (first.rendered, first.reused, len(renders)) == (7, 0, 7)
    second = write_cards(tmp_path / "site2", planned, cache)
    assert (second.rendered, second.reused, len(renders)) == (0, 7, 7)
    for card in planned:
        assert (tmp_path / "site1" / card.path).read_bytes() == (
            tmp_path / "site2" / card.path
        ).read_bytes()
    retitled = [
        p._replace(card=replace(p.card, title="New")) if p.page == "journal/two.md" else p
        for p in planned
    ]
    # Into the same site: its cards are hard links to the cache, replaced, never written through.
    third = write_cards(tmp_path / "site1", retitled, cache)
    assert (third.rendered, third.reused, len(renders)) == (1, 6, 8)
    assert "New" in renders[-1]
    two = "cards/journal/two.png"
    assert (tmp_path / "site1" / two).read_bytes() == render_card_png(renders[-1])
    (old,) = [p.card for p in planned if p.page == "journal/two.md"]
    assert cache.path(cache.key(old)).read_bytes() == (tmp_path / "site2" / two).read_bytes()


def test_pruning_deletes_only_the_caches_own_unused_files(tmp_path):
    cache = CardCache(tmp_path)
    kept, old = "a" * 64, "b" * 64
    cache.put(kept, b"png")
    cache.put(old, b"png")
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / "ABC.png").write_bytes(b"mine")
    assert cache.prune({kept}) == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "ABC.png",
        f"{kept}.png",
        "notes.txt",
    ]


def test_worker_processes_write_the_same_cards(tmp_path, monkeypatch):
    monkeypatch.setattr(write_cards_module, "BATCH", 2)  # two batches: two workers
    planned = plan_cards(demo_site(), settings(tmp_path))[:4]
    pooled = write_cards(tmp_path / "pooled", planned, CardCache(tmp_path / "c1"), workers=2)
    alone = write_cards(tmp_path / "alone", planned, CardCache(tmp_path / "c2"), workers=1)
    assert pooled.rendered == alone.rendered == 4
    for card in planned:
        assert (tmp_path / "pooled" / card.path).read_bytes() == (
            tmp_path / "alone" / card.path
        ).read_bytes()


def test_the_colours_come_from_materials_palette():
    palette = [
        {
            "media": "(prefers-color-scheme: light)",
            "scheme": "default",
            "primary": "indigo",
            "accent": "teal",
        },
        {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "red"},
    ]
    assert card_colours(palette) == Colours("#4051b5", "#ffffff", 1.0, "#00bda4")
    # Light primaries carry dark text, as Material's header does.
    assert card_colours({"primary": "yellow", "accent": "red"}) == Colours(
        "#ffec3d", "#000000", 0.87, "#ff1a47"
    )
    # Names Material does not have (custom colours are CSS): Material's default, indigo.
    assert card_colours({"primary": "custom"}) == Colours("#4051b5", "#ffffff", 1.0, "#526cfe")
    assert card_colours(None) == card_colours([]) == Colours()
    # An accent that would vanish on the background: the bar takes the text colour.
    assert card_colours({"primary": "deep-orange", "accent": "deep-orange"}).accent == "#ffffff"


# ---- in a real build ---------------------------------------------------------------------------


def test_a_build_writes_the_cards_and_names_them_in_every_page(fixture_site: Path):
    """The fixture project with cards on: a card per page kind, absolute og:image URLs under the
    sub-path site_url, none for the draft, and a second build draws nothing new (the cache)."""
    config = fixture_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("cards: false", "cards: true"))
    assert build(fixture_site) == 0
    site = fixture_site / "site"
    cards = sorted(p.relative_to(site).as_posix() for p in (site / "cards").rglob("*.png"))
    assert cards == [
        "cards/index.png",
        *[f"cards/journal/{stem}.png" for stem in sorted(PUBLISHED)],
        "cards/roadmaps/demo.png",
    ]
    for path in cards:
        assert (site / path).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    entry = (site / "journal" / "2026-03-08-dns" / "index.html").read_text(encoding="utf-8")
    assert (
        f'<meta property="og:image" content="{SITE_URL}cards/journal/2026-03-08-dns.png">' in entry
    )
    assert '<meta name="twitter:card" content="summary_large_image">' in entry
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert f'<meta property="og:image" content="{SITE_URL}cards/index.png">' in about
    cached = sorted((fixture_site / CACHE_DIR).iterdir())
    before = {p.name: p.stat().st_mtime_ns for p in cached}
    assert build(fixture_site) == 0
    assert {p.name: p.stat().st_mtime_ns for p in (fixture_site / CACHE_DIR).iterdir()} == before


def test_a_project_where_the_cache_cannot_be_written_still_gets_its_cards(
    fixture_site: Path, capsys
):
    """A read-only checkout (here `.cache` is a file, which stops root too): the cards are drawn in
    a scratch folder, the site has them all, and the learner is told why each build redraws them."""
    config = fixture_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("cards: false", "cards: true"))
    (fixture_site / ".cache").write_text("not a folder\n", encoding="utf-8")
    assert build(fixture_site) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert (
        "cannot keep card images in .cache/roadlog/cards (Not a directory): "
        "every build draws all of them again"
    ) in err.splitlines(), err
    site = fixture_site / "site"
    assert len(list((site / "cards").rglob("*.png"))) == len(PUBLISHED) + 2
    assert (fixture_site / ".cache").read_text(encoding="utf-8") == "not a folder\n"
    assert build(fixture_site, "--strict") == 1


def test_a_docs_file_where_the_cards_go_is_refused(fixture_site: Path, capsys):
    """`docs/cards/…` would be overwritten, or would overwrite a card: check and build both stop."""
    config = fixture_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("cards: false", "cards: true"))
    (fixture_site / "docs" / "cards").mkdir(parents=True)
    (fixture_site / "docs" / "cards" / "index.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert_refused(
        fixture_site,
        capsys,
        "docs/cards/index.png:1: this file clashes with /cards, the card images, which Roadlog "
        "generates; rename or move the file",
    )
