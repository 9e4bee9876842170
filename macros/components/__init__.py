"""Every component a page can call, by the name pages use."""

from __future__ import annotations

from collections.abc import Callable
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

COMPONENTS: dict[str, Callable[..., str]] = {
    "programoversikt": programme_overview,
    "deltakere": participants,
    "verdier": values,
    "moduler": modules,
    "samlingsplan": schedule,
    "samling_intro": gathering_summary,
    "tidslinje": timeline,
    "agenda": agenda,
    "forberedelse": preparation,
    "leseliste": reading_list,
    "pensum_etter_tema": reading_list_by_theme,
    "selvstudieplan": study_plan,
    "leseplan": reading_plan,
    "neste_samling": next_gathering,
    "nytt": news,
    "lesebelastning": reading_load,
    "tema_kobling": theme_links,
    "sporbarhet": traceability,
    "dekningsmatrise": coverage_matrix,
    "laeringsutbytte": outcomes,
    "vurdering": assessment,
    "frister": deadlines,
    "emneplan": course_plan,
    "arbeidsmengde": workload,
    "apne_punkter": open_items,
    "begrepsliste": glossary,
    "roller": roles,
    "datareferanse": data_reference,
    "fakta": facts,
    "alle_samlinger": all_gatherings,
    "ou_budsjett": ou_budget,
    "ou_tidsplan": ou_timeline,
    "ovelse": values_exercise,
    "verdiprosessplan": values_plan,
    "verdiprosesstrinn": values_steps,
}


