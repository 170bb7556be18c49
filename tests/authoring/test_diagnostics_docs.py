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
_TEXT = re.compile(r"```text\n(.*?)```", re.S)
_MORE = re.compile(r"^## More examples\n(.*?)(?=^## |\Z)", re.S | re.M)
_CASE = re.compile(r"^### (.+?)\n(.*?)(?=^### |\Z)", re.S | re.M)


def sections(code: str) -> dict[str, str | None]:
    text = (DOCS / f"{code}.md").read_text(encoding="utf-8")
    out: dict[str, str | None] = {"Example": None, "The fix": None}
    for name, body in _BLOCK.findall(text):
        m = _YAML.search(body)
        out[name] = m.group(1) if m else None
    return out


def codes_found(snippet: str, support) -> list:
    checked = check_source(merge(snippet), f"{BASE_ID}.yaml", *support)
    return checked.diagnostics + checked.advice  # advice (severity info) has its codes and pages too


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


def more_examples() -> list:
    """Each '### ' case under a page's '## More examples': its example, what the validator
    prints for it, and (if given) its fix, as the first and second ```yaml blocks."""
    cases = []
    for page in sorted(DOCS.glob("RF*.md")):
        more = _MORE.search(page.read_text(encoding="utf-8"))
        for title, body in _CASE.findall(more.group(1)) if more else ():
            yamls, printed = _YAML.findall(body), _TEXT.search(body)
            cases.append(pytest.param(page.stem, yamls[0] if yamls else "", printed.group(1) if printed else "",
                                      yamls[1] if len(yamls) > 1 else None, id=f"{page.stem}: {title}"))
    return cases


@pytest.mark.parametrize("code, example, printed, fix", more_examples())
def test_more_examples_print_what_their_page_says(code, example, printed, fix, support):
    found = codes_found(example, support)
    output = {str(d) for d in found}
    entries = re.split(r"\n(?=\S)", printed.strip())
    assert entries and all(e in output for e in entries), "the page says:\n" + printed + \
        "\nthe validator prints:\n" + "\n".join(map(str, found))
    assert any(f" {code}: " in e.splitlines()[0] for e in entries)
    if fix:
        after = codes_found(fix, support)
        assert not [str(d) for d in after if d.code == code or d.severity == "error"]


def test_every_page_with_more_examples_has_them_run():
    assert {p.values[0] for p in more_examples()} >= {"RF003", "RF013", "RF016", "RF020", "RF030"}


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
