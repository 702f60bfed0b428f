"""`check` and `build` agree: what `check` accepts builds, what `build` refuses `check` reports.

A property test (hypothesis) writes entries and a roadmap whose titles, tags, bodies and file names
carry control characters, YAML escapes, bidi and invisible characters, odd YAML and long strings,
then runs `roadlog check` and `roadlog build` on the same project, in-process. Each example is a
real build of a small site, so there are few of them; ROADLOG_EXPLORE=1 draws new ones on each run.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import SOURCE_DATE_EPOCH, git
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.cli import main

PROJECT = Path(__file__).resolve().parent / "bad_input" / "_project"
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=os.environ.get("ROADLOG_EXPLORE") != "1",
    database=None,
)

# ---- strategies --------------------------------------------------------------------------------

SPECIAL = [
    *"\x00\x01\x07\x0b\x0c\x1b\x7f\x85\xa0\t\n\r ",
    *"\u200b\u200e\u200f\u202a\u202e\u2066\u2069\u2028\ufeff\ufffe\uffff\u3000",
    *"\x9b\ufdd0\ufdef\U0001fffe\U0010ffff\u2010\u2212\uff0d",
    *"#?%\"'<>\\:-[]{}&*!|,`é日\U0001f600",
    "---",
    "\n---\n",
    "draft: true",
    "draft = true",
    "----\n",
    "+++\n",
    "--- # meta\n",
    "日" * 40,
    "[a link](../2026-03-04-secret/)",
    "x" * 300,
]
# What a learner types inside a double-quoted YAML value: escapes of every kind, good and bad.
ESCAPES = [
    *(f"\\{c}" for c in '0abtnvfre "/\\N_LP'),
    "\\x01",
    "\\x7f",
    "\\u202e",
    "\\ud800",
    "\\uFFFE",
    "\\uFDD0",
    "\\U0001FFFE",
    "\\x9b",
    "\\u2066",
    "\\U0001F600",
    "\\q",
    "plain",
    " ",
    "é",
]
texts = st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(max_size=6)), max_size=8).map("".join)
name_parts = st.lists(
    st.one_of(
        st.sampled_from([*'-_. #?%"<>\\\x01\t\u200b\u202eé日', "café", "x" * 40]),
        st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="/\0"), max_size=4),
    ),
    min_size=1,
    max_size=5,
).map("".join)


def escape(text: str) -> str:
    """`text` as the inside of a double-quoted YAML string, its controls written as escapes."""
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029\ufeff\ufffe\uffff":
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    return "".join(out)


@st.composite
def scalars(draw) -> str:
    """A YAML value written in one of the ways a learner would: quoted, escaped, plain, a block."""
    style = draw(st.sampled_from(["double", "escapes", "single", "plain", "literal"]))
    if style == "escapes":
        return '"' + "".join(draw(st.lists(st.sampled_from(ESCAPES), max_size=6))) + '"'
    text = draw(texts)
    if style == "double":
        return f'"{escape(text)}"'
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "literal":
        return "|\n" + "".join(f"  {line}\n" for line in text.split("\n")).rstrip("\n")
    return text


@st.composite
def entries(draw) -> tuple[str, str]:
    """(file name, text) of one entry."""
    day = draw(st.integers(3, 9))
    stem = f"2026-03-{day:02d}-" + draw(st.one_of(st.just("entry"), name_parts))
    lines = ["---", f"title: {draw(scalars())}"]
    lines.append(f"tags: [{draw(scalars())}, plain]" if draw(st.booleans()) else "tags: []")
    draft = draw(st.sampled_from([None, "true", "false"]))
    if draft:
        lines.append(f"draft: {draft}")
    lines += ["---", draw(texts)]
    return f"{stem}.md", "\n".join(lines) + "\n"


@st.composite
def projects(draw) -> dict[str, str]:
    """Files to add to the minimal project: a few entries and maybe a roadmap."""
    files = {}
    for name, text in draw(st.lists(entries(), min_size=1, max_size=3)):
        files[f"journal/{name}"] = text
    if draw(st.booleans()):
        files["journal/2026-03-04-secret.md"] = "---\ndraft: true\n---\nA draft.\n"
    if draw(st.booleans()):
        files["roadmaps/prop.yaml"] = (
            f"id: prop\ntitle: {draw(scalars())}\nstart: '2026-03-01'\nchildren:\n"
            f"  - day: 1\n    title: {draw(scalars())}\n    tasks: [{draw(scalars())}]\n"
        )
    return files


# ---- running both commands ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project of the bad-input corpus, in a git repository, copied for each example."""
    root = tmp_path_factory.mktemp("template") / "project"
    shutil.copytree(PROJECT, root)
    git(root, "init", "-q", "-b", "main")
    return root


