"""Wat openbaar is (notitie §3.10: bewoners informeren) — één definitie voor de openbare
wijkpagina's (``/openbaar/wijk/<slug>``) en de open-data-API (``/api/v1/``).

Regels:

- Openbaar zijn alleen wijken met een **lopend, door de raad vastgesteld wijkplan** (status
  ``vastgesteld`` of ``geevalueerd`` en het jaar valt in de planperiode; dezelfde definitie als
  :func:`datalaag.afgeleid.plan_actief`). Een plan in voorbereiding of een terugverwezen plan is
  nog geen besluit van de raad en wordt niet gepubliceerd.
- **Nooit persoonsgegevens**: geen namen (van bewoners, melders, verantwoordelijken of
  regiegroepleden), geen vrije tekst van meldingen of opmerkingen, geen adressen onder straatniveau.
  De openbare leesfuncties selecteren daarom alleen de kolommen in :data:`OPENBARE_VELDEN`; een test
  controleert elk openbaar antwoord tegen :data:`VERBODEN_VELDEN`.
- De beheerder kan beide kanalen apart uitzetten (:func:`zet_openbaar`); zonder instelling staan ze aan.

Geen Dash hier: de webkant (Flask-routes) leest via deze module.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from datalaag.afgeleid import plan_actief_sql
from datalaag.autorisatie import Actor, eis
from datalaag.models import Instelling, Wijk, Wijkplan
from datalaag.mutaties import leg_vast
from datalaag.validatie import Invoerfout

#: Kanaal → naam in meldingen en op het scherm.
ONDERDELEN: dict[str, str] = {
    "paginas": "de openbare wijkpagina's",
    "api": "de open-data-API",
}

#: Kolommen die nooit in een openbaar antwoord mogen staan (namen van kolommen in het model en de
#: sleutels van JSON/CSV). Persoonsgegevens en vrije tekst.
VERBODEN_VELDEN: frozenset[str] = frozenset({
    "naam_melder", "melder", "verantwoordelijke", "budgethouder", "gewijzigd_door", "gebruiker_naam",
    "gebruiker_id", "email", "omschrijving", "aanpak", "rol_bewoners", "opmerkingen", "toelichting",
    "afdoening", "huisnummer", "adres", "postcode", "telefoon", "knelpunten",
})


def _sleutel(onderdeel: str) -> str:
    if onderdeel not in ONDERDELEN:
        raise Invoerfout(f"Onbekend onderdeel {onderdeel!r}: kies uit {', '.join(ONDERDELEN)}.")
    return f"openbaar.{onderdeel}"


@dataclass(frozen=True, slots=True)
class Openbaarheid:
    onderdeel: str
    aan: bool
    versie: int | None        # None: nog nooit ingesteld (staat aan)
    gewijzigd_door: str | None
    gewijzigd_op: dt.datetime | None


def openbaarheid(sessie: Session, onderdeel: str) -> Openbaarheid:
    """De stand van één kanaal. Eén query op de primaire sleutel."""
    rij = sessie.get(Instelling, _sleutel(onderdeel))
    if rij is None:
        return Openbaarheid(onderdeel, True, None, None, None)
    return Openbaarheid(onderdeel, rij.waarde != "uit", rij.versie, rij.gewijzigd_door, rij.gewijzigd_op)


def openbaar_aan(sessie: Session, onderdeel: str) -> bool:
    return openbaarheid(sessie, onderdeel).aan


def zet_openbaar(sessie: Session, actor: Actor | None, onderdeel: str, aan: bool,
                 verwachte_versie: int | None = None) -> Openbaarheid:
    """Zet een kanaal aan of uit (alleen de beheerder). Schrijft de instelling plus één ``Mutatie``.

    ``verwachte_versie``: de versie waarop de gebruiker zijn keuze baseerde (``None`` bij een nog
    nooit ingestelde waarde). Wijkt die af, dan wordt niets opgeslagen.
    """
    sleutel = _sleutel(onderdeel)
    if not isinstance(aan, bool):
        raise Invoerfout("Kies 'aan' of 'uit'.")
    eis(actor, "openbaarheid_beheren")
    rij = sessie.get(Instelling, sleutel)
    huidige_versie = None if rij is None else rij.versie
    if verwachte_versie != huidige_versie:
        raise Invoerfout(
            f"De instelling voor {ONDERDELEN[onderdeel]} is intussen door iemand anders gewijzigd. "
            "Laad de pagina opnieuw en maak uw keuze dan nog eens."
        )
    waarde = "aan" if aan else "uit"
    oud = None if rij is None else {"Onderdeel": ONDERDELEN[onderdeel], "Stand": rij.waarde}
    if rij is None:
        rij = Instelling(sleutel=sleutel, waarde=waarde, gewijzigd_door=actor.naam)
        sessie.add(rij)
        actie = "aangemaakt"
    else:
        rij.waarde = waarde
        rij.gewijzigd_door = actor.naam
        actie = "gewijzigd"
    try:
        sessie.flush()
    except StaleDataError:
        raise Invoerfout(
            f"De instelling voor {ONDERDELEN[onderdeel]} is intussen door iemand anders gewijzigd. "
            "Laad de pagina opnieuw en maak uw keuze dan nog eens."
        ) from None
    # Instelling heeft een tekstsleutel: het onderdeel staat in ``nieuw``.
    leg_vast(sessie, actor, entiteit="instelling", entiteit_id=0, actie=actie, oud=oud,
             nieuw={"Onderdeel": ONDERDELEN[onderdeel], "Stand": waarde}, versie=rij.versie)
    sessie.flush()
    return openbaarheid(sessie, onderdeel)


def openbare_wijken_select(jaar: int | None = None) -> Select[tuple[int]]:
    """``SELECT wijk.id`` van de wijken die openbaar zijn in ``jaar`` (standaard: dit jaar).

    Te gebruiken als subquery (``Wijk.id.in_(openbare_wijken_select())``) in elke openbare leesfunctie.
    """
    jaar = dt.date.today().year if jaar is None else jaar
    return select(Wijk.id).where(
        exists().where(Wijkplan.wijk_id == Wijk.id, plan_actief_sql(jaar))
    )


def is_openbare_wijk(sessie: Session, wijk_id: int, jaar: int | None = None) -> bool:
    return sessie.scalar(select(exists(openbare_wijken_select(jaar).where(Wijk.id == wijk_id)))) is True


# --------------------------------------------------------------------------- openbare wijkpagina's
#
# Leesfuncties voor ``/openbaar`` en ``/openbaar/wijk/<slug>``. Ze selecteren alleen genoemde kolommen
# (nooit een ORM-object of ``SELECT *``) en geven bevroren dataclasses zonder persoonsgegevens of vrije
# tekst terug. Afgeleide cijfers (op koers, achter schema) komen uit de ene definitie in
# :mod:`datalaag.afgeleid` via :func:`datalaag.trends.doelstelling_trends`.

#: Zoveel kalendermaanden meldingen (de lopende maand meegeteld).
MELDINGEN_MAANDEN = 12

MAANDNAMEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
              "oktober", "november", "december")


@dataclass(frozen=True, slots=True)
class OpenbareWijkRegel:
    """Eén regel van de lijst ``/openbaar``."""

    slug: str
    naam: str
    stadsdeel: str
    plan_titel: str
    periode_van: int
    periode_tot: int


def openbare_wijken(sessie: Session, jaar: int | None = None) -> list[OpenbareWijkRegel]:
    """De openbare wijken met hun lopende plan, op naam. Eén query."""
    from datalaag.models import Stadsdeel

    jaar = dt.date.today().year if jaar is None else jaar
    rijen = sessie.execute(
        select(Wijk.slug, Wijk.naam, Stadsdeel.naam.label("stadsdeel"), Wijkplan.titel, Wijkplan.periode_van,
               Wijkplan.periode_tot)
        .join(Stadsdeel, Stadsdeel.id == Wijk.stadsdeel_id)
        .join(Wijkplan, Wijkplan.wijk_id == Wijk.id)
        .where(plan_actief_sql(jaar))
        .order_by(Wijk.naam, Wijkplan.periode_van.desc(), Wijkplan.id.desc())
    ).all()
    gezien: dict[str, OpenbareWijkRegel] = {}
    for r in rijen:
        gezien.setdefault(r.slug, OpenbareWijkRegel(r.slug, r.naam, r.stadsdeel, r.titel, r.periode_van,
                                                    r.periode_tot))
    return list(gezien.values())


@dataclass(frozen=True, slots=True)
class OpenbaarPlan:
    titel: str
    #: 'WOP' | 'AWA' | 'SHR'
    werkwijze_code: str
    werkwijze: str
    periode_van: int
    periode_tot: int
    #: 'vastgesteld' of 'geevalueerd'
    status: str
    vastgesteld_op: dt.date | None
    #: het laatste jaar waarover het plan is geëvalueerd (statushistorie), of None
    laatst_geevalueerd_jaar: int | None


@dataclass(frozen=True, slots=True)
class OpenbaarDoel:
    tekst: str
    indicator: str
    #: eenheid zoals getoond ('per 1.000 inwoners' bij een telling)
    eenheid: str
    richting: str
    nulmeting: float
    nuljaar: int
    streefwaarde: float
    streefjaar: int
    laatste_waarde: float | None
    laatste_peildatum: dt.date | None
    #: 'op_koers' | 'achter' | 'ver_achter' | 'geen_data' (:func:`datalaag.afgeleid.op_koers_doelstelling`)
    status: str


@dataclass(frozen=True, slots=True)
class OpenbareMaatregel:
    naam: str
    status: str
    voortgang: int
    #: :func:`datalaag.afgeleid.achter_schema` op vandaag
    achter_schema: bool
    start: dt.date | None
    eind: dt.date | None


@dataclass(frozen=True, slots=True)
class OpenbareAmbitie:
    nummer: int
    naam: str
    doelen: tuple[OpenbaarDoel, ...]
    maatregelen: tuple[OpenbareMaatregel, ...]


@dataclass(frozen=True, slots=True)
class MeldingenMaand:
    jaar: int
    maand: int
    #: categorie → aantal (alle categorieën van ``MELDING_CATEGORIEEN``, ook 0)
    per_categorie: dict[str, int]

    @property
    def totaal(self) -> int:
        return sum(self.per_categorie.values())

    @property
    def naam(self) -> str:
        return f"{MAANDNAMEN[self.maand - 1]} {self.jaar}"


@dataclass(frozen=True, slots=True)
class EvaluatieScore:
    ambitie_nummer: int
    ambitie_naam: str
    waardering: float | None
    #: de waardering in de vorige vastgestelde evaluatie (None: geen)
    vorige: float | None


@dataclass(frozen=True, slots=True)
class OpenbareEvaluatie:
    jaar: int
    vastgesteld_op: dt.date | None
    klanttevredenheid: float | None
    respons: int | None
    scores: tuple[EvaluatieScore, ...]
    #: het jaar van de vorige vastgestelde evaluatie (None: geen)
    vorige_jaar: int | None
    extra_budget_bedrag: float | None
    #: datum waarop de raad over het verzoek om extra budget besloot (de tekst van het besluit is vrije
    #: tekst en blijft intern)
    raadsbesluit_datum: dt.date | None


@dataclass(frozen=True, slots=True)
class OpenbareWijkpagina:
    slug: str
    naam: str
    stadsdeel: str
    inwoners: int | None
    plan: OpenbaarPlan
    ambities: tuple[OpenbareAmbitie, ...]
    meldingen: tuple[MeldingenMaand, ...]
    evaluatie: OpenbareEvaluatie | None
    #: de laatste wijziging in de getoonde gegevens van deze wijk (datum)
    bijgewerkt_op: dt.date
    peildatum: dt.date


def _float(x) -> float | None:
    return None if x is None else float(x)


def _maanden_terug(vandaag: dt.date, aantal: int) -> list[tuple[int, int]]:
    """(jaar, maand) van de ``aantal`` kalendermaanden t/m die van ``vandaag``, oud → nieuw."""
    index = vandaag.year * 12 + vandaag.month - 1
    return [divmod(i, 12) for i in range(index - aantal + 1, index + 1)]


def openbare_wijkpagina(sessie: Session, slug: str, vandaag: dt.date | None = None) -> OpenbareWijkpagina | None:
    """Alles voor de openbare pagina van één wijk; None als de wijk niet bestaat of niet openbaar is.

    Een vast aantal geaggregeerde queries (ongeacht het aantal meldingen): wijk + plan; doelstellingen
    (:func:`~datalaag.trends.doelstelling_trends`, vier); maatregelen; meldingen per maand en categorie
    (``GROUP BY``); de laatste twee vastgestelde evaluaties en hun scores (twee); laatste wijziging.
    """
    from sqlalchemy import Integer, case, cast, extract, func

    from datalaag.afgeleid import achter_schema_sql
    from datalaag.models import (
        MELDING_CATEGORIEEN,
        Ambitie,
        Evaluatie,
        EvaluatieAmbitie,
        Maatregel,
        Melding,
        Meting,
        Stadsdeel,
        Werkwijze,
        WijkInwoners,
        WijkplanStatus,
    )
    from datalaag.trends import doelstelling_trends

    vandaag = dt.date.today() if vandaag is None else vandaag
    jaar = vandaag.year
    kop = sessie.execute(
        select(
            Wijk.id, Wijk.slug, Wijk.naam, Stadsdeel.naam.label("stadsdeel"),
            Wijkplan.id.label("plan_id"), Wijkplan.titel, Wijkplan.werkwijze.label("werkwijze_code"), Werkwijze.naam.label("werkwijze"), Wijkplan.periode_van,
            Wijkplan.periode_tot, Wijkplan.status, Wijkplan.vastgesteld_op,
            select(func.max(WijkplanStatus.jaar)).where(WijkplanStatus.wijkplan_id == Wijkplan.id,
                                                        WijkplanStatus.status == "geevalueerd")
            .scalar_subquery().label("geevalueerd_jaar"),
            select(WijkInwoners.aantal).where(WijkInwoners.wijk_id == Wijk.id, WijkInwoners.jaar <= jaar)
            .order_by(WijkInwoners.jaar.desc()).limit(1).scalar_subquery().label("inwoners"),
        )
        .join(Stadsdeel, Stadsdeel.id == Wijk.stadsdeel_id)
        .join(Wijkplan, Wijkplan.wijk_id == Wijk.id)
        .join(Werkwijze, Werkwijze.code == Wijkplan.werkwijze)
        .where(Wijk.slug == slug, plan_actief_sql(jaar))
        .order_by(Wijkplan.periode_van.desc(), Wijkplan.id.desc())
        .limit(1)
    ).one_or_none()
    if kop is None:
        return None

    # Doelstellingen met op koers (de ene definitie) — alleen getallen en de tekst van het doel.
    doelen: dict[int, list[OpenbaarDoel]] = {}
    namen: dict[int, tuple[int, str]] = {}
    for t in doelstelling_trends(sessie, kop.plan_id, vandaag):
        namen[t.ambitie_id] = (t.ambitie_nummer, t.ambitie_naam)
        doelen.setdefault(t.ambitie_id, []).append(OpenbaarDoel(
            tekst=t.tekst, indicator=t.indicator_naam, eenheid=t.eenheid_getoond, richting=t.richting,
            nulmeting=t.nulmeting_getoond, nuljaar=t.nulmeting_jaar, streefwaarde=t.streefwaarde_getoond,
            streefjaar=t.streefjaar, laatste_waarde=None if t.laatste is None else t.laatste.getoond,
            laatste_peildatum=None if t.laatste is None else t.laatste.peildatum, status=t.status,
        ))

    # Maatregelen: naam, status, voortgang, achter schema — geen verantwoordelijke, geen kosten.
    maatregelen: dict[int, list[OpenbareMaatregel]] = {}
    for r in sessie.execute(
        select(Maatregel.ambitie_id, Ambitie.nummer, Ambitie.korte_naam, Maatregel.naam, Maatregel.status,
               Maatregel.voortgang, case((achter_schema_sql(vandaag), True), else_=False).label("achter"),
               Maatregel.start, Maatregel.eind)
        .join(Ambitie, Ambitie.id == Maatregel.ambitie_id)
        .where(Maatregel.wijkplan_id == kop.plan_id)
        .order_by(Ambitie.nummer, Maatregel.start, Maatregel.naam, Maatregel.id)
    ):
        namen.setdefault(r.ambitie_id, (r.nummer, r.korte_naam))
        maatregelen.setdefault(r.ambitie_id, []).append(
            OpenbareMaatregel(r.naam, r.status, int(r.voortgang), bool(r.achter), r.start, r.eind))
    ambities = tuple(
        OpenbareAmbitie(nummer, naam, tuple(doelen.get(a, ())), tuple(maatregelen.get(a, ())))
        for a, (nummer, naam) in sorted(namen.items(), key=lambda p: p[1][0])
    )

    # Meldingen per maand en categorie (aantallen; geen tekst, geen straat).
    maanden = _maanden_terug(vandaag, MELDINGEN_MAANDEN)
    begin = dt.datetime(maanden[0][0], maanden[0][1] + 1, 1)
    grens = dt.datetime.combine(vandaag + dt.timedelta(days=1), dt.time.min)
    m_jaar = cast(extract("year", Melding.ontvangen_op), Integer)
    m_maand = cast(extract("month", Melding.ontvangen_op), Integer)
    tellingen: dict[tuple[int, int], dict[str, int]] = {}
    for r in sessie.execute(
        select(m_jaar.label("jaar"), m_maand.label("maand"), Melding.categorie, func.count().label("aantal"))
        .where(Melding.wijk_id == kop.id, Melding.ontvangen_op >= begin, Melding.ontvangen_op < grens)
        .group_by(m_jaar, m_maand, Melding.categorie)
    ):
        tellingen.setdefault((int(r.jaar), int(r.maand)), {})[r.categorie] = int(r.aantal)
    meldingen = tuple(
        MeldingenMaand(j, m + 1, {c: tellingen.get((j, m + 1), {}).get(c, 0) for c in MELDING_CATEGORIEEN})
        for j, m in maanden
    )

    # De laatste (en de vorige) vastgestelde evaluatie: cijfers, geen opmerkingen of motivering.
    evals = sessie.execute(
        select(Evaluatie.id, Evaluatie.jaar, Evaluatie.vastgesteld_op, Evaluatie.klanttevredenheid_cijfer,
               Evaluatie.klanttevredenheid_respons, Evaluatie.extra_budget_bedrag, Evaluatie.raadsbesluit_datum)
        .where(Evaluatie.wijk_id == kop.id, Evaluatie.status == "vastgesteld", Evaluatie.jaar <= jaar)
        .order_by(Evaluatie.jaar.desc())
        .limit(2)
    ).all()
    evaluatie = None
    if evals:
        laatste, vorige = evals[0], (evals[1] if len(evals) > 1 else None)
        scores: dict[int, dict] = {}
        for r in sessie.execute(
            select(EvaluatieAmbitie.evaluatie_id, Ambitie.nummer, Ambitie.korte_naam, EvaluatieAmbitie.waardering)
            .join(Ambitie, Ambitie.id == EvaluatieAmbitie.ambitie_id)
            .where(EvaluatieAmbitie.evaluatie_id.in_([e.id for e in evals]))
        ):
            regel = scores.setdefault(r.nummer, {"naam": r.korte_naam})
            regel["nu" if r.evaluatie_id == laatste.id else "vorige"] = _float(r.waardering)
        evaluatie = OpenbareEvaluatie(
            jaar=laatste.jaar,
            vastgesteld_op=laatste.vastgesteld_op,
            klanttevredenheid=_float(laatste.klanttevredenheid_cijfer),
            respons=laatste.klanttevredenheid_respons,
            scores=tuple(
                EvaluatieScore(nummer, s["naam"], s.get("nu"), s.get("vorige"))
                for nummer, s in sorted(scores.items()) if "nu" in s
            ),
            vorige_jaar=None if vorige is None else vorige.jaar,
            extra_budget_bedrag=_float(laatste.extra_budget_bedrag),
            raadsbesluit_datum=laatste.raadsbesluit_datum,
        )

    # Bijgewerkt op: de laatste wijziging in wat de pagina toont (één query, elk deel via een index).
    from datalaag.models import Doelstelling

    delen = [
        select(func.max(Wijkplan.gewijzigd_op)).where(Wijkplan.id == kop.plan_id),
        select(func.max(Doelstelling.gewijzigd_op)).where(Doelstelling.wijkplan_id == kop.plan_id),
        select(func.max(Maatregel.gewijzigd_op)).where(Maatregel.wijkplan_id == kop.plan_id),
        select(func.max(Meting.gewijzigd_op)).where(Meting.wijk_id == kop.id, Meting.peildatum <= vandaag),
        select(func.max(Melding.ontvangen_op)).where(Melding.wijk_id == kop.id, Melding.ontvangen_op < grens),
        select(func.max(Evaluatie.gewijzigd_op)).where(Evaluatie.wijk_id == kop.id),
    ]
    tijdstippen = sessie.execute(select(*(d.scalar_subquery() for d in delen))).one()
    bekend = [t if isinstance(t, dt.datetime) else _als_tijdstip(t) for t in tijdstippen if t is not None]
    bijgewerkt = min(max(bekend).date(), vandaag) if bekend else vandaag

    return OpenbareWijkpagina(
        slug=kop.slug,
        naam=kop.naam,
        stadsdeel=kop.stadsdeel,
        inwoners=kop.inwoners,
        plan=OpenbaarPlan(kop.titel, kop.werkwijze_code, kop.werkwijze, kop.periode_van, kop.periode_tot, kop.status,
                          kop.vastgesteld_op, kop.geevalueerd_jaar),
        ambities=ambities,
        meldingen=meldingen,
        evaluatie=evaluatie,
        bijgewerkt_op=bijgewerkt,
        peildatum=vandaag,
    )


def _als_tijdstip(waarde) -> dt.datetime:
    """SQLite geeft ``max()`` over een DATETIME-kolom als tekst terug."""
    if isinstance(waarde, dt.date):
        return dt.datetime.combine(waarde, dt.time.min)
    return dt.datetime.fromisoformat(str(waarde))
