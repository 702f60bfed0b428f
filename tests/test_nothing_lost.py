"""Roadlog never changes or deletes a learner's file: checksums before and after every command."""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from conftest import roadlog_command

from generator.cli import main


def checksums(project: Path) -> dict[str, tuple[str, int]]:
    """Content hash and mtime of every file under journal/ and roadmaps/ (and mkdocs.yml)."""
    files = [
        *sorted((project / "journal").rglob("*")),
        *sorted((project / "roadmaps").rglob("*")),
        project / "mkdocs.yml",
    ]
    return {
        str(f.relative_to(project)): (
            hashlib.sha256(f.read_bytes()).hexdigest(),
            f.stat().st_mtime_ns,
        )
        for f in files
        if f.is_file()
    }


def test_build_check_status_and_failures_leave_every_file_as_it_was(
    fixture_site: Path, capsys, monkeypatch
):
    before = checksums(fixture_site)
    config = str(fixture_site / "mkdocs.yml")
    assert main(["-f", config, "build"]) == 0
    assert main(["-f", config, "check"]) == 0
    assert main(["-f", config, "status"]) == 0
    entry = next((fixture_site / "journal").rglob("2026-03-02-bits.md"))
    roadmap = fixture_site / "roadmaps" / "demo.yaml"
    monkeypatch.chdir(fixture_site)
    # Refusals: an entry that exists, a roadmap file that exists, a log whose day exists.
    assert main(["-f", config, "new", "--date", "2026-03-02"]) == 1
    assert main(["import", str(entry), "-o", str(roadmap)]) == 1
    log = fixture_site.parent / "log.md"
    log.write_text("### Day 1: March 2, 2026\n**Today's Progress**: bits\n", encoding="utf-8")
    assert main(["import-log", str(log), "-o", str(fixture_site / "journal")]) in (0, 1)
    capsys.readouterr()
    after = checksums(fixture_site)
    assert {k: v for k, v in after.items() if k in before} == before
    assert set(after) - set(before) <= {"journal/2026/2026-03-02-day-1.md"}  # import-log only adds


def test_serve_leaves_every_file_as_it_was(fixture_site: Path):
    before = checksums(fixture_site)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [*roadlog_command(), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=fixture_site,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as client:
                if client.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        time.sleep(1)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    assert checksums(fixture_site) == before
