"""README documents every command, every flag and every plugin option (as sqlite-utils does)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from generator.cli import make_parser
from generator.plugin import RoadlogConfig

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = make_parser()
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


@pytest.mark.parametrize("command", sorted(_subcommands()))
def test_every_command_has_a_readme_section(command):
    assert f"### `roadlog {command}" in README


GLOBAL_OPTIONS = {option for action in make_parser()._actions for option in action.option_strings}


@pytest.mark.parametrize(
    "command, flag",
    [
        (name, option)
        for name, sub in sorted(_subcommands().items())
        for action in sub._actions
        for option in action.option_strings
        if option not in GLOBAL_OPTIONS  # -h, -f, -v: documented once, for every command
    ],
)
def test_every_flag_is_documented(command, flag):
    section = README.split(f"### `roadlog {command}", 1)[1].split("\n### ", 1)[0]
    assert flag in section


@pytest.mark.parametrize("option", sorted(name for name, _ in RoadlogConfig._schema))
def test_every_plugin_option_is_in_the_options_table(option):
    assert f"| `{option}` |" in README


def test_global_flags_are_documented():
    for action in make_parser()._actions:
        for option in action.option_strings:
            if option not in ("-h", "--help"):
                assert f"`{option}" in README or f" {option} " in README, option
