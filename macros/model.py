"""The programme's typed records: one record per thing, canonical values only."""

from __future__ import annotations

import typing
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from .open_items import Fact
from .problems import DataError
from .types import Clock, DocPath, Domain, Id, IsoDate, OptionalText, PageSpec, Text

T = TypeVar("T")

# Upper bounds far above any real programme, so that a slipped key or a pasted number
# (10^30 participants) is refused with its line instead of being published.
MAX_COUNT = 1000  # people in one role
MAX_CREDITS = 300  # studiepoeng: the longest Norwegian degree
MAX_GATHERINGS = 100  # gathering numbers in one module
MAX_DAYS = 31  # days in one gathering; the check holds each session to its own gathering's length
MAX_HOURS = 2000  # hours of one piece of work: more than a whole year of 60 studiepoeng


class Record(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        field_title_generator=lambda name, info: name,
    )


class Period(Record):
    start: IsoDate = Field(description="Første dag (ÅÅÅÅ-MM-DD).", examples=["2030-09-01"])
    end: IsoDate = Field(description="Siste dag (ÅÅÅÅ-MM-DD).", examples=["2031-06-30"])

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


class ParticipantGroup(Record):
    role: Id = Field(description="Id for rollen i roller.yml.", examples=["virksomhetsleder"])
    count: int = Field(ge=1, le=MAX_COUNT, description="Hvor mange som har denne rollen.", examples=[14])


class Value(Record):
    id: Id = Field(description="Kort id for verdien.", examples=["apenhet"])
    name: Text = Field(description="Verdien slik den står i kundens dokument.", examples=["Åpenhet"])
    description: Text = Field(description="Hva verdien betyr for lederatferd.")


class WorkItem(Record):
    what: Text = Field(description="Hva arbeidet er.", examples=["Refleksjonsgruppene mellom samlingene"])
    hours: int = Field(
        ge=1, le=MAX_HOURS, description="Anslått antall timer for hver deltaker.", examples=[30]
    )


class Workload(Record):
    reading_rate: int = Field(
        ge=1,
        le=100,
        description="Sider obligatorisk pensum en deltaker leser i timen, med notater.",
        examples=[10],
    )
    weekly_reading_limit: int = Field(
        ge=1,
        le=60,
        description="Høyst så mange timer obligatorisk lesing per uke mellom to samlinger; mer gir en "
        "advarsel.",
        examples=[10],
    )
    self_study: list[WorkItem] = Field(
        default_factory=list,
        description="Annet selvstudium og utviklingsarbeid, med timer (samlinger, pensum og arbeidskrav "
        "regnes ut).",
    )


class Module(Record):
    id: Id = Field(description="Kort id for modulen.", examples=["modul-1"])
    name: Text = Field(description="Navnet på modulen.", examples=["Modul I"])
    credits: int = Field(ge=1, le=MAX_CREDITS, description="Studiepoeng modulen gir.", examples=[30])
    optional: bool = Field(
        description="true for en opsjon kunden kan bestille, false for en avtalt modul.",
        examples=[False],
    )
    enabled: bool = Field(
        description="true når modulen er med i planen; da vises samlingene i timeplanen og pensum.",
        examples=[True],
    )
    period: Period = Field(description="Første og siste dag modulens samlinger og frister kan ligge på.")
    description: Text = Field(description="Kort beskrivelse av modulen.")
    page: DocPath = Field(description="Siden i docs/ som beskriver modulen.", examples=["om/modul-2.md"])
    # the course plan (emneplan); a fact left to the contract is written «open: …»
    provider: Fact = Field(
        description="Utdanningsinstitusjonen som gir studiepoengene, eller «open: …» til det er avklart."
    )
    code: Fact = Field(
        description="Emnekoden hos utdanningsinstitusjonen, eller «open: …» til det er avklart."
    )
    admission: Fact = Field(
        description="Opptakskravet (målgruppen står under participants), eller «open: …»."
    )
    teaching: Text = Field(description="Undervisnings- og arbeidsformer, på samlingene og mellom dem.")
    method: Text = Field(
        description="Metode- og utviklingsarbeidet i modulen (nivå 7 i kvalifikasjonsrammeverket)."
    )
    workload: Workload = Field(
        description="Det som trengs for å regne ut arbeidsmengden ut over samlinger og arbeidskrav."
    )


