"""Turn a log day's lines into an entry: its labelled parts (`**Today's Progress**`, `**Thoughts**`,
`**Link(s) to work**`), the markdown body in that order, and a title."""

from __future__ import annotations

import re
import textwrap
from typing import NamedTuple

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
RULE = re.compile(r"^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
LABELS = {
    "progress": r"(?:today[’']?s[ \t]+)?progress",
    "thoughts": r"thoughts?",
    "links": r"links?(?:\(s\))?(?:[ \t]+to[ \t]+(?:my[ \t]+)?work)?",
    "date": r"date",
}
FIELD = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?P<hashes>#{1,6}[ \t]*)?(?P<open>\*{1,3}|_{1,2})?[ \t]*"
    rf"(?P<label>{'|'.join(f'(?P<{kind}>{rx})' for kind, rx in LABELS.items())})(?!\w)"
    r"[ \t]*(?P<colon>:)?[ \t]*(?(open)(?P=open))[ \t]*(?P<colon2>:)?[ \t]*(?P<rest>.*)$",
    re.I,
)
OTHER_LABEL = re.compile(r"^[ \t]*(\*\*|__)[^*_\n]{1,40}?(?::[ \t]*\1|\1[ \t]*:)")
MD_LINK = r"!?\[[^\]]*\]\([^)\s]+(?:[ \t]+\"[^\"]*\")?\)"
LINK = re.compile(rf"{MD_LINK}|<https?://[^>\s]+>|https?://[^\s<>]+[^\s<>.,;:!?)\]'\"]")
LINK_SEPARATORS = re.compile(r"^(?:[\s,;.|&/·•-]|and\b)*$", re.I)
LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
TITLE_WORDS = 8
# Words a cut title should not end on: "Finished the course and…".
DANGLING = {"a", "an", "and", "at", "but", "for", "in", "of", "on", "or", "the", "to", "with"}
# A paragraph that can give a title: not a heading, quote, list, table, HTML, code or label.
PLAIN_START = re.compile(r"^[ \t]{0,3}(?![#>|<`~*_\-+]|\d+[.)]\s)\S")


class Segment(NamedTuple):
    kind: str  # progress, thoughts, links, date or other
    content: str  # markdown; for a date, its line as written
    date: str = ""  # for a date, the date text


def label_of(line: str) -> str | None:
    """The kind of field a `**Thoughts:**`-style line starts, if it is one."""
    match = FIELD.match(line)
    if not match or not (match.group("open") or match.group("hashes") or match.group("colon")):
        return None  # a plain `Progress was slow` is a sentence, not a label
    return next(kind for kind in LABELS if match.group(kind))


def segments_of(lines: list[tuple[str, bool]]) -> list[Segment]:
    """Cut a day at its labels; the text before the first label and unknown labels are `other`."""
    # (kind, the text after the label, the lines below it)
    cuts: list[tuple[str, str, list[str]]] = [("other", "", [])]
    lines = list(lines)
    while lines and (not lines[-1][0].strip() or RULE.match(lines[-1][0])) and not lines[-1][1]:
        lines.pop()  # the `---` between days
    for text, code in lines:
        kind = None if code else label_of(text)
        if kind == "date":  # one line: the date, kept as it was written unless it dates the day
            cuts += [("date", FIELD.match(text).group("rest").strip(), [text]), ("other", "", [])]
        elif kind:
            cuts.append((kind, FIELD.match(text).group("rest").strip(), []))
        elif not code and OTHER_LABEL.match(text):
            cuts.append(("other", "", [text]))
        else:
            cuts[-1][2].append(text)
    out = []
    for kind, first, body in cuts:
        if kind == "date":
            out.append(Segment(kind, body[0], first))
            continue
        if kind != "other":
            # Lines under a label are often indented to line up with it: that is not code.
            body = ([first] if first else []) + textwrap.dedent("\n".join(body)).split("\n")
        if content := "\n".join(_trim(body)):
            out.append(Segment(kind, content))
    return out


def _trim(lines: list[str]) -> list[str]:
    """Drop blank lines and `---` rules at both ends."""
    start, end = 0, len(lines)
    while start < end and (not lines[start].strip() or RULE.match(lines[start])):
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _field(segments: list[Segment], kind: str) -> str:
    return "\n\n".join(s.content for s in segments if s.kind == kind)


def body_of(segments: list[Segment]) -> str:
    """The progress, `## Thoughts`, `## Link to work`, then everything else in the log's order."""
    parts = [_field(segments, "progress")]
    if thoughts := _field(segments, "thoughts"):
        parts.append(f"## Thoughts\n\n{thoughts}")
    if links := _field(segments, "links"):
        parts.append(f"## Link to work\n\n{_link_list(links)}")
    parts += [s.content for s in segments if s.kind in ("other", "date")]
    text = "\n\n".join(part for part in parts if part)
    return f"{text}\n" if text else ""


def _link_list(text: str) -> str:
    """Links as a list: a line of only links gives an item per link, a line with a link one item."""
    lines = text.split("\n")
    if LIST_ITEM.match(lines[0]) or any(FENCE.match(line) for line in lines):
        return text
    out: list[str] = []
    for line in lines:
        links = LINK.findall(line)
        item = bool(links)
        if out and out[-1] and out[-1].startswith("- ") != item and line.strip():
            out.append("")  # a list and a paragraph need a blank line between them
        if not links:
            out.append(line)
        elif LINK_SEPARATORS.match(LINK.sub(" ", line)):
            out += [f"- {_autolink(link)}" for link in links]
        else:
            out.append(f"- {LINK.sub(lambda m: _autolink(m.group(0)), line.strip())}")
    return "\n".join(out)


def _autolink(link: str) -> str:
    """A bare URL as `<url>`, which every markdown makes a link."""
    return f"<{link}>" if link.startswith("http") else link


def title_of(number: int, note: str, segments: list[Segment]) -> str:
    """`Day N: ` and the heading's own title, else the start of the progress or of a plain text."""
    summary = _plain(note) if note else _summary(_field(segments, "progress"))
    other = [s.content for s in segments if s.kind == "other"]
    if not summary and other and PLAIN_START.match(other[0]):
        summary = _summary(other[0])  # a day written without labels
    return f"Day {number}: {summary}" if summary else f"Day {number}"


def _summary(progress: str) -> str:
    """The first clause of the progress, at most TITLE_WORDS words, as a title."""
    paragraph = " ".join(progress.split("\n\n", 1)[0].split())
    paragraph = re.sub(r"^(?:#+|[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s*)?", "", paragraph)
    clause = re.split(r"(?<=[.!?;:,])\s|\s[-–—]\s|\s\(", _plain(paragraph), maxsplit=1)[0]
    words = clause.split()
    kept = words[:TITLE_WORDS]
    if len(words) > TITLE_WORDS:
        while len(kept) > 1 and kept[-1].lower() in DANGLING:
            kept.pop()
        kept[-1] += "…"
    text = " ".join(kept).rstrip(".,;:!?")
    if words and re.fullmatch(r"[a-z][a-z'’]*", words[0]):
        text = text[0].upper() + text[1:]
    return text


def _plain(text: str) -> str:
    """Markdown reduced to its words: links to their text, no emphasis or code marks."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    return " ".join(re.sub(r"\*+|`+|(?<!\w)_+|_+(?!\w)", "", text).split())
