"""The fontconfig file shipped for PDF conversion maps every official font of the bulletin to the free
fonts of `fonts.FONT_TABLE`, in the same order, before the system configuration is read."""

import xml.etree.ElementTree as ElementTree

from blueledger.dispatch.bulletin.fonts import FONT_TABLE, FontRole
from blueledger.dispatch.bulletin.pdf import FONTCONFIG_FILE


def _rules() -> dict[str, list[str]]:
    root = ElementTree.parse(FONTCONFIG_FILE).getroot()
    rules: dict[str, list[str]] = {}
    for match in root.findall("match"):
        tested = match.find("test/string")
        edit = match.find("edit[@name='family']")
        assert tested is not None and edit is not None
        rules[tested.text or ""] = [family.text or "" for family in edit.findall("string")]
    return rules


def test_every_official_font_is_mapped_to_its_fallbacks_in_order() -> None:
    rules = _rules()
    for choice in FONT_TABLE.values():
        assert rules[choice.official][: len(choice.fallbacks)] == list(choice.fallbacks), choice.official


def test_the_system_configuration_is_included_after_the_rules() -> None:
    root = ElementTree.parse(FONTCONFIG_FILE).getroot()
    children = [child.tag for child in root]
    assert children[-1] == "include" and root[-1].text == "/etc/fonts/fonts.conf"
    assert "include" not in children[:-1]


def test_the_title_face_is_set_heavy() -> None:
    root = ElementTree.parse(FONTCONFIG_FILE).getroot()
    official = FONT_TABLE[FontRole.TITLE].official
    title = next(match for match in root.findall("match") if match.findtext("test/string") == official)
    weight = title.find("edit[@name='weight']/const")
    assert weight is not None and weight.text == "bold"