class FeeLine(Record):
    role: Id = Field(description="Id for rollen som får honorar (roller.yml).", examples=["prosessveileder"])
    rate: int = Field(
        ge=0,
        le=1_000_000,
        description="Honorar per dag i kroner, uten mva., slik tilbudet sier.",
        examples=[15000],
    )
    travel_per_day: int = Field(
        0, ge=0, le=1_000_000, description="Reise og opphold per dag i kroner.", examples=[2500]
    )


CostUnit = Literal["deltakerdag", "samlingsdag", "deltaker", "programmet"]


class OwnCost(Record):
    what: Text = Field(description="Hva kommunen betaler selv.", examples=["Lunsj på samlingsdagene"])
    amount: int = Field(ge=0, le=10_000_000, description="Beløpet i kroner per enhet.", examples=[250])
    unit: CostUnit = Field(
        description="Hva beløpet gjelder: hver deltaker hver samlingsdag, hver samlingsdag, hver deltaker "
        "eller hele programmet; antallet regnes ut fra samlingene og deltakerne.",
        examples=["deltakerdag"],
    )


class Financing(Record):
    module: Id = Field(description="Modulen budsjettet gjelder (id i program.yml).", examples=["modul-1"])
    example: bool = Field(
        description="true når beløpene er eksempeltall og ikke kommer fra et tilbud; siden sier det da.",
        examples=[True],
    )
    fee_limit_per_day: int = Field(
        ge=0,
        le=1_000_000,
        description="Det meste OU-fondet refunderer i honorar per kursholder per dag, i kroner.",
        examples=[16000],
    )
    tuition_limit_per_semester: int = Field(
        ge=0,
        le=1_000_000,
        description="Det meste OU-fondet refunderer i studieavgift per deltaker per semester, i kroner.",
        examples=[10000],
    )
    fees: list[FeeLine] = Field(
        default_factory=list,
        description="Honorarene; dagene regnes ut fra programmet: de dagene rollen leder minst én økt.",
    )
    tuition_per_semester: int = Field(
        0,
        ge=0,
        le=1_000_000,
        description="Studieavgiften per deltaker per semester i kroner.",
        examples=[12000],
    )
    own_costs: list[OwnCost] = Field(
        default_factory=list, description="Det OU-fondet ikke dekker, og kommunen betaler selv."
    )
    share_cap_unconfirmed: int | None = Field(
        None,
        ge=1,
        le=100,
        description="En mulig øvre grense i prosent for refusjon av honorar og reise, som ikke er bekreftet "
        "for dette kullet; regnes ut og vises merket «ikke bekreftet».",
        examples=[70],
    )
    tuition_cap_unconfirmed: int | None = Field(
        None,
        ge=0,
        le=1_000_000,
        description="En mulig øvre grense i kroner for studieavgift per deltaker for hele studiet når "
        "studiet er "
        "del av et lederutviklingsprogram, som ikke er bekreftet; vises merket «ikke bekreftet».",
        examples=[10000],
    )


class Programme(Record):
    id: Id = Field(
        description="Kort id for programmet og kullet, for eksempel «nordby-2030». Gir navnet på "
        "kalenderfilen, står i hver kalenderhendelses UID og i nøkkelen som husker i nettleseren hva "
        "en deltaker har lest, så to kull aldri blandes. Nytt for hvert kull (make nytt-kull).",
        examples=["nordby-2030"],
    )
    name: Text = Field(description="Programmets fulle navn.")
    short_name: Text = Field(description="Kort navn brukt i tekst.", examples=["Lederutviklingsprogrammet"])
    organisation: Text = Field(description="Oppdragsgiveren.", examples=["Nordby kommune"])
    period: Period = Field(description="Kontraktsperioden for programmet.")
    credits: int = Field(
        ge=1, le=MAX_CREDITS, description="Studiepoeng for det avtalte programmet.", examples=[30]
    )
    level: Text = Field(description="Nivået studiepoengene gis på.", examples=["masternivå"])
    language: Text = Field(description="Språket i programmet.", examples=["norsk"])
    financing: Text = Field(description="Hvordan programmet finansieres.")
    place: Text = Field(description="Stedet der alle samlingene holdes.", examples=["Nordby"])
    place_preposition: Literal["i", "på"] = Field(
        description="Preposisjonen foran stedet, slik stedet sies: «i» (i Bodø) eller «på» (på Hamar).",
        examples=["i"],
    )
    calendar_domain: Domain = Field(
        description="Domenet bak @ i kalenderhendelsenes UID, helst oppdragsgiverens eget; "
        "sammen med id-en gjør det hendelsene unike i deltakernes kalendere.",
        examples=["nordby.kommune.no"],
    )
    main_goal: Text = Field(description="Hovedmålet med kundens ord.")
    purpose: Text = Field(description="Formålet i én eller to setninger.")
    participants: list[ParticipantGroup] = Field(
        min_length=1,
        description="Deltakerne som roller og antall, aldri navn.",
    )
    values: list[Value] = Field(
        min_length=1,
        description="Verdiene programmet skal bygge en felles kultur på.",
    )
    modules: list[Module] = Field(min_length=1, description="Modulene: den avtalte og eventuelle opsjoner.")
    ou_fund: Financing | None = Field(
        None,
        description="Budsjettet regnet mot grensene i KS' OU-fond (siden om finansiering viser det).",
    )


