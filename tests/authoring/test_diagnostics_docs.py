"""Every diagnostic code has a page, and each page's example really causes it and its fix clears it."""

import re

import pytest

from game.engine.diagnostics import CODES
from game.engine.validate import check_source, load_library

from .conftest import BASE_ID, ROOT, merge

DOCS = ROOT / "docs" / "diagnostics"
# Codes about the file itself or about two files: no single YAML text can show them, so their
# pages describe the situation, and these tests trigger them another way.
NO_YAML_EXAMPLE = {
    "RF001": "about the file's encoding or existence, not its text",
    "RF002": "needs a file over 512 KiB",
    "RF035": "needs two files with the same id",
    "RF042": "about resources.yaml, not a story",
}
_BLOCK = re.compile(r"^## (Example|The fix)\n(.*?)(?=^## |\Z)", re.S | re.M)
_YAML = re.compile(r"```yaml\n(.*?)```", re.S)


def sections(code: str) -> dict[str, str | None]:
    text = (DOCS / f"{code}.md").read_text(encoding="utf-8")
    out: dict[str, str | None] = {"Example": None, "The fix": None}
    for name, body in _BLOCK.findall(text):
        m = _YAML.search(body)
        out[name] = m.group(1) if m else None
    return out


def codes_found(snippet: str, support) -> list:
    return check_source(merge(snippet), f"{BASE_ID}.yaml", *support).diagnostics


@pytest.fixture(scope="module")
def support(library):
    return library.taxonomy, library.resources


def test_every_code_has_a_page_and_an_index_entry():
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    for code, (severity, title) in CODES.items():
        page = DOCS / f"{code}.md"
        assert page.exists(), f"no page for {code}"
        text = page.read_text(encoding="utf-8")
        assert text.startswith(f"# {code}: {title}\n"), f"{code}: the title must match CODES"
        assert f"**Severity:** {severity}" in text
        for heading in ("## What it means", "## Example", "## The fix"):
            assert heading in text, f"{code}: missing '{heading}'"
        assert f"[{code}]({code}.md)" in index
    pages = {p.stem for p in DOCS.glob("RF*.md")}
    assert pages == set(CODES), f"pages without a code: {pages - set(CODES)}"


@pytest.mark.parametrize("code", sorted(set(CODES) - set(NO_YAML_EXAMPLE)))
def test_example_triggers_its_code_and_the_fix_clears_it(code, support):
    parts = sections(code)
    assert parts["Example"], f"{code}: the page needs a ```yaml example"
    found = codes_found(parts["Example"], support)
    assert code in {d.code for d in found}, f"{code} example gives: " + "\n".join(map(str, found))
    page = (DOCS / f"{code}.md").read_text(encoding="utf-8")
    printed = next(str(d) for d in found if d.code == code)
    assert printed.splitlines()[0] in page, f"{code}: 'What the validator prints' is out of date"
    if parts["The fix"]:
        after = codes_found(parts["The fix"], support)
        assert not [str(d) for d in after if d.code == code or d.severity == "error"]


@pytest.mark.parametrize("code", sorted(NO_YAML_EXAMPLE))
def test_codes_without_a_yaml_example_are_explained(code):
    text = (DOCS / f"{code}.md").read_text(encoding="utf-8")
    assert "No YAML example" in text


def test_rf001_and_rf002_from_bytes(support):
    utf16 = "format: 1\n".encode("utf-16")
    assert [d.code for d in check_source(utf16, "x.yaml", *support).diagnostics] == ["RF001"]
    huge = b"# " + b"x" * (600 * 1024)
    assert [d.code for d in check_source(huge, "x.yaml", *support).diagnostics] == ["RF002"]


def test_rf035_from_two_files(workspace):
    text = merge("")
    (workspace / "scenarios" / f"{BASE_ID}.yaml").write_text(text, encoding="utf-8")
    (workspace / "scenarios" / f"{BASE_ID}-copy.yaml").write_text(text, encoding="utf-8")
    lib = load_library(workspace / "scenarios")
    assert "RF035" in {d.code for d in lib.all_diagnostics()}
