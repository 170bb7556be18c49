"""Help services by role: each region reads its own, stories can't hard-code one, and a
borderline message is a judgement call in play, in scoring and in the debrief."""

from __future__ import annotations

import pytest

from game.engine import services
from game.engine.model import LocalText
from game.engine.runtime import MessageEvent, Playthrough
from game.engine.scoring import debrief
from game.engine.validate import check_source

from .test_validate import MINIMAL


@pytest.fixture
def region(library):
    yield lambda r: services.use(library.resources, r)
    services.use(None, "CA")


def test_each_region_reads_its_own_services(region):
    text = LocalText(en="Report it to {tipline} ({tipline.web}). In danger? Call {police.phone}.",
                     fr="Signale-le à {tipline} ({tipline.web}). En danger? Compose le {police.phone}.")
    region("CA")
    assert text.get("en") == "Report it to Cybertip.ca (cybertip.ca). In danger? Call 911."
    assert "Cyberaide.ca (cyberaide.ca)" in text.get("fr")
    region("US")
    assert "NCMEC CyberTipline" in text.get("en") and "Cybertip.ca" not in text.get("en")
    region("UK")
    assert text.get("en").endswith("Call 999.") and "CEOP" in text.get("en")
    assert text.raw("en").startswith("Report it to {tipline}")


def test_without_a_region_a_placeholder_describes_never_misnames():
    services.use(None, "CA")
    assert LocalText(en="Call {crisis-line}.").get() == "Call a crisis line."
    assert LocalText(en="text {helpline.text}").get() == "text a helpline for young people"
    assert LocalText(en="a {hug} and {not a role}").get() == "a {hug} and {not a role}"


def test_every_role_has_a_service_in_every_shipped_region(library):
    for reg in ("CA", "US", "UK"):
        assert set(library.resources.roles[reg]) == set(services.ROLES)
        for rid in library.resources.roles[reg].values():
            assert reg in library.resources.resources[rid].regions


def _check(text, library):
    return check_source(text, "minimal.yaml", library.taxonomy, library.resources).diagnostics


def test_hard_coded_services_unknown_roles_and_missing_roles_are_errors(library):
    named = MINIMAL.replace("{en: Right.", '{en: "Right. Tell Kids Help Phone or call 911."', 1)
    found = {(d.code, d.message.split("'")[1]) for d in _check(named, library) if d.code == "RF041"}
    assert ("RF041", "Kids Help Phone") in found and ("RF041", "911") in found
    wrong = MINIMAL.replace("{en: Right.", '{en: "Right. Tell {helpine}."', 1)
    (d,) = [d for d in _check(wrong, library) if d.code == "RF040"]
    assert "did you mean '{helpline}'" in d.hint
    fine = MINIMAL.replace("{en: Right.", '{en: "Right. Tell {helpline} or call {police.phone}."', 1)
    assert not [d for d in _check(fine, library) if d.code.startswith("RF04")]
    lacking = library.resources.model_copy(update={"roles": {r: {k: v for k, v in roles.items() if k != "helpline"}
                                                           for r, roles in library.resources.roles.items()}})
    diags = check_source(fine, "minimal.yaml", library.taxonomy, lacking).diagnostics
    (d,) = [d for d in diags if d.code == "RF042"]
    assert "'helpline' in CA, US, UK" in d.message


def test_braces_in_unquoted_flow_text_get_a_hint_about_quotes(library):
    broken = MINIMAL.replace("{en: Right.", "{en: Right. Tell {helpline}.", 1)
    (d,) = [d for d in _check(broken, library) if d.code == "RF003"]
    assert "{helpline}" in d.hint and "quotes" in d.hint


def _borderline_scenario(library):
    text = MINIMAL.replace("        note:", "        borderline:", 1)
    checked = check_source(text, "minimal.yaml", library.taxonomy, library.resources)
    assert checked.ok, [str(d) for d in checked.diagnostics]
    return checked.scenario


def test_a_borderline_flag_is_neither_right_nor_a_false_alarm(library):
    sc = _borderline_scenario(library)
    pt = Playthrough(sc)
    marked = None
    for ev in pt.run_until_input():
        if isinstance(ev, MessageEvent) and ev.message.borderline is not None:
            marked = ev.index
    assert marked is not None, "the minimal story's noted message became borderline"
    pt.flag(marked)
    v = pt.verdict(marked)
    assert v.borderline and not v.correct and v.why is not None
    with_flag = debrief(sc, pt.state)
    pt.unflag(marked)
    without = debrief(sc, pt.state)
    assert with_flag.score.false_alarms == without.score.false_alarms == 0
    assert with_flag.score.points == without.score.points
    (f,) = [f for f in with_flag.flags if f.status == "borderline"]
    assert f.flagged and f.points == 0 and f.why is not None


def test_french_contracts_an_article_a_service_brings(region):
    region("UK")
    text = LocalText(en="x", fr="Signale-le à {tipline}. Parle de {tipline}. Aide-toi à le faire.")
    assert text.get("fr") == "Signale-le au CEOP. Parle du CEOP. Aide-toi à le faire."
    region("US")
    assert LocalText(en="x", fr="à {tipline}").get("fr") == "à la CyberTipline du NCMEC"