class Theme(Record):
    id: Id = Field(description="Kort id for temaet.", examples=["roller"])
    name: Text = Field(description="Navnet på temaet.", examples=["Roller og rolleforståelse"])
    description: Text = Field(description="Én setning om hva temaet handler om.")
    page: DocPath = Field(description="Teorisiden for temaet, under docs/.", examples=["teori/roller.md"])


SessionKind = Literal[
    "forelesning",
    "dialog",
    "gruppearbeid",
    "refleksjon",
    "verksted",
    "veiledning",
    "casearbeid",
    "evaluering",
    "pause",
]


class Session(Record):
    # Exactly one of day and date: the schema says so for editors, one_day() for the checks.
    model_config = ConfigDict(json_schema_extra={"oneOf": [{"required": ["day"]}, {"required": ["date"]}]})

    day: int | None = Field(
        None,
        ge=1,
        le=MAX_DAYS,
        description="Hvilken dag i samlingen økten holdes: 1 for første dag, 2 for andre. "
        "Flyttes samlingen, følger øktene med. Skriv day eller date, ikke begge.",
        examples=[1],
    )
    date: IsoDate | None = Field(
        None,
        description="Datoen økten holdes, i stedet for day; må ligge innenfor samlingen.",
        examples=["2030-09-10"],
    )
    start: Clock = Field(description="Når økten begynner, i anførselstegn.", examples=["09:00"])
    end: Clock = Field(description="Når økten slutter, i anførselstegn.", examples=["10:30"])
    title: Text = Field(description="Tittelen på økten.", examples=["Rolle, oppgave og system"])
    kind: SessionKind = Field(description="Arbeidsformen.", examples=["forelesning"])
    room: Text | None = Field(
        None,
        description="Rommet for økten, når det er et annet enn samlingens.",
        examples=["Grupperom 2"],
    )
    responsible: Id | None = Field(
        None,
        description="Id for rollen som leder økten (roller.yml).",
        examples=["prosessveileder"],
    )
    addresses: list[Id] = Field(
        default_factory=list,
        description="Id-er for krav og mål økten arbeider med (krav.yml).",
        examples=[["pm-roller-tydelighet"]],
    )
    description: OptionalText = Field("", description="Kort utdyping av økten, hvis tittelen ikke er nok.")
    exercises: list[Id] = Field(
        default_factory=list,
        description="Øvelsene fra verdiprosessen økten gjennomfører, i rekkefølge (id-er i "
        "verdiprosess.yml); "
        "økten må være minst like lang som øvelsene til sammen.",
        examples=[["verdivandring"]],
    )

    @model_validator(mode="after")
    def one_day(self) -> Session:
        if self.day is None and self.date is None:
            raise DataError(
                f"økten «{self.title}» mangler dag",
                "skriv «day: 1» for første samlingsdag, «day: 2» for andre, eller en dato «date: ÅÅÅÅ-MM-DD»",
            )
        if self.day is not None and self.date is not None:
            raise DataError(
                f"økten «{self.title}» har både «day» og «date»",
                "behold bare én av dem; med «day» følger økten samlingen når den flyttes",
            )
        return self