@pytest.fixture(scope="module", autouse=True)
def fixed_today():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        yield


def run(project: Path, command: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `roadlog -f project/mkdocs.yml <command>`, in-process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["-f", str(project / "mkdocs.yml"), command])
    return code, out.getvalue(), err.getvalue()


def problem_lines(text: str) -> list[str]:
    """Roadlog's `path:line: message` lines, without the summaries and MkDocs' own messages."""
    own = ("error: ", "warning: ", "info: ", "OK: ", "Built ")
    return [
        line
        for line in text.splitlines()
        if line and not line.startswith(own) and not re.fullmatch(r"\d+ error\(s\)", line)
    ]


def write_files(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(text.encode("utf-8", "surrogatepass"))


def assert_agree(template: Path, files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        shutil.copytree(template, project, symlinks=True)
        write_files(project, files)
        checked, out, err = run(project, "check")
        assert "Traceback" not in out + err, out + err
        built, build_out, build_err = run(project, "build")
        assert "Traceback" not in build_out + build_err, build_err
        if checked == 0:
            assert built == 0, f"check said OK:\n{out}\nbuild failed:\n{build_err}"
            assert (project / "site" / "index.html").is_file()
        else:
            assert built == 1, f"check refused:\n{out}\nbuild succeeded:\n{build_err}"
            assert not (project / "site").exists()
        assert problem_lines(build_err) == problem_lines(out)


@SETTINGS
@given(projects())
@example({"journal/2026-03-05-bell.md": '---\ntitle: "bell \\a here"\n---\nText.\n'})
@example({"journal/2026-03-05-tag.md": '---\ntags: ["ctl\\x01", "\\ud800"]\n---\nText.\n'})
@example({"roadmaps/prop.yaml": 'id: prop\ntitle: "\\e[31mred"\n'})
@example({"journal/2026-03-05-noncharacter.md": "A \ufffe in the body.\n"})
@example({"journal/2026-03-05-zero-width.md": "\u200b---\ndraft: true\n---\nSecret.\n"})
@example({"journal/2026-03-05-my day #1.md": "Text.\n"})
@example({"journal/2026-03-05-Draft.md": "---\nDraft: true\n---\nSecret.\n"})
@example({"journal/2026-03-05-bidi\u202e.md": "---\ntitle: \u202eevil\n---\nText.\n"})
@example({"journal/2026-03-05-hugo.md": '+++\ntitle = "X"\ndraft = true\n+++\nSecret.\n'})
@example(
    {"journal/2026-03-05-dashes.md": "\u2212\u2212\u2212\ndraft: true\n\u2212\u2212\u2212\nX\n"}
)
@example({"journal/2026-03-05-c1.md": '---\ntitle: "\\N \\uFDD0"\n---\nA \x9b \x7f.\n'})
@example(
    {"journal/2026-03-05-long.md": "---\ntags: [" + "a" * 300 + ", " + "日" * 100 + "]\n---\n"}
)
@example({"roadmaps/topics.yaml": "topics:\n  - name: X\n    slug: " + "s" * 300 + "\n"})
@example(
    {"journal/a/2026-03-05-caf\u00e9.md": "A.\n", "journal/b/2026-03-05-cafe\u0301.md": "B.\n"}
)
def test_check_and_build_agree(template: Path, files: dict[str, str]):
    assert_agree(template, files)


def test_an_escape_in_the_topic_vocabulary_is_refused_by_both(template: Path):
    files = {"roadmaps/topics.yaml": 'topics:\n  - name: "DNS \\a"\n'}
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        shutil.copytree(template, project)
        write_files(project, files)
        for command in ("check", "build"):
            code, out, err = run(project, command)
            assert code == 1
            assert problem_lines(out + err) == [
                "roadmaps/topics.yaml:2: the control character U+0007 is not allowed; delete it"
            ]
