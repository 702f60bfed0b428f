"""`roadlog build` renders its pages in a forked worker: same bytes, no process left behind."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from conftest import build

from generator import plugin, render_aside
from generator.render_aside import PagesAside, _batches, can_render_aside


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        file.relative_to(folder).as_posix(): file.read_bytes()
        for file in sorted(folder.rglob("*"))
        if file.is_file()
    }


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every page the build asked the worker for."""
    uris: list[str] = []
    text = PagesAside.text

    def spy(self, uri):
        uris.append(uri)
        return text(self, uri)

    monkeypatch.setattr(PagesAside, "text", spy)
    return uris


def test_pages_from_the_worker_are_the_pages_rendered_in_process(
    fixture_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, asked: list[str]
):
    assert can_render_aside(), "this test needs Linux and two cores"
    assert build(fixture_site, "-d", str(tmp_path / "aside")) == 0
    assert "index.md" in asked and "calendar.md" in asked and len(asked) == len(set(asked))
    assert multiprocessing.active_children() == []

    monkeypatch.setattr(plugin, "can_render_aside", lambda: False)
    asked.clear()
    assert build(fixture_site, "-d", str(tmp_path / "in-process")) == 0
    assert asked == []

    aside, in_process = files_of(tmp_path / "aside"), files_of(tmp_path / "in-process")
    assert "journal/2026-03-08-dns/index.html" in aside
    assert sorted(aside) == sorted(in_process)
    assert [name for name in aside if aside[name] != in_process[name]] == []


def test_a_failing_page_fails_the_build_and_stops_the_worker(
    fixture_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    def broken(env, site, settings, template, uri, context):
        raise RuntimeError(f"cannot render {uri}")

    monkeypatch.setattr(render_aside, "render_page", broken)
    with pytest.raises(RuntimeError, match="cannot render index.md"):
        build(fixture_site, "-d", str(tmp_path / "site"))
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("count", [0, 1, 4, 5, 300, 1359])
def test_batches_cover_every_page_once_in_order(count: int):
    batches = list(_batches(count))
    assert [i for start, end in batches for i in range(start, end)] == list(range(count))
    sizes = [end - start for start, end in batches]
    assert sizes[:1] in ([], [min(count, 4)]) and max(sizes, default=0) <= 64