class Gathering(Record):
    id: Id = Field(description="Kort id for samlingen.", examples=["samling-3"])
    number: int = Field(
        ge=1, le=MAX_GATHERINGS, description="Nummeret på samlingen, unikt i modulen.", examples=[3]
    )
    module: Id = Field(description="Id for modulen samlingen hører til (program.yml).", examples=["modul-1"])
    title: Text = Field(
        description="Tittelen på samlingen.",
        examples=["Roller og oppgaver i organisasjonen"],
    )
    theme: Id = Field(description="Hovedtemaet (id i temaer.yml).", examples=["roller"])
    start: IsoDate = Field(description="Første samlingsdag.", examples=["2030-10-22"])
    end: IsoDate = Field(description="Siste samlingsdag.", examples=["2030-10-23"])
    place: Text = Field(description="Stedet for samlingen.", examples=["Nordby"])
    room: Text | None = Field(
        None,
        description="Rom eller lokale for samlingen, når det er kjent; vises i programmet og kalenderen.",
        examples=["Storsalen, rådhuset"],
    )
    page: DocPath = Field(
        description="Siden som forteller hva som skjer og hvorfor.",
        examples=["samlinger/samling-3.md"],
    )
    summary: Text = Field(description="To–tre setninger om samlingen.")
    readings: list[Id] = Field(
        default_factory=list,
        description="Pensum som leses før samlingen (id-er i pensum.yml).",
        examples=[["schein-organizational-culture"]],
    )
    reflection: list[Text] = Field(default_factory=list, description="Refleksjonsspørsmål til forberedelsen.")
    sessions: list[Session] = Field(min_length=1, description="Øktene, med dag og klokkeslett.")
    exercises_after: list[Id] = Field(
        default_factory=list,
        description="Øvelser fra verdiprosessen som lederne gjør i egen virksomhet etter samlingen, før "
        "neste "
        "(id-er i verdiprosess.yml).",
        examples=[["kulturobservasjon"]],
    )

    @property
    def label(self) -> str:
        """The gathering as every page, heading, chart and calendar names it: «Samling 3: Kultur»."""
        return f"Samling {self.number}: {self.title}"

    def length(self) -> int:
        """How many days the gathering lasts (0 or less when end is before start)."""
        return (self.end - self.start).days + 1

    def date_of(self, s: Session) -> date:
        """The day a session is held: its own date, or its day counted from the gathering's start."""
        if s.date is not None:
            return s.date
        assert s.day is not None  # Session's validator: a session has its date or its day
        return self.start + timedelta(days=s.day - 1)

    def day_number(self, day: date) -> int:
        """1 for the gathering's first day, 2 for the second, …"""
        return (day - self.start).days + 1

    def days(self) -> list[tuple[date, list[Session]]]:
        """The sessions grouped by day, in date and time order (the agenda's and the calendar's days)."""
        found: dict[date, list[Session]] = {}
        for s in sorted(self.sessions, key=lambda s: (self.date_of(s), s.start)):
            found.setdefault(self.date_of(s), []).append(s)
        return list(found.items())

    def room_of(self, s: Session) -> str | None:
        """The session's own room, else the gathering's, else none."""
        return s.room or self.room


ReadingKind = Literal["bok", "kapittel", "artikkel", "rapport", "dokument"]
# ISO 639-1: bokmål, nynorsk, svensk, dansk, engelsk
Language = Literal["nb", "nn", "sv", "da", "en"]
SCANDINAVIAN: frozenset[str] = frozenset({"nb", "nn", "sv", "da"})
# the details of a reading that can be marked as not checked against a published source
Checkable = Literal["authors", "year", "title", "edition", "publisher", "journal", "selection", "pages"]


