"""The site looks finished and serves: colours that reach WCAG AA contrast, readable built files.

The contrast tests compute the ratios from the colours themselves: Roadlog's stylesheet on top of
the installed Material's own (its palette and variables, light `default` and dark `slate`, primary
indigo as shipped), so a Material upgrade that changes a colour is caught here too. Translucent
colours are composited over what they sit on, as a browser paints them.
"""

from __future__ import annotations

import colorsys
import math
import os
import re
import stat
from pathlib import Path

import material
import pytest
from conftest import SOURCE_DATE_EPOCH, build, make_project

ROOT = Path(__file__).resolve().parents[1]
ROADLOG_CSS = ROOT / "site_template/overrides/assets/stylesheets/roadlog.css"
MATERIAL_CSS = Path(material.__file__).parent / "templates/assets/stylesheets"
AA = 4.5
# Material puts the scheme and the primary colour on <body>; <html> (:root) holds the defaults.
SCHEMES = {
    scheme: {
        f"[data-md-color-scheme={name}]",
        "[data-md-color-primary=indigo]",
        f"[data-md-color-scheme={name}][data-md-color-primary=indigo]",
    }
    for scheme, name in (("light", "default"), ("dark", "slate"))
}
Colour = tuple[float, float, float, float]


# -- CSS, colours and contrast ---------------------------------------------------------------------


def css_rules(text: str) -> list[tuple[list[str], dict[str, str]]]:
    """Every innermost `selectors { declarations }` block of a stylesheet, in order (media or not)."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    rules = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        names = [re.sub(r"\s+", " ", s.replace('"', "")).strip() for s in selectors.split(",")]
        declarations = {}
        for declaration in body.split(";"):
            name, colon, value = declaration.partition(":")
            if colon:
                declarations[name.strip()] = value.strip()
        rules.append((names, declarations))
    return rules


def stylesheets() -> list[tuple[list[str], dict[str, str]]]:
    """Material's main and palette stylesheets, then Roadlog's: the order a page loads them."""
    rules = []
    for pattern in ("main.*.min.css", "palette.*.min.css"):
        (path,) = MATERIAL_CSS.glob(pattern)
        rules += css_rules(path.read_text(encoding="utf-8"))
    return rules + css_rules(ROADLOG_CSS.read_text(encoding="utf-8"))


def variables(scheme: str) -> dict[str, str]:
    """The custom properties <body> sees in `scheme`: its own rules, else inherited from :root."""
    rules = stylesheets()
    found = {}
    for selectors, declarations in rules:
        if ":root" in selectors:
            found.update({k: v for k, v in declarations.items() if k.startswith("--")})
    # The compound selectors (scheme and primary) are more specific: they win whatever the order.
    for compound in (False, True):
        for selectors, declarations in rules:
            if any(s in SCHEMES[scheme] and ("][" in s) == compound for s in selectors):
                found.update({k: v for k, v in declarations.items() if k.startswith("--")})
    return found


def declared(selector: str, prop: str) -> str | None:
    """The last value Roadlog's stylesheet gives `prop` in a rule listing `selector`."""
    value = None
    for selectors, declarations in css_rules(ROADLOG_CSS.read_text(encoding="utf-8")):
        if selector in selectors and prop in declarations:
            value = declarations[prop]
    return value


def resolve(value: str, names: dict[str, str]) -> str:
    """`value` with every var(--name[, fallback]) replaced, innermost first."""
    pattern = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*))?\)")
    while match := pattern.search(value):
        name, fallback = match.groups()
        value = value[: match.start()] + names.get(name, fallback or "") + value[match.end() :]
    return value


def parse_colour(text: str) -> Colour:
    """A CSS colour (#rgb, #rrggbb, #rrggbbaa, rgb(a)(), hsl(a)()) as 0-255 RGB and 0-1 alpha."""
    text = text.strip().lower()
    if text == "white":
        text = "#fff"
    if text.startswith("#"):
        digits = text[1:]
        if len(digits) in (3, 4):
            digits = "".join(d * 2 for d in digits)
        channels = [int(digits[i : i + 2], 16) for i in range(0, len(digits), 2)]
        # Two decimals, as getComputedStyle gives it to axe: #0000008a is 0.54, not 0.541.
        alpha = round(channels[3] / 255, 2) if len(channels) == 4 else 1.0
        return (*channels[:3], alpha)
    function, _, args = text.partition("(")
    parts = [p.strip() for p in re.split(r"[,\s/]+", args.rstrip(")")) if p.strip()]
    alpha = float(parts[3]) if len(parts) > 3 else 1.0
    if function.startswith("rgb"):
        return (*(float(p) for p in parts[:3]), alpha)
    hue = float(parts[0].removesuffix("deg"))
    red, green, blue = colorsys.hls_to_rgb(
        hue / 360, float(parts[2].rstrip("%")) / 100, float(parts[1].rstrip("%")) / 100
    )
    return (red * 255, green * 255, blue * 255, alpha)


def over(top: Colour, below: Colour) -> Colour:
    """`top` painted over an opaque `below`, in 8-bit channels as a browser (and axe) paints it."""
    alpha = top[3]
    return (
        *(round(alpha * t + (1 - alpha) * b) for t, b in zip(top[:3], below[:3], strict=True)),
        1.0,
    )


