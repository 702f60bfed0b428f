"""load_history: commits of real git repositories, in the configured timezone, plus warnings."""

import datetime as dt
from zoneinfo import ZoneInfo

from conftest import git as conftest_git

from generator.load_history import RepoSource, load_history

UTC = ZoneInfo("UTC")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
TOKYO = ZoneInfo("Asia/Tokyo")


def git(repo, *args, when="2026-01-05T12:00:00+00:00"):
    """Run git in `repo` with a fixed identity and date, ignoring the machine's git config."""
    return conftest_git(
        repo, *args, date=when, author="Ada Lövelace", email="ada@example.com"
    ).strip()


def make_repo(path):
    path.mkdir(parents=True)
    git(path, "init", "-q", "-b", "main")
    return path


def commit(repo, message, when, files=None):
    """Commit `files` ({name: text}) with `message` at `when`; return the sha."""
    for name, text in (files or {}).items():
        file = repo / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message, when=when)
    return git(repo, "rev-parse", "HEAD")


def test_late_evening_commit_stays_on_its_local_date(tmp_path):
    repo = make_repo(tmp_path / "journal-repo")
    commit(repo, "Day 1", "2026-01-05T23:30:00-08:00", {"a.md": "a"})
    [local], warnings = load_history([RepoSource(repo, "journal")], LOS_ANGELES)
    assert warnings == []
    assert local.when == dt.datetime(2026, 1, 5, 23, 30, tzinfo=LOS_ANGELES)
    assert local.when.utcoffset() == dt.timedelta(hours=-8)
    assert local.date == dt.date(2026, 1, 5)
    assert local.when.astimezone(UTC).date() == dt.date(2026, 1, 6)
    [utc], _ = load_history([RepoSource(repo, "journal")], UTC)
    assert utc.date == dt.date(2026, 1, 6)


def test_time_is_converted_to_the_configured_zone(tmp_path):
    repo = make_repo(tmp_path / "r")
    commit(repo, "Evening in London", "2026-01-05T20:00:00+00:00")
    [c], _ = load_history([RepoSource(repo, "r")], TOKYO)
    assert c.when == dt.datetime(2026, 1, 6, 5, 0, tzinfo=TOKYO)
    assert c.when.utcoffset() == dt.timedelta(hours=9)
    assert c.date == dt.date(2026, 1, 6)


def test_commit_fields(tmp_path):
    repo = make_repo(tmp_path / "r")
    sha = commit(
        repo,
        "Add <b>café</b> notes\n\nA body that is not the subject.",
        "2026-01-05T10:00:00+01:00",
        {"notes/café.md": "x", "README.md": "x", "src/a b.py": "x"},
    )
    [c], warnings = load_history(
        [RepoSource(repo, "journal", "https://github.com/ada/journal/")], UTC
    )
    assert warnings == []
    assert c.repo == "journal"
    assert c.sha == sha
    assert len(c.sha) == 40
    assert c.author == "Ada Lövelace"
    assert c.subject == "Add <b>café</b> notes"
    assert c.files == ("README.md", "notes/café.md", "src/a b.py")
    assert c.url == f"https://github.com/ada/journal/commit/{sha}"


def test_no_url_without_a_repository_url(tmp_path):
    repo = make_repo(tmp_path / "r")
    commit(repo, "First", "2026-01-05T10:00:00+00:00", {"a.md": "a"})
    [c], _ = load_history([RepoSource(repo, "r")], UTC)
    assert c.url is None


def test_file_name_with_a_quote_is_shown_as_it_is(tmp_path):
    repo = make_repo(tmp_path / "r")
    commit(repo, "Quotes", "2026-01-05T10:00:00+00:00", {'notes/say "hi".md': "x"})
    [c], _ = load_history([RepoSource(repo, "r")], UTC)
    assert c.files == ('notes/say "hi".md',)


def test_empty_commit_has_no_files_and_merges_are_skipped(tmp_path):
    repo = make_repo(tmp_path / "r")
    commit(repo, "Start", "2026-01-05T10:00:00+00:00", {"a.md": "a"})
    commit(repo, "Nothing changed", "2026-01-06T10:00:00+00:00")
    git(repo, "checkout", "-q", "-b", "side")
    commit(repo, "On a branch", "2026-01-07T10:00:00+00:00", {"b.md": "b"})
    git(repo, "checkout", "-q", "main")
    commit(repo, "On main", "2026-01-08T10:00:00+00:00", {"c.md": "c"})
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge side", "side", when="2026-01-09T10:00:00Z")
    commits, _ = load_history([RepoSource(repo, "r")], UTC)
    assert [(c.subject, c.files) for c in commits] == [
        ("Start", ("a.md",)),
        ("Nothing changed", ()),
        ("On a branch", ("b.md",)),
        ("On main", ("c.md",)),
    ]