class Reading(Record):
    id: Id = Field(description="Kort id for teksten.", examples=["schein-organizational-culture"])
    authors: list[Text] = Field(
        min_length=1,
        description="Forfatterne som «Etternavn, Fornavn».",
        examples=[["Schein, Edgar H."]],
    )
    year: int = Field(ge=1900, le=2100, description="Utgivelsesåret for utgaven som leses.", examples=[2010])
    title: Text = Field(
        description="Tittelen, med undertittel etter kolon.",
        examples=["Organizational Culture and Leadership"],
    )
    kind: ReadingKind = Field(description="Typen tekst.", examples=["bok"])
    publisher: Text | None = Field(
        None,
        description="Forlaget (påkrevd for bøker).",
        examples=["Jossey-Bass"],
    )
    journal: Text | None = Field(
        None,
        description="Tidsskriftet, med årgang og hefte (påkrevd for artikler).",
        examples=["Administrative Science Quarterly, 44(2)"],
    )
    book: Text | None = Field(None, description="Boka et kapittel står i (påkrevd for kapitler).")
    pages: PageSpec = Field(
        description="Antall sider, eller sideintervall i anførselstegn.",
        examples=["350-383"],
    )
    pages_estimated: bool = Field(
        False,
        description="true når sidetallet er et anslag; vises som «ca.».",
        examples=[True],
    )
    selection: Text | None = Field(
        None,
        description="Hvilke deler som leses, når det ikke er hele teksten.",
        examples=["kapittel 1–3"],
    )
    required: bool = Field(description="true for obligatorisk, false for anbefalt.", examples=[True])
    themes: list[Id] = Field(
        min_length=1,
        description="Temaene teksten hører til (id-er i temaer.yml).",
        examples=[["organisasjonskultur"]],
    )
    note: Text | None = Field(None, description="En kort merknad som vises etter teksten.")
    language: Language = Field(
        description="Språket teksten er skrevet på: nb, nn, sv, da eller en.", examples=["nb"]
    )
    edition: int | None = Field(
        None,
        ge=1,
        le=50,
        description="Utgaven som leses (påkrevd for bøker; 1 for førsteutgaven).",
        examples=[4],
    )
    summary: Text | None = Field(
        None,
        description="«Kort fortalt»: to–tre setninger på norsk om hva teksten sier (påkrevd for tekster på "
        "engelsk).",
    )
    unverified: list[Checkable] = Field(
        default_factory=list,
        description="Opplysningene som ikke er kontrollert mot forlag, bibliotekkatalog eller tidsskrift; "
        "vises som «ikke bekreftet».",
        examples=[["selection", "pages"]],
    )
    source: Text | None = Field(
        None,
        description="Hvor opplysningene er kontrollert (nettadresse til forlag, katalog eller tidsskrift).",
    )


RequirementCategory = Literal["formal", "grunnleggende-krav", "generelle-mal", "programkrav", "programmal"]


class Requirement(Record):
    id: Id = Field(description="Kort id for kravet eller målet.", examples=["pm-roller-tydelighet"])
    text: Text = Field(description="Kundens egne ord, ordrett.")
    category: RequirementCategory = Field(
        description="Hvor i kundens dokument kravet hører hjemme.",
        examples=["programmal"],
    )
    group: Text | None = Field(
        None,
        description="Undergruppe, for eksempel Roller, Kultur eller Ledelse.",
        examples=["Roller"],
    )
    section: Text = Field(description="Avsnittet i kundens dokument.", examples=["1.6"])
    how: Text = Field(description="Hvordan programmet møter kravet.")
    pages: list[DocPath] = Field(
        default_factory=list,
        description="Sider i docs/ der kravet er møtt, i tillegg til øktene.",
        examples=[["om/finansiering.md"]],
    )


OutcomeCategory = Literal["kunnskap", "ferdigheter", "generell-kompetanse"]


class Outcome(Record):
    id: Id = Field(description="Kort id for læringsutbyttet.", examples=["k-roller"])
    category: OutcomeCategory = Field(
        description="Kunnskap, ferdigheter eller generell kompetanse.",
        examples=["kunnskap"],
    )
    text: Text = Field(description="Teksten som fortsetter «Kandidaten …».")
    module: Id = Field(
        description="Modulen læringsutbyttet hører til (id i program.yml).", examples=["modul-1"]
    )


