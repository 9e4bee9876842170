"""Every component a page can call, by the name pages use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from ..markdown import table
from ..model import Curriculum
from .charts import reading_load, timeline
from .facts import FACTS, all_gatherings, facts
from .financing import budget as ou_budget
from .financing import timeline as ou_timeline
from .goals import coverage_matrix, traceability
from .guide import data_reference
from .news import news
from .participant import next_gathering, reading_plan
from .programme import modules, participants, programme_overview, values
from .readings import reading_list, reading_list_by_theme, study_plan
from .reference import glossary, roles, theme_links
from .schedule import agenda, gathering_summary, preparation, schedule
from .study import assessment, course_plan, deadlines, open_items, outcomes, workload
from .values_process import exercise as values_exercise
from .values_process import plan as values_plan
from .values_process import steps as values_steps


@dataclass(frozen=True)
class Component:
    """A component as pages call it: its name, the function (whose signature the page check holds
    the call to), an example call and what it shows, for the editors' macro reference."""

    name: str
    function: Callable[..., str]
    example: str
    description: str


# Every component a page may call, in the order of the editors' macro reference (in Norwegian)
REGISTRY: list[Component] = [
    Component(
        "programoversikt",
        programme_overview,
        "programoversikt()",
        "Programmet kort: oppdragsgiver, periode, omfang, deltakere, språk, finansiering og opsjoner.",
    ),
    Component(
        "deltakere",
        participants,
        "deltakere()",
        "Deltakerne i én setning, med antall per rolle.",
    ),
    Component(
        "verdier",
        values,
        "verdier()",
        "Verdiene med beskrivelse.",
    ),
    Component(
        "moduler",
        modules,
        "moduler()",
        "Modulene med studiepoeng, periode og status.",
    ),
    Component(
        "samlingsplan",
        schedule,
        'samlingsplan(modul="modul-2")',
        "Tabell over samlingene; uten modul vises samlingene i modulene som er med i planen.",
    ),
    Component(
        "samling_intro",
        gathering_summary,
        'samling_intro("samling-3")',
        "Dato, sted, tema og sammendrag for én samling.",
    ),
    Component(
        "tidslinje",
        timeline,
        "tidslinje()",
        "Samlingene på en tidslinje (SVG-figur med listen som tekst).",
    ),
    Component(
        "agenda",
        agenda,
        'agenda("samling-3")',
        "Programmet for en samling, dag for dag, med tid, økt, arbeidsform og ansvarlig.",
    ),
    Component(
        "forberedelse",
        preparation,
        'forberedelse("samling-3")',
        "Pensum, arbeidskrav og refleksjonsspørsmål før en samling.",
    ),
    Component(
        "leseliste",
        reading_list,
        'leseliste(samling="samling-3")',
        "Pensum med sidetall og sum: for én samling, ett tema (tema=…), én modul (modul=…) eller alt.",
    ),
    Component(
        "pensum_etter_tema",
        reading_list_by_theme,
        "pensum_etter_tema()",
        "Pensum ordnet etter tema.",
    ),
    Component(
        "selvstudieplan",
        study_plan,
        "selvstudieplan()",
        "Sider og anslått lesetid i periodene mellom samlingene.",
    ),
    Component(
        "leseplan",
        reading_plan,
        "leseplan()",
        "Pensum til hver samling med avkrysning for det du har lest; lagres bare i nettleseren.",
    ),
    Component(
        "neste_samling",
        next_gathering,
        "neste_samling()",
        (
            "Neste samling, dager igjen, hva du skal lese (med det du har krysset av i Min leseplan) "
            "og neste frist; på en samlingsdag dagens program og rom. På en samlings egen side, "
            '`neste_samling("samling-3")`: bare hvor den samlingen står. Regnes ut i nettleseren.'
        ),
    ),
    Component(
        "nytt",
        news,
        "nytt(antall=3)",
        "De nyeste nyhetene fra docs/nytt/ med dato; uten antall alle.",
    ),
    Component(
        "lesebelastning",
        reading_load,
        "lesebelastning()",
        "Søylediagram over obligatoriske sider før hver samling (SVG-figur med listen som tekst).",
    ),
    Component(
        "tema_kobling",
        theme_links,
        'tema_kobling("roller")',
        "Pensum og samlinger for ett tema, til teorisidene.",
    ),
    Component(
        "sporbarhet",
        traceability,
        'sporbarhet(kategori="programmal")',
        "Kundens krav og mål, hvordan de møtes og hvor.",
    ),
    Component(
        "dekningsmatrise",
        coverage_matrix,
        "dekningsmatrise()",
        "Målene mot samlingene: hvor mange økter som arbeider med hvert mål.",
    ),
    Component(
        "laeringsutbytte",
        outcomes,
        'laeringsutbytte(modul="modul-2")',
        (
            "Læringsutbyttet: kunnskap, ferdigheter og generell kompetanse; uten modul for modulene som er "
            "med i planen."
        ),
    ),
    Component(
        "vurdering",
        assessment,
        'vurdering(modul="modul-2")',
        (
            "Arbeidskrav med kriterier for godkjenning, og eksamen med form, omfang, periode, karakterskala, "
            "sensorer og ny eksamen; uten modul for modulene som er med i planen."
        ),
    ),
    Component(
        "frister",
        deadlines,
        "frister()",
        "Alle frister i datorekkefølge, for modulene som er med i planen (eller modul=…).",
    ),
    Component(
        "emneplan",
        course_plan,
        'emneplan("modul-1")',
        (
            "Emneplanen for en modul: institusjon, emnekode, omfang, målgruppe, opptak, arbeidsformer, "
            "arbeidsmengde, vurdering og metodeelement."
        ),
    ),
    Component(
        "arbeidsmengde",
        workload,
        'arbeidsmengde("modul-1")',
        (
            "Arbeidsmengden i timer for en modul, regnet ut fra programmet, pensum, arbeidskravene og "
            "selvstudiet, mot normen på 25–30 timer per studiepoeng."
        ),
    ),
    Component(
        "apne_punkter",
        open_items,
        "apne_punkter()",
        "Alt i dataene som avklares i kontrakten, med hva som må avklares.",
    ),
    Component(
        "begrepsliste",
        glossary,
        "begrepsliste()",
        "Begrepene i alfabetisk rekkefølge.",
    ),
    Component(
        "roller",
        roles,
        'roller(type="deltaker")',
        "Rollene i programmet, eventuelt bare én type.",
    ),
    Component(
        "datareferanse",
        data_reference,
        "datareferanse()",
        "Alle feltene i datafilene, laget fra modellen.",
    ),
    Component(
        "fakta",
        facts,
        'fakta("ledere")',
        "Et faktum fra dataene i løpende tekst: "
        + ", ".join(f"«{name}» ({what})" for name, (what, _) in FACTS.items())
        + '. Med modul="modul-2" for en annen modul, stor=true for stor forbokstav.',
    ),
    Component(
        "alle_samlinger",
        all_gatherings,
        "alle_samlinger()",
        "Hver samling med overskrift, introduksjon og program, til utskriftssiden.",
    ),
    Component(
        "ou_budsjett",
        ou_budget,
        "ou_budsjett()",
        "Budsjettet regnet mot grensene i KS' OU-fond: honorar og reise, studieavgift, "
        "kommunens egne kostnader og hva fondet refunderer; dager, deltakere og semestre regnes ut "
        "fra programmet.",
    ),
    Component(
        "ou_tidsplan",
        ou_timeline,
        "ou_tidsplan()",
        "Stegene i søknaden til OU-fondet, med første samling og når refusjonskravet kan sendes.",
    ),
    Component(
        "ovelse",
        values_exercise,
        'ovelse("verdivandring")',
        "En øvelse i verdiprosessen med overskrift, tid, når den gjøres i "
        "programmet, hva den bygger på og hva den gir (curriculum/verdiprosess.yml).",
    ),
    Component(
        "verdiprosessplan",
        values_plan,
        "verdiprosessplan(fase=3)",
        "Verdiprosessen i tidsrekkefølge: øktene med øvelser "
        "og minutter, arbeidet i virksomhetene og de daterte trinnene; for én fase "
        "(fase=…), én samling (samling=…) eller hele prosessen.",
    ),
    Component(
        "verdiprosesstrinn",
        values_steps,
        "verdiprosesstrinn(fase=3)",
        "De daterte trinnene utenom samlingene "
        "(skrivegruppen, høringen, vedtaket), med hvem, hva, hva de bygger på "
        "og hva de gir.",
    ),
]


def macro_reference(cur: Curriculum, here: str) -> str:
    rows = [(f"`{{{{ {c.example} }}}}`", c.description) for c in REGISTRY]
    return table(("Makro", "Viser"), rows) + "\n"


REGISTRY.append(Component("makroreferanse", macro_reference, "makroreferanse()", "Denne tabellen."))
COMPONENTS: dict[str, Callable[..., str]] = {c.name: c.function for c in REGISTRY}


def bound(cur: Curriculum, here: Callable[[], str]) -> dict[str, Callable[..., str]]:
    """The components with the curriculum and the calling page filled in."""

    def bind(component: Callable[..., str]) -> Callable[..., str]:
        @wraps(component)
        def call(*args: object, **kwargs: object) -> str:
            return component(cur, here(), *args, **kwargs)

        return call

    return {name: bind(component) for name, component in COMPONENTS.items()}