def luminance(colour: Colour) -> float:
    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in colour[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(text: Colour, background: Colour) -> float:
    """WCAG 2 contrast ratio of `text` (composited over the opaque background) on `background`."""
    lighter, darker = sorted(
        (luminance(over(text, background)), luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def delta_e(first: Colour, second: Colour) -> float:
    """CIE76 colour difference of two opaque colours (about 2.3 is just noticeable)."""

    def lab(colour: Colour) -> tuple[float, float, float]:
        def linear(channel: float) -> float:
            c = channel / 255
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (linear(c) for c in colour[:3])
        x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

        def f(t: float) -> float:
            return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))

    return math.dist(lab(first), lab(second))


def colour_of(expression: str, scheme: str) -> Colour:
    names = variables(scheme)
    return parse_colour(resolve(expression, names))


def page_background(scheme: str) -> Colour:
    return colour_of("var(--md-default-bg-color)", scheme)


def code_background(scheme: str) -> Colour:
    return over(colour_of("var(--md-code-bg-color)", scheme), page_background(scheme))


# -- contrast ------------------------------------------------------------------------------------


def test_navigation_tabs_keep_the_full_header_text_colour():
    # Material dims the tabs that are not the current one to 70%: #c6cbe9 on #4051b5 is 4.28:1.
    assert declared(".md-tabs__link", "opacity") == "1"
    header = colour_of("var(--md-primary-fg-color)", "light")
    text = colour_of("var(--md-primary-bg-color)", "light")
    assert round(contrast(text, header), 2) == 6.86
    assert round(contrast((*text[:3], 0.7), header), 2) == 4.28  # what Material's 70% gives
    assert "underline" in declared(".md-tabs__item--active .md-tabs__link", "text-decoration")


HIGHLIGHT = ["comment", "operator", "punctuation", "generic", "variable"] + [
    "number",
    "special",
    "function",
    "constant",
    "keyword",
    "string",
    "name",
]


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("token", HIGHLIGHT)
def test_code_highlighting_reaches_aa_on_code_and_on_highlighted_lines(token: str, scheme: str):
    text = colour_of(f"var(--md-code-hl-{token}-color)", scheme)
    code = code_background(scheme)
    highlighted_line = over(colour_of("var(--md-code-hl-color--light)", scheme), code)
    for background in (code, highlighted_line):
        assert contrast(text, background) >= AA, (token, scheme, text, background)


def test_material_alone_leaves_code_comments_below_aa():
    """Why the override exists: Material's comment grey is 4.47:1 on its code background."""
    (main,) = MATERIAL_CSS.glob("main.*.min.css")
    rules = css_rules(main.read_text(encoding="utf-8"))
    light = {k: v for sel, decl in rules if ":root" in sel for k, v in decl.items()}
    comment = parse_colour(resolve(light["--md-code-hl-comment-color"], light))
    code = parse_colour(light["--md-code-bg-color"])
    assert 4.47 <= contrast(comment, code) < AA  # axe reports it as 4.47 (#717171 on #f5f5f5)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_muted_text_reaches_aa_on_the_page_and_on_cards(scheme: str):
    muted = colour_of("var(--rl-muted)", scheme)
    for background in (page_background(scheme), code_background(scheme)):
        assert contrast(muted, background) >= AA


BADGES = ["done", "partial", "skipped", "missed", "planned", "draft"]


def badge_colours(state: str, scheme: str) -> tuple[Colour, Colour]:
    """A badge's text and background colours in `scheme` (slate's own rules win in dark mode)."""
    selector = f".rl-badge.rl-{state}"
    values = {prop: declared(selector, prop) for prop in ("color", "background")}
    if scheme == "dark":
        for prop in values:
            values[prop] = (
                declared(f"[data-md-color-scheme=slate] {selector}", prop) or values[prop]
            )
    background = over(colour_of(values["background"], scheme), page_background(scheme))
    return colour_of(values["color"], scheme), background


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("state", BADGES)
def test_badge_text_reaches_aa_on_its_state_colour(state: str, scheme: str):
    text, background = badge_colours(state, scheme)
    assert contrast(text, background) >= AA, (state, scheme)


# The calendar's state colours, as each scheme sets them: every filled state is far (CIE76 >= 20)
# from every other; "rest" is drawn hollow, its outline far from "none" too.
STATES = ["done", "partial", "skipped", "missed", "none"]


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_state_colours_are_far_apart(scheme: str):
    colours = {s: colour_of(f"var(--rl-{s})", scheme) for s in STATES}
    colours["rest outline"] = colour_of("var(--rl-rest)", scheme)
    names = list(colours)
    close = [
        (a, b, round(delta_e(colours[a], colours[b]), 1))
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        if delta_e(colours[a], colours[b]) < 20 and {a, b} != {"skipped", "rest outline"}
    ]
    assert close == []
    assert declared(".rl-rest", "fill") == "var(--md-default-bg-color)"


# -- serving -------------------------------------------------------------------------------------


def modes(site: Path) -> dict[str, set[str]]:
    """The permission bits found under `site` (itself included), for folders and for files."""
    found: dict[str, set[str]] = {
        "folders": {oct(stat.S_IMODE(site.stat().st_mode))},
        "files": set(),
    }
    for parent, dirs, files in os.walk(site):
        for name in dirs:
            found["folders"].add(oct(stat.S_IMODE(Path(parent, name).stat().st_mode)))
        for name in files:
            found["files"].add(oct(stat.S_IMODE(Path(parent, name).stat().st_mode)))
    return found


@pytest.mark.parametrize("mask", [0o077, 0o002])
def test_a_build_is_readable_by_any_web_server_whatever_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mask: int
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    project = make_project(tmp_path)
    before = os.umask(mask)
    try:
        assert build(project) == 0
        first = modes(project / "site")
        assert build(project) == 0  # replacing the earlier build
        second = modes(project / "site")
    finally:
        os.umask(before)
    assert first == second == {"folders": {"0o755"}, "files": {"0o644"}}