class Assessment(Record):
    id: Id = Field(description="Kort id for arbeidskravet eller eksamen.", examples=["refleksjonsnotat-1"])
    kind: Literal["arbeidskrav", "eksamen"] = Field(
        description="Arbeidskrav eller eksamen.",
        examples=["arbeidskrav"],
    )
    title: Text = Field(description="Tittelen.")
    description: Text = Field(description="Hva som skal leveres, og omfanget.")
    deadline: IsoDate = Field(description="Fristen.", examples=["2030-10-08"])
    gathering: Id | None = Field(
        None,
        description="Samlingen arbeidet hører til (id i samlinger.yml); et arbeidskrav vises under "
        "forberedelsen til den samlingen og i boksen om neste samling.",
        examples=["samling-1"],
    )
    outcomes: list[Id] = Field(
        default_factory=list,
        description="Læringsutbyttet som prøves (id-er i utbytte.yml).",
        examples=[["k-roller"]],
    )
    hours: int = Field(
        ge=1,
        le=MAX_HOURS,
        description="Anslått arbeid i timer for hver deltaker, med forberedelse.",
        examples=[25],
    )
    builds_on: list[Id] = Field(
        min_length=1,
        description="Temaene arbeidet bygger på (id-er i temaer.yml); fristen må ligge etter samlingen "
        "som har temaet som hovedtema.",
        examples=[["roller"]],
    )
    approval: Text | None = Field(None, description="Arbeidskrav: hva som skal til for å få det godkjent.")
    form: Text | None = Field(
        None, description="Eksamen: eksamensformen.", examples=["Individuell hjemmeeksamen"]
    )
    size: Text | None = Field(None, description="Eksamen: omfanget av besvarelsen.", examples=["10–12 sider"])
    start: IsoDate | None = Field(None, description="Eksamen: dagen oppgaven gis ut; fristen er siste dag.")
    grading: Fact | None = Field(None, description="Eksamen: karakterskalaen, eller «open: …».")
    internal_examiner: Fact | None = Field(None, description="Eksamen: intern sensor, eller «open: …».")
    external_examiner: Fact | None = Field(None, description="Eksamen: ekstern sensor, eller «open: …».")
    resit: Fact | None = Field(None, description="Eksamen: ny og utsatt eksamen, eller «open: …».")


RoleKind = Literal["deltaker", "fagansvarlig", "prosessveileder", "foreleser", "oppdragsgiver"]


class Role(Record):
    id: Id = Field(description="Kort id for rollen.", examples=["prosessveileder"])
    title: Text = Field(description="Rollen slik den vises.", examples=["Prosessveileder"])
    title_plural: Text | None = Field(
        None,
        description="Flertall, når flere har rollen.",
        examples=["Virksomhetsledere"],
    )
    kind: RoleKind = Field(description="Hva slags rolle det er i programmet.", examples=["prosessveileder"])
    description: Text = Field(description="Hva rollen gjør i programmet.")
    contact: Text | None = Field(None, description="Hva man kontakter rollen om (aldri personlige adresser).")


class Term(Record):
    id: Id = Field(description="Kort id, brukt som anker i begrepslisten.", examples=["handlingsrom"])
    term: Text = Field(description="Begrepet.", examples=["Handlingsrom"])
    definition: Text = Field(description="Forklaringen, i én til tre setninger.")
    see_also: list[Id] = Field(
        default_factory=list,
        description="Beslektede begreper (id-er i begreper.yml).",
        examples=[["styringsrett"]],
    )


MAX_MINUTES = 24 * 60  # one exercise; the check holds each gathering's to its session


class Phase(Record):
    number: int = Field(ge=1, le=20, description="Nummeret på fasen.", examples=[1])
    name: Text = Field(description="Navnet på fasen.", examples=["Kartlegging"])
    page: DocPath = Field(
        description="Siden i docs/ som beskriver fasen.", examples=["verdiprosessen/1-kartlegging.md"]
    )


class ProcessResult(Record):
    id: Id = Field(description="Kort id for resultatet.", examples=["vedtatt-verdisett"])
    name: Text = Field(
        description="Resultatet slik det vises i teksten, i bestemt form.",
        examples=["det vedtatte verdisettet"],
    )


ExercisePlace = Literal["samling", "virksomhet", "arena"]


