"""The privacy check and the published-HTML check: what they refuse, and ordinary text they must
leave alone. Pages are checked as they will be published (``macros.pages.check_text``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.components import COMPONENTS
from macros.pages import Page, check_text
from macros.privacy import Allowed, check_privacy, is_national_id, line_problems, normalised
from macros.templates import environment

from .conftest import ROOT

NOT_PERSONAL = [
    "ISBN 978-82-15-02345-6",
    "ISBN 9788215023456",
    "ISBN 82-15-02345-1",
    "ISBN 8215023451",
    "Programmet varer 2016–2017, og Modul II 2017-2018.",
    "Utgitt 1999 2014 2016 2017.",
    "Side 350-383, s. 12–45 og 120 – 180.",
    "Frist 2016-10-11, samling 13.09.2016 og 20160913.",
    "15 studiepoeng, 7,5 studiepoeng, 30 sp.",
    "Budsjett kr 1 500 000, 12 500 000 og 450 000 kroner.",
    "Klokka 09:00–15:30, rom 204.",
    "Organisasjonsnummer 940 083 672",
    "Kontonummer 4200 12 34567",
    "Versjon 1.22.1-9, 44(2), doi:10.2307/2666999",
    "Elleve sifre uten gyldige kontrollsifre: 01010112345",
    "Skriv til rådmannen eller programansvarlig.",
    "Bruk @-tegnet bare i e-postadresser",
    "Vi vet at kommune.no er adressen, og at (at) betyr krøllalfa.",
    "Perioden 2016-2017 og 2017-2018.",
]


def page_problems(text: str, allowed: Allowed | None = None) -> list[str]:
    env = environment(dict(COMPONENTS))
    page = Page(ROOT, "docs/x.md", "x.md")
    return [
        str(p) for p in check_text(env, dict(COMPONENTS), text, page, allowed or Allowed(), rendering=False)
    ]


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_ordinary_text_is_not_refused(text: str) -> None:
    assert list(line_problems(text, "docs/x.md", Allowed())) == []
    assert page_problems(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "kari.nordmann@roros.kommune.no",
        "Ring 72 41 00 17",
        "ring 72410017",
        "tlf. 724 10 017",
        "+47 72 41 00 17",
        "0047 91234567",
        "+4791234567",
        "mobil 912 34 567",
        "fnr. 13091610005",
        "fnr. 130916 10005",
        # widened forms (issue 16): hyphens, 4-4 groups, spelled-out @
        "fnr. 130916-10005",
        "ring 9123 4567",
        "ring 912-34-567",
        "ola[at]roros.kommune.no",
        "ola (at) roros.kommune.no",
    ],
)
def test_personal_data_is_refused(text: str) -> None:
    assert len(list(line_problems(text, "docs/x.md", Allowed()))) == 1
    assert len(page_problems(text)) == 1, page_problems(text)


@pytest.mark.parametrize(
    "text",
    [
        "Skriv til ola&#64;roros.kommune.no.",  # an entity: the reader sees @
        "Skriv til ola＠roros.kommune.no.",  # full-width @
        "fnr. 1309161\u200b0005",  # a zero-width space inside the number
        "[Skriv](mailto:ola&#64;roros.kommune.no)",  # only in the link's address
        "Ring 9&#49;2 34 567.",
    ],
)
def test_personal_data_is_refused_as_published(text: str) -> None:
    assert [p.split(": ", 1)[0] for p in page_problems(text)] == ["docs/x.md:1"], page_problems(text)


def test_normalised_folds_what_a_reader_cannot_see() -> None:
    assert normalised("ola＠x.no 1309\u200b16") == "ola@x.no 130916"


def test_control_digits() -> None:
    assert is_national_id("13091610005")
    assert not is_national_id("13091610006")  # last control digit wrong
    assert not is_national_id("13091610015")  # first control digit wrong
    assert is_national_id("53091610260")  # a D-number: day + 40
    assert not is_national_id("32131610005")  # no 32nd day, no 13th month


def test_allowlist_in_personvern_yml() -> None:
    text = "Postmottak: Postmottak@Roros.kommune.no, sentralbord +47 72 41 00 00.\n\nPer: 72 41 00 17\n"
    allowed = Allowed(emails=frozenset({"postmottak@roros.kommune.no"}), phones=frozenset({"72410000"}))
    assert page_problems(text, allowed) == [
        "docs/x.md:3: telefonnummeret «72 41 00 17» kan tilhøre en person "
        "(skriv rollen i stedet, eller før opp et sentralbordnummer i personvern.yml)"
    ]


def test_data_values_are_read_after_yaml_escapes(tmp_path: Path) -> None:
    (tmp_path / "curriculum").mkdir()
    (tmp_path / "curriculum" / "roller.yml").write_text(
        '- id: a\n  title: "ola\\x40roros.kommune.no"\n- id: b\n  title: "912\\x2034\\x20567"\n',
        encoding="utf-8",
    )
    assert [(p.file, p.line) for p in check_privacy(tmp_path)] == [
        ("curriculum/roller.yml", 2),
        ("curriculum/roller.yml", 4),
    ]


def test_broken_allowlist_is_reported(tmp_path: Path) -> None:
    (tmp_path / "personvern.yml").write_text("tillatt: postmottak@roros.kommune.no\n", encoding="utf-8")
    assert [p.file for p in check_privacy(tmp_path)] == ["personvern.yml"]


def test_unsafe_html_shown_as_code_is_allowed() -> None:
    page = (
        "Skriv aldri `<script>` eller `onclick=` på en side.\n\n"
        '```html\n<iframe src="x"></iframe>\n<a href="javascript:alert(1)">x</a>\n```\n\n'
        "En person kan være «on» = på; Javascript: et språk.\n"
        '<div markdown class="lp-boks" data-on="1">Tekst</div>\n'
    )
    assert page_problems(page) == []


def test_unsafe_html_after_code_keeps_its_line() -> None:
    page = "```\nkode\n```\n\n<button onclick='x()'>Ok</button>\n"
    assert [p.split(" (")[0] for p in page_problems(page)] == [
        "docs/x.md:5: attributtet onclick= på <button> er ikke tillatt på sidene"
    ]
