"""Write roadmap data as readable YAML: schema line first, block style for multi-line text."""

from __future__ import annotations

import yaml


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes multi-line strings as `|` blocks and indents lists under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        # Trailing spaces or tabs would force a quoted style: drop them so the block stays readable.
        value = "\n".join(line.rstrip() for line in value.split("\n"))
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _string)


def render_roadmap_yaml(data: dict, schema: str) -> str:
    """The roadmap as YAML text, opening with the `yaml-language-server` schema line for editors."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
    return f"# yaml-language-server: $schema={schema}\n{body}"