class Exercise(Record):
    id: Id = Field(
        description="Kort id for øvelsen, brukt i øktene i samlinger.yml.", examples=["verdivandring"]
    )
    name: Text = Field(description="Navnet på øvelsen.", examples=["Verdivandring"])
    phase: int = Field(
        ge=1, le=20, description="Fasen øvelsen hører til (number under phases).", examples=[2]
    )
    minutes: int = Field(ge=1, le=MAX_MINUTES, description="Hvor mange minutter øvelsen tar.", examples=[90])
    time_note: Text | None = Field(
        None,
        description="Hvordan tiden fordeles eller hvor ofte øvelsen gjøres, når minuttene ikke sier alt.",
        examples=["i hvert møte i RLG"],
    )
    place: ExercisePlace = Field(
        description="Hvor øvelsen gjøres: «samling» (i en økt i samlinger.yml), «virksomhet» (i egen "
        "virksomhet mellom samlingene, under exercises_after i samlinger.yml) eller «arena» (fast i RLG, "
        "ledernettverkene eller medarbeidersamtalene etter vedtaket).",
        examples=["samling"],
    )
    summary: Text = Field(description="Én eller to setninger om hva øvelsen er og gir.")
    needs: list[Id] = Field(
        default_factory=list,
        description="Resultatene øvelsen bygger på (id-er under results); noe før må lage dem.",
        examples=[["kulturbilde"]],
    )
    produces: list[Id] = Field(
        default_factory=list,
        description="Resultatene øvelsen lager (id-er under results).",
        examples=[["verdibeskrivelser"]],
    )


class ProcessStep(Record):
    id: Id = Field(description="Kort id for trinnet.", examples=["horing"])
    name: Text = Field(
        description="Hva som skjer.", examples=["Høring i virksomhetene og hos de tillitsvalgte"]
    )
    phase: int = Field(
        ge=1, le=20, description="Fasen trinnet hører til (number under phases).", examples=[3]
    )
    start: IsoDate = Field(description="Første dag.", examples=["2031-03-27"])
    end: IsoDate = Field(description="Siste dag (samme som start for én dag).", examples=["2031-04-24"])
    who: Text = Field(description="Hvem som gjør det.", examples=["Virksomhetene og de tillitsvalgte"])
    description: Text = Field(description="Hva trinnet går ut på.")
    needs: list[Id] = Field(
        default_factory=list, description="Resultatene trinnet bygger på (id-er under results)."
    )
    produces: list[Id] = Field(
        default_factory=list, description="Resultatene trinnet lager (id-er under results)."
    )


class ValuesProcess(Record):
    phases: list[Phase] = Field(min_length=1, description="Fasene i verdiprosessen, i rekkefølge.")
    results: list[ProcessResult] = Field(
        default_factory=list, description="Det fasene lager og bygger på, som øvelsene og trinnene viser til."
    )
    exercises: list[Exercise] = Field(default_factory=list, description="Øvelsene i veiledningen.")
    steps: list[ProcessStep] = Field(
        default_factory=list,
        description="Daterte trinn utenom samlingene: skrivegruppen, høringen, vedtaket og lignende.",
    )


