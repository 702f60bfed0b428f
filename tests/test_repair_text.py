"""`repair_mojibake`: UTF-8 once read as Mac Roman, cp1252 or cp1254 is put back; correct text never changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.repair_text import Repair, repair_mojibake

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
# Character pairs that only appear in mojibake (the brief's list, written out independently of the code).
SIGNATURES = re.compile("‚Ä|‚ú|‚Ü|‚î|ğŸ|â€|\uf8ff|Ã|ï¸")

# (damaged run, repaired text, guessed): the sequences seen in the learner's seeds.
SEQUENCES = [
    ("‚úÖ", "✅", False),  # Mac Roman
    ("\uf8ffüì¶", "📦", False),  # Mac Roman: the Apple logo is byte 0xF0
    ("\uf8ffüñ•Ô∏è", "🖥️", False),
    ("\uf8ffüóìÔ∏è", "🗓️", False),
    ("‚Äî", "—", False),
    ("‚Üí", "→", False),
    ("‚îú‚îÄ‚îÄ", "├──", False),
    ("ğŸš€", "🚀", False),  # cp1254 (Windows Turkish)
    ("ğŸ§\xa0", "🧠", False),  # 🧠 ends with byte 0xA0, a no-break space in cp1254
    ("ğŸ”—", "🔗", False),
    ("â€“", "–", False),  # cp1252
    ("â€”", "—", False),
    ("â†’", "→", False),
    # Bytes 0x8F / 0x9D are undefined in cp1252/cp1254 and were dropped by the copy: a documented guess.
    ("ğŸ—ï¸", "🏗️", True),
    ("â˜ï¸", "☁️", True),
    ("âš™ï¸", "⚙️", True),
]


@pytest.mark.parametrize(("before", "after", "guessed"), SEQUENCES)
def test_each_seed_sequence_is_repaired_with_its_record(before, after, guessed):
    text, repairs = repair_mojibake(f"## {before} Week 1 — start")
    assert text == f"## {after} Week 1 — start"
    assert repairs == [Repair(line=1, before=before, after=after, guessed=guessed)]


def test_line_numbers_of_repairs():
    text = "# ğŸš€ Plan\nplain line\n\n- ‚úÖ done\nWeek 2 â€“ Caching\n# ğŸ—ï¸ MONTH 2"
    fixed, repairs = repair_mojibake(text)
    assert fixed == "# 🚀 Plan\nplain line\n\n- ✅ done\nWeek 2 – Caching\n# 🏗️ MONTH 2"
    assert repairs == [
        Repair(1, "ğŸš€", "🚀", False),
        Repair(4, "‚úÖ", "✅", False),
        Repair(5, "â€“", "–", False),
        Repair(6, "ğŸ—ï¸", "🏗️", True),
    ]


def test_two_runs_on_one_line_are_two_records():
    fixed, repairs = repair_mojibake("Learn â†’ Build â†’ Write â€” daily")
    assert fixed == "Learn → Build → Write — daily"
    assert repairs == [
        Repair(1, "â†’", "→", False),
        Repair(1, "â†’", "→", False),
        Repair(1, "â€”", "—", False),
    ]


CORRECT = [
    "café",
    "naïve",
    "Zürich",
    "“quotes”",
    "‘single’",
    "→",
    "✅ done",
    "日本語",
    "👩‍💻 coding",  # emoji with a zero-width joiner
    "👨‍👩‍👧",
    "🏳️‍🌈",
    "☁️ ⚙️ 🏗️ ✔️",
    "Straße",
    "İstanbul, doğru, çay",
    "Łódź",
    "30 °C, ½ cup, €5, ©2024",
    "¿Qué?",
    "Ελληνικά, Привет, 한국어, العربية",
    "Ã la carte",
    "5–6 hrs — weekend…",
    "a\u00a0b",
]


@pytest.mark.parametrize("text", CORRECT)
def test_correct_text_is_never_changed(text):
    assert repair_mojibake(text) == (text, [])


# An accented letter right before a curly quote, dash or ellipsis is ordinary French, Spanish or
# Portuguese; it must not be "repaired" into a CJK character.
ACCENT_BEFORE_PUNCTUATION = ["“café”", "Olá—tudo", "café’s menu", "résumé…", "Ça va—oui"]


@pytest.mark.parametrize("text", ACCENT_BEFORE_PUNCTUATION)
def test_accented_letter_before_punctuation_is_not_changed(text):
    assert repair_mojibake(text) == (text, [])


def test_lost_closing_quote_is_guessed_as_a_quote():
    # ” is E2 80 9D; cp1252 has no 0x9D, so a copy keeps only `â€`. The likely byte is 0x9D, not 0x81
    # (which would give U+2001, an invisible em quad).
    fixed, repairs = repair_mojibake("â€œquoteâ€ here")
    assert fixed == "“quote” here"
    assert repairs[-1] == Repair(1, "â€", "”", True)


UNREADABLE = ["‚Ä", "\uf8ff", "ğŸ", "â€", "ï¸", "x ‚Ä y", "üñ•Ô∏è \uf8ff"]


@pytest.mark.parametrize("text", UNREADABLE)
def test_output_never_contains_a_signature(text):
    fixed, repairs = repair_mojibake(text)
    assert not SIGNATURES.search(fixed), fixed
    assert repairs and all(r.guessed for r in repairs if SIGNATURES.search(r.before))


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seeds_have_no_signature_left(seed):
    fixed, repairs = repair_mojibake(seed.read_text(encoding="utf-8"))
    assert not SIGNATURES.search(fixed)
    for repair in repairs:
        assert not SIGNATURES.search(repair.after)
        line = fixed.split("\n")[repair.line - 1]
        assert repair.after in line  # the record points at the line that holds the repair