# What each macro shows, with an example call, for the editors' guide (in Norwegian).
DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "programoversikt": ("programoversikt()", "Programmet kort: oppdragsgiver, periode, omfang, deltakere, språk, finansiering og opsjoner."),
    "deltakere": ("deltakere()", "Deltakerne i én setning, med antall per rolle."),
    "verdier": ("verdier()", "Verdiene med beskrivelse."),
    "moduler": ("moduler()", "Modulene med studiepoeng, periode og status."),
    "samlingsplan": ('samlingsplan(modul="modul-2")', "Tabell over samlingene; uten modul vises samlingene i modulene som er med i planen."),
    "samling_intro": ('samling_intro("samling-3")', "Dato, sted, tema og sammendrag for én samling."),
    "tidslinje": ("tidslinje()", "Samlingene på en tidslinje (SVG-figur med listen som tekst)."),
    "agenda": ('agenda("samling-3")', "Programmet for en samling, dag for dag, med tid, økt, arbeidsform og ansvarlig."),
    "forberedelse": ('forberedelse("samling-3")', "Pensum, arbeidskrav og refleksjonsspørsmål før en samling."),
    "leseliste": ('leseliste(samling="samling-3")', "Pensum med sidetall og sum: for én samling, ett tema (tema=…), én modul (modul=…) eller alt."),
    "pensum_etter_tema": ("pensum_etter_tema()", "Pensum ordnet etter tema."),
    "selvstudieplan": ("selvstudieplan()", "Sider og anslått lesetid i periodene mellom samlingene."),
    "leseplan": ("leseplan()", "Pensum til hver samling med avkrysning for det du har lest; lagres bare i nettleseren."),
    "nytt": ("nytt(antall=3)", "De nyeste nyhetene fra docs/nytt/ med dato; uten antall alle."),
    "neste_samling": ("neste_samling()", "Neste samling, dager igjen, hva du skal lese (med det du har krysset av i Min leseplan) og neste frist; på en samlingsdag dagens program og rom. På en samlings egen side, `neste_samling(\"samling-3\")`: bare hvor den samlingen står. Regnes ut i nettleseren."),
    "lesebelastning": ("lesebelastning()", "Søylediagram over obligatoriske sider før hver samling (SVG-figur med listen som tekst)."),
    "tema_kobling": ('tema_kobling("roller")', "Pensum og samlinger for ett tema, til teorisidene."),
    "sporbarhet": ('sporbarhet(kategori="programmal")', "Kundens krav og mål, hvordan de møtes og hvor."),
    "dekningsmatrise": ("dekningsmatrise()", "Målene mot samlingene: hvor mange økter som arbeider med hvert mål."),
    "laeringsutbytte": ('laeringsutbytte(modul="modul-2")', "Læringsutbyttet: kunnskap, ferdigheter og generell kompetanse; uten modul for modulene som er med i planen."),
    "vurdering": ('vurdering(modul="modul-2")', "Arbeidskrav med kriterier for godkjenning, og eksamen med form, omfang, periode, karakterskala, sensorer og ny eksamen; uten modul for modulene som er med i planen."),
    "frister": ("frister()", "Alle frister i datorekkefølge, for modulene som er med i planen (eller modul=…)."),
    "emneplan": ('emneplan("modul-1")', "Emneplanen for en modul: institusjon, emnekode, omfang, målgruppe, opptak, arbeidsformer, arbeidsmengde, vurdering og metodeelement."),
    "arbeidsmengde": ('arbeidsmengde("modul-1")', "Arbeidsmengden i timer for en modul, regnet ut fra programmet, pensum, arbeidskravene og selvstudiet, mot normen på 25–30 timer per studiepoeng."),
    "apne_punkter": ("apne_punkter()", "Alt i dataene som avklares i kontrakten, med hva som må avklares."),
    "begrepsliste": ("begrepsliste()", "Begrepene i alfabetisk rekkefølge."),
    "roller": ('roller(type="deltaker")', "Rollene i programmet, eventuelt bare én type."),
    "datareferanse": ("datareferanse()", "Alle feltene i datafilene, laget fra modellen."),
    "fakta": ('fakta("ledere")', "Et faktum fra dataene i løpende tekst: "
              + ", ".join(f"«{name}» ({what})" for name, (what, _) in FACTS.items())
              + '. Med modul="modul-2" for en annen modul, stor=true for stor forbokstav.'),
    "alle_samlinger": ("alle_samlinger()", "Hver samling med overskrift, introduksjon og program, til utskriftssiden."),
    "ou_budsjett": ("ou_budsjett()", "Budsjettet regnet mot grensene i KS' OU-fond: honorar og reise, studieavgift, "
                    "kommunens egne kostnader og hva fondet refunderer; dager, deltakere og semestre regnes ut "
                    "fra programmet."),
    "ou_tidsplan": ("ou_tidsplan()", "Stegene i søknaden til OU-fondet, med første samling og når refusjonskravet kan sendes."),
    "ovelse": ('ovelse("verdivandring")', "En øvelse i verdiprosessen med overskrift, tid, når den gjøres i "
               "programmet, hva den bygger på og hva den gir (curriculum/verdiprosess.yml)."),
    "verdiprosessplan": ("verdiprosessplan(fase=3)", "Verdiprosessen i tidsrekkefølge: øktene med øvelser "
                         "og minutter, arbeidet i virksomhetene og de daterte trinnene; for én fase "
                         "(fase=…), én samling (samling=…) eller hele prosessen."),
    "verdiprosesstrinn": ("verdiprosesstrinn(fase=3)", "De daterte trinnene utenom samlingene "
                          "(skrivegruppen, høringen, vedtaket), med hvem, hva, hva de bygger på "
                          "og hva de gir."),
    "makroreferanse": ("makroreferanse()", "Denne tabellen."),
}


def macro_reference(cur: Curriculum, here: str) -> str:
    rows = [(f"`{{{{ {call} }}}}`", text) for call, text in (DESCRIPTIONS[name] for name in COMPONENTS)]
    return table(("Makro", "Viser"), rows) + "\n"


COMPONENTS["makroreferanse"] = macro_reference


def bound(cur: Curriculum, here: Callable[[], str]) -> dict[str, Callable[..., str]]:
    """The components with the curriculum and the calling page filled in."""

    def bind(component: Callable[..., str]) -> Callable[..., str]:
        @wraps(component)
        def call(*args: object, **kwargs: object) -> str:
            return component(cur, here(), *args, **kwargs)

        return call

    return {name: bind(component) for name, component in COMPONENTS.items()}