class Curriculum(Record):
    """Everything in ``curriculum/``; each field is one file."""

    _by_id: dict[str, dict[str, Any]] = PrivateAttr(default_factory=dict)
    _titles: dict[str, str] = PrivateAttr(default_factory=dict)
    _news: list[Any] = PrivateAttr(default_factory=list)  # macros.news.Notice, newest first
    _memo: dict[str, Any] = PrivateAttr(default_factory=dict)  # views computed once (read-only data)

    def news(self) -> list[Any]:
        """The notices in docs/nytt/, newest first (filled in by the loader)."""
        return self._news

    def page_title(self, page: str) -> str:
        """The first heading of a page in docs/ (filled in by the loader)."""
        return self._titles.get(page, page)

    programme: Programme
    themes: list[Theme]
    gatherings: list[Gathering]
    readings: list[Reading]
    requirements: list[Requirement]
    outcomes: list[Outcome]
    assessments: list[Assessment]
    roles: list[Role]
    terms: list[Term]
    values_process: ValuesProcess

    def by_id(self, field: str) -> dict[str, Any]:
        """The records of one collection keyed by id (built once)."""
        cache = self._by_id
        if field not in cache:
            records = self.programme.modules if field == "modules" else getattr(self, field)
            cache[field] = {r.id: r for r in records}
        return cache[field]

    def module_of(self, gathering: Gathering) -> Module:
        module: Module = self.by_id("modules")[gathering.module]
        return module

    def memoised(self, key: str, compute: Callable[[], T]) -> T:
        """A view of the data computed once per curriculum (the data is read-only); callers must not
        change what they get."""
        memo = self._memo
        if key not in memo:
            memo[key] = compute()
        value: T = memo[key]
        return value

    def scheduled(self) -> list[Gathering]:
        """Gatherings of the modules that are switched on, in date order."""
        memo = self._memo
        if "scheduled" not in memo:
            modules = self.by_id("modules")
            memo["scheduled"] = sorted(
                (g for g in self.gatherings if modules[g.module].enabled),
                key=lambda g: (g.start, g.number),
            )
        return list(memo["scheduled"])

    def in_module(self, module_id: str) -> list[Gathering]:
        return sorted((g for g in self.gatherings if g.module == module_id), key=lambda g: g.start)

    def addressing(self, requirement_id: str) -> list[tuple[Gathering, Session]]:
        """Every session, with its gathering, that works with a requirement or goal."""
        memo = self._memo
        if "addressing" not in memo:
            index: dict[str, list[tuple[Gathering, Session]]] = {}
            for g in self.scheduled():
                for s in g.sessions:
                    for wanted in dict.fromkeys(s.addresses):
                        index.setdefault(wanted, []).append((g, s))
            memo["addressing"] = index
        return list(memo["addressing"].get(requirement_id, []))

    def assignments_of(self, gathering_id: str) -> list[Assessment]:
        """The arbeidskrav that belong to a gathering, by deadline: those whose ``gathering`` in
        vurdering.yml names it (the link is written there only)."""
        found = [a for a in self.assessments if a.kind == "arbeidskrav" and a.gathering == gathering_id]
        return sorted(found, key=lambda a: a.deadline)

    def active_readings(self) -> list[Reading]:
        """Readings of the switched-on modules, in the order of pensum.yml."""
        assigned = {r for g in self.scheduled() for r in g.readings}
        return [r for r in self.readings if r.id in assigned]


FILES: dict[str, str] = {
    "program.yml": "programme",
    "temaer.yml": "themes",
    "samlinger.yml": "gatherings",
    "pensum.yml": "readings",
    "krav.yml": "requirements",
    "utbytte.yml": "outcomes",
    "vurdering.yml": "assessments",
    "roller.yml": "roles",
    "begreper.yml": "terms",
    "verdiprosess.yml": "values_process",
}

# One record of each kind as messages and the data reference name it (Norwegian), by model class
RECORD_NAMES: dict[str, str] = {
    "Period": "periode",
    "ParticipantGroup": "deltakergruppe",
    "Value": "verdi",
    "Module": "modul",
    "Programme": "programmet",
    "Theme": "tema",
    "Session": "økt",
    "Gathering": "samling",
    "Reading": "pensumtekst",
    "Requirement": "krav eller mål",
    "Outcome": "læringsutbytte",
    "Assessment": "arbeidskrav eller eksamen",
    "Role": "rolle",
    "Term": "begrep",
    "Workload": "arbeidsmengde",
    "WorkItem": "arbeidspost",
    "Financing": "finansieringsplan",
    "FeeLine": "honorarpost",
    "OwnCost": "egenkostnad",
    "ValuesProcess": "verdiprosess",
    "Phase": "fase",
    "ProcessResult": "leveranse",
    "Exercise": "øvelse",
    "ProcessStep": "oppgave utenom samlingene",
}

# What makes a new record of a collection, named when an id is unknown and none is close to it
CREATE: dict[str, str] = {"gatherings": 'make ny-samling TITTEL="…"', "readings": "make ny-lesning"}


def id_collections() -> list[str]:
    """The collections of records with ids: every list in the curriculum, and the modules."""
    return [
        f for f, info in Curriculum.model_fields.items() if typing.get_origin(info.annotation) is list
    ] + ["modules"]


def collection_file(field: str) -> str:
    """The data file that holds a collection (the modules are in program.yml)."""
    owner = "programme" if field == "modules" else field
    return next(name for name, f in FILES.items() if f == owner)


def collection_noun(field: str) -> str:
    """One record of a collection as messages name it, e.g. «samling»."""
    kind = Module if field == "modules" else typing.get_args(Curriculum.model_fields[field].annotation)[0]
    return RECORD_NAMES[kind.__name__]
