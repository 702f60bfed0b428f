"""Repair mojibake in imported text: UTF-8 that was once decoded as Mac Roman, cp1252 or cp1254."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

import emoji
import ftfy

# Mac Roman (‚úÖ for ✅), Windows Western (â€“ for –) and Windows Turkish (ğŸš€ for 🚀) are the
# misreadings seen in learners' files; each is tried on every run of non-ASCII characters.
CODECS = ("mac_roman", "cp1252", "cp1254")
# Bytes a codec cannot show: a copy through such a codec silently drops them.
LOST_BYTES = {
    "cp1252": b"\x81\x8d\x8f\x90\x9d",
    "cp1254": b"\x81\x8d\x8e\x8f\x90\x9d\x9e",
    "mac_roman": b"",
}
RUN = re.compile(r"[^\x00-\x7f]+")
# Character pairs that only appear in mojibake, never in text a person wrote.
SIGNATURES = re.compile("‚Ä|‚Ü|‚ú|‚î|\uf8ff|ğŸ|â€|Ã[\x80-\xbf]|Â[\x80-\xbf]|ï¸")
FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False, normalization=None
)


@dataclass(frozen=True)
class Repair:
    """One repaired (or dropped) run of characters."""

    line: int
    before: str
    after: str
    guessed: bool = False


def repair_mojibake(text: str) -> tuple[str, list[Repair]]:
    """The text with every recoverable mojibake run re-decoded; unrecoverable glyphs are dropped."""
    repairs: list[Repair] = []
    # Until nothing changes (twice at most in practice): a repair can reveal another layer of
    # mojibake, and the result must be stable, so repairing repaired text changes nothing.
    for _ in range(3):
        lines = []
        for number, line in enumerate(text.split("\n"), start=1):
            lines.append(RUN.sub(lambda m, n=number: _repair_run(m.group(), n, repairs), line))
        repaired = "\n".join(lines)
        if repaired == text:
            break
        text = repaired
    return text, repairs


def _repair_run(run: str, line: int, repairs: list[Repair]) -> str:
    for codec in CODECS:
        fixed, guessed = _redecode(run, codec)
        if fixed is not None:
            repairs.append(Repair(line, run, fixed, guessed))
            return fixed
    fixed = ftfy.fix_text(run, config=FTFY_CONFIG)
    if SIGNATURES.search(fixed):
        # Bytes are lost beyond a guess: drop the broken glyph rather than publish garbage.
        fixed = SIGNATURES.sub("", fixed)
        fixed = "".join(ch for ch in fixed if unicodedata.category(ch) not in ("Co", "Cn"))
    if fixed != run:
        repairs.append(Repair(line, run, fixed, guessed=SIGNATURES.search(run) is not None))
    return fixed


def _redecode(run: str, codec: str) -> tuple[str | None, bool]:
    """`run` encoded back with `codec` and read as UTF-8; with up to two dropped bytes restored."""
    try:
        raw = run.encode(codec)
    except UnicodeEncodeError:
        return None, False
    candidate = _utf8(raw)
    if candidate is not None:
        return (candidate, False) if _plausible(candidate, run) else (None, False)
    # Guess lost bytes only where the run carries a mojibake signature (never in "café”"), and only
    # while at most one byte in three is missing: a lone `ğŸ` is dropped, not turned into 🍍.
    if not SIGNATURES.search(run):
        return None, False
    # Documented best guess: put back the fewest undefined bytes that give valid UTF-8, preferring
    # a standard emoji sequence (🏗️, not 🍗 with a stray selector or the domino 🁗), then quotes over
    # dashes over other characters (â€ is a lost ”), then the same byte lost each time (0x8F twice
    # gives 🏗️, not 🎗️), then the lowest bytes.
    for count in range(1, max(1, len(raw) // 2) + 1):
        guesses = []
        for positions in itertools.combinations_with_replacement(range(1, len(raw) + 1), count):
            for lost in itertools.product(LOST_BYTES[codec], repeat=count):
                guess = bytearray(raw)
                for offset, (position, byte) in enumerate(zip(positions, lost, strict=True)):
                    guess.insert(position + offset, byte)
                candidate = _utf8(bytes(guess))
                if candidate is not None and _plausible(candidate, run):
                    rank = _guess_rank(candidate)
                    guesses.append((rank, len(set(lost)), lost, candidate))
        if guesses:
            return min(guesses)[-1], True
        if count >= 2:
            break
    return None, False


def _guess_rank(candidate: str) -> int:
    if candidate in emoji.EMOJI_DATA:  # exactly one emoji, as the standard spells it
        return 0
    if emoji.purely_emoji(candidate):
        return 1
    categories = {unicodedata.category(ch) for ch in candidate}
    if categories <= {"Pi", "Pf"}:
        return 2
    if all(c[0] == "P" for c in categories):
        return 3
    return 4


def _utf8(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _plausible(candidate: str, run: str) -> bool:
    """A real repair is shorter and made of printable characters (emoji, dashes, arrows, letters)."""
    return len(candidate) < len(run) and all(
        unicodedata.category(ch)[0] in "LNPSZ" or ch in "\ufe0f\u200d" for ch in candidate
    )