def test_tracked_folder_limits_files_but_keeps_every_commit(tmp_path):
    """With `tracked`, files are listed only under it (renames inside it kept); commits all stay."""
    notes = make_repo(tmp_path / "notes")
    code = make_repo(tmp_path / "code")
    commit(notes, "Entry", "2026-01-05T10:00:00+00:00", {"journal/a.md": "a", "README.md": "r"})
    commit(notes, "Tooling", "2026-01-06T10:00:00+00:00", {"Makefile": "all:"})
    (notes / "journal/2026").mkdir()
    git(notes, "mv", "journal/a.md", "journal/2026/a.md")
    commit(notes, "Move", "2026-01-07T10:00:00+00:00")
    commit(code, "Code", "2026-01-06T12:00:00+00:00", {"journal/x.py": "x"})
    sources = [RepoSource(notes, "notes"), RepoSource(code, "code")]
    commits, _ = load_history(sources, UTC, tracked=notes / "journal")
    assert [(c.repo, c.subject, c.files, c.renames) for c in commits] == [
        ("notes", "Entry", ("journal/a.md",), ()),
        ("notes", "Tooling", (), ()),
        ("code", "Code", (), ()),  # `tracked` is not in this repository
        ("notes", "Move", ("journal/2026/a.md",), (("journal/a.md", "journal/2026/a.md"),)),
    ]


def test_two_repositories_are_merged_oldest_first(tmp_path):
    notes = make_repo(tmp_path / "notes")
    code = make_repo(tmp_path / "code")
    commit(notes, "notes 1", "2026-01-05T09:00:00+00:00", {"1.md": "1"})
    commit(code, "code 1", "2026-01-05T10:00:00+00:00", {"1.py": "1"})
    commit(notes, "notes 2", "2026-01-06T09:00:00+00:00", {"2.md": "2"})
    commit(code, "code 2", "2026-01-06T08:00:00+00:00", {"2.py": "2"})
    commits, warnings = load_history([RepoSource(notes, "notes"), RepoSource(code, "code")], TOKYO)
    assert warnings == []
    assert [(c.repo, c.subject, c.when.isoformat()) for c in commits] == [
        ("notes", "notes 1", "2026-01-05T18:00:00+09:00"),
        ("code", "code 1", "2026-01-05T19:00:00+09:00"),
        ("code", "code 2", "2026-01-06T17:00:00+09:00"),
        ("notes", "notes 2", "2026-01-06T18:00:00+09:00"),
    ]


def test_directory_that_is_not_a_repository(tmp_path):
    # Like the shallow-clone warning, it points at the config that names the repository.
    plain = tmp_path / "plain"
    plain.mkdir()
    commits, warnings = load_history([RepoSource(plain, "notes", label="plain")], UTC)
    assert commits == []
    assert [str(w) for w in warnings] == [
        "mkdocs.yml:1: warning: repository 'plain' is not a git repository, so none of its commits count"
    ]


def test_missing_directory(tmp_path):
    missing = tmp_path / "missing"
    commits, warnings = load_history([RepoSource(missing, "notes", label="missing")], UTC)
    assert commits == []
    assert [str(w) for w in warnings] == [
        "mkdocs.yml:1: warning: repository 'missing' is not a git repository, so none of its commits count"
    ]


def test_repository_without_commits(tmp_path):
    repo = make_repo(tmp_path / "r")
    assert load_history([RepoSource(repo, "r")], UTC) == ([], [])


def test_shallow_clone_is_reported(tmp_path):
    origin = make_repo(tmp_path / "origin")
    commit(origin, "Old", "2026-01-05T10:00:00+00:00", {"a.md": "a"})
    commit(origin, "New", "2026-01-06T10:00:00+00:00", {"b.md": "b"})
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    commits, warnings = load_history([RepoSource(clone, "site", label="clone")], UTC)
    assert [c.subject for c in commits] == ["New"]
    assert [str(w) for w in warnings] == [
        "mkdocs.yml:1: warning: repository 'clone' is a shallow git clone, so older commits and "
        "dates are missing; fetch the full history (in GitHub Actions: actions/checkout with "
        "`fetch-depth: 0`)"
    ]


def test_warnings_point_at_the_given_config_file(tmp_path):
    origin = make_repo(tmp_path / "origin")
    commit(origin, "Only", "2026-01-05T10:00:00+00:00", {"a.md": "a"})
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    _, warnings = load_history([RepoSource(clone, "site")], UTC, "site.yml")
    assert [str(w) for w in warnings] == [
        "site.yml:1: warning: repository '.' is a shallow git clone, so older commits and "
        "dates are missing; fetch the full history (in GitHub Actions: actions/checkout with "
        "`fetch-depth: 0`)"
    ]


def test_one_bad_source_does_not_hide_the_others(tmp_path):
    repo = make_repo(tmp_path / "r")
    commit(repo, "First", "2026-01-05T10:00:00+00:00", {"a.md": "a"})
    plain = tmp_path / "plain"
    plain.mkdir()
    commits, warnings = load_history(
        [RepoSource(plain, "plain", label="plain"), RepoSource(repo, "r", label="r")], UTC
    )
    assert [c.subject for c in commits] == ["First"]
    assert len(warnings) == 1
