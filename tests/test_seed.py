"""Tests voor ``seed``: de referentiegegevens uit de notitie, de demonstratiegegevens en de grote
(G4-)variant in bulk.

Draait via de fixture ``sessie`` op SQLite én PostgreSQL. ``genereer_demo`` en ``genereer_groot``
committen niet, dus een ``rollback`` maakt de database weer leeg. De grote variant wordt hier op 1%
getest (zelfde codepaden); de volle omvang meet ``benchmarks/genereer_groot.py``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Integer, Select, func, inspect, select
from sqlalchemy.orm import Session, selectinload
from werkzeug.security import check_password_hash

from datalaag.afgeleid import werkdagen_tussen
from datalaag.db import maak_sessiefabriek
from datalaag.models import (
    ROLLEN,
    WIJKPLAN_STATUSSEN,
    Afhandelnorm,
    Ambitie,
    Base,
    Budgetpost,
    Doelstelling,
    Evaluatie,
    Gebruiker,
    Indicator,
    Maatregel,
    Melding,
    Meting,
    Oormerk,
    Oplossingsrichting,
    Regiegroeplid,
    Toezegging,
    Uitgave,
    Werkwijze,
    Wijk,
    WijkInwoners,
    Wijkplan,
)
from seed import demo, groot
from seed.demo import DemoFout, genereer_demo
from seed.referentie import AFHANDELNORMEN, INDICATOREN, RIET_BEGROTING, laad_referentie

VANDAAG = dt.date(2026, 11, 27)
VORIG_JAAR = VANDAAG.year - 1
#: Kolommen die per run mogen verschillen: zout van de wachtwoord-hash en de servertijd.
NIET_VERGELIJKEN = {"wachtwoord_hash", "aangemaakt_op", "gewijzigd_op"}
#: Vingerafdruk (:func:`_vingerafdruk`) van de demo met seed 2008, schaal 1 en ``VANDAAG``, vastgelegd
#: vóór de G4-generator erbij kwam. De browsertests en de verhalen rekenen op precies deze rijen: verandert
#: hij, dan is de demo veranderd. Is dat de bedoeling, werk de waarde dan bij (en kijk de browsertests na).
DEMO_VINGERAFDRUK = "5939534ba5cac95a68de3a44b98813b224e22bbdff94b4b3dc47a6c0e126f75e"


# --------------------------------------------------------------------------- referentie


def test_begroting_de_riet_is_bijlage_4():
    # Overgetikt uit bijlage 4, §7 "Budget" van de notitie.
    assert RIET_BEGROTING == (
        ("Geluksbudgetten", 225_000),
        ("Buurtrestaurant", 100_000),
        ("Smaak- en kooklessen", 10_000),
        ("Hart voor Heracles", 250_000),
        ("Vrijetijdsbesteding jeugd en jongeren", 100_000),
        ("Buurtbeheerbedrijf", 250_000),
        ("Fysieke ingrepen", 300_000),
        ("Communicatie", 100_000),
        ("Wijkfonds", 200_000),
        ("Uitvoering / begeleiding", 165_000),
        ("Kosten specifieke begeleiding / onvoorzien", 300_000),
    )
    assert sum(bedrag for _, bedrag in RIET_BEGROTING) == 2_000_000


def _aantal(sessie: Session, model: type[Base]) -> int:
    return sessie.scalar(select(func.count()).select_from(model)) or 0


def test_referentie_uit_de_notitie_en_idempotent(sessie: Session):
    laad_referentie(sessie)

    ambities = {a.nummer: a for a in sessie.scalars(select(Ambitie))}
    assert sorted(ambities) == [1, 2, 3, 4, 5, 6]  # "7. ?" blijft open
    assert ambities[2].tekst == (
        "Bewoners voelen zich verantwoordelijk voor de leefbaarheid van de wijk (schoon, heel en veilig) "
        "en durven elkaar daarop aan te spreken c.q. kunnen elkaar daarop aanspreken"
    )
    assert ambities[1].tekst == (
        "Bewoners voelen zich op elkaar betrokken, hebben aandacht voor elkaar en ondersteunen/helpen elkaar"
    )

    per_ambitie = Counter(
        sessie.scalars(select(Ambitie.nummer).join(Oplossingsrichting, Oplossingsrichting.ambitie_id == Ambitie.id))
    )
    assert [per_ambitie[n] for n in range(1, 7)] == [14, 14, 9, 5, 10, 11]  # bijlage 6, zonder de "?"
    letters = sessie.scalars(
        select(Oplossingsrichting.letter).join(Ambitie).where(Ambitie.nummer == 3).order_by(Oplossingsrichting.letter)
    ).all()
    assert "".join(letters) == "abcdefghi"
    geluk = sessie.scalars(
        select(Oplossingsrichting.tekst).join(Ambitie).where(Ambitie.nummer == 3, Oplossingsrichting.letter == "h")
    ).one()
    assert geluk == "Geluksbudget"
    assert not sessie.scalars(select(Oplossingsrichting).where(Oplossingsrichting.tekst.contains("?"))).all()

    werkwijzen = {w.code: w for w in sessie.scalars(select(Werkwijze))}
    assert sorted(werkwijzen) == ["AWA", "SHR", "WOP"]
    assert werkwijzen["WOP"].looptijd == "10 – 15 jaar" and werkwijzen["WOP"].afbakening == "Wijkniveau"
    assert werkwijzen["AWA"].looptijd == "2 jaar" and werkwijzen["AWA"].afbakening == "Buurt-straatniveau"

    indicatoren = list(sessie.scalars(select(Indicator)))
    assert len(indicatoren) == len(INDICATOREN)
    per_ambitie_ind = Counter(i.ambitie.nummer for i in indicatoren)
    assert all(2 <= per_ambitie_ind[n] <= 3 for n in range(1, 7))
    assert {i.richting for i in indicatoren} == {"hoger_is_beter", "lager_is_beter"}
    assert any(i.is_telling for i in indicatoren)

    aantallen = {m: _aantal(sessie, m) for m in (Ambitie, Oplossingsrichting, Werkwijze, Indicator)}
    # Een beheerder past iets aan; opnieuw laden voegt niets toe en overschrijft niets.
    ambities[1].korte_naam = "Samen"
    sessie.flush()
    laad_referentie(sessie)
    assert {m: _aantal(sessie, m) for m in aantallen} == aantallen
    assert sessie.scalars(select(Ambitie.korte_naam).where(Ambitie.nummer == 1)).one() == "Samen"
    normen = {n.categorie: n.werkdagen for n in sessie.scalars(select(Afhandelnorm))}
    assert normen == AFHANDELNORMEN


# --------------------------------------------------------------------------- determinisme


def _momentopname(sessie: Session) -> dict[str, list[tuple[Any, ...]]]:
    """Alle rijen van alle tabellen, onafhankelijk van de toegekende id's.

    Een geheeltallige primaire sleutel wordt vervangen door zijn rangnummer (volgorde van de id's),
    een verwijzende sleutel door het rangnummer van de rij waarnaar hij wijst. Zo zijn twee runs
    ook op PostgreSQL vergelijkbaar, waar een rollback de sequences niet terugzet.
    """
    rangen: dict[str, dict[int, int]] = {}
    opname: dict[str, list[tuple[Any, ...]]] = {}
    for tabel in Base.metadata.sorted_tables:  # ouders vóór kinderen
        sleutel = list(tabel.primary_key.columns)
        rijen = sessie.execute(select(tabel).order_by(*sleutel)).mappings().all()
        enkel_getal = len(sleutel) == 1 and isinstance(sleutel[0].type, Integer)
        if enkel_getal:
            rangen[tabel.name] = {rij[sleutel[0].name]: rang for rang, rij in enumerate(rijen)}
        verwijzingen = {fk.parent.name: fk.column.table.name for fk in tabel.foreign_keys}
        genormaliseerd: list[tuple[Any, ...]] = []
        for rij in rijen:
            waarden: list[Any] = []
            for kolom in tabel.columns:
                if kolom.name in NIET_VERGELIJKEN:
                    continue
                waarde = rij[kolom.name]
                doel = verwijzingen.get(kolom.name)
                if waarde is not None and doel in rangen:
                    waarde = rangen[doel][waarde]
                elif kolom.primary_key and enkel_getal:
                    waarde = rangen[tabel.name][waarde]
                waarden.append(waarde)
            genormaliseerd.append(tuple(waarden))
        opname[tabel.name] = genormaliseerd if enkel_getal else sorted(genormaliseerd, key=repr)
    return opname


def _canoniek(waarde: Any) -> Any:
    """Getallen als float: SQLite geeft een geheel getal in een NUMERIC-kolom terug als int (5), PostgreSQL als 5.0."""
    if isinstance(waarde, (int, float, Decimal)) and not isinstance(waarde, bool):
        return float(waarde)
    return waarde


def _vingerafdruk(opname: dict[str, list[tuple[Any, ...]]]) -> str:
    """SHA-256 over een momentopname; gelijk op SQLite en PostgreSQL."""
    hasj = hashlib.sha256()
    for tabel in sorted(opname):
        hasj.update(tabel.encode())
        for rij in opname[tabel]:
            hasj.update(repr(tuple(_canoniek(w) for w in rij)).encode())
    return hasj.hexdigest()


def test_demo_is_deterministisch(sessie: Session):
    genereer_demo(sessie, seed=2008, vandaag=VANDAAG)
    eerste = _momentopname(sessie)
    sessie.rollback()
    assert _vingerafdruk(eerste) == DEMO_VINGERAFDRUK, "de demo (seed 2008, schaal 1) is veranderd"
    assert _aantal(sessie, Wijk) == 0

    genereer_demo(sessie, seed=2008, vandaag=VANDAAG)
    tweede = _momentopname(sessie)
    sessie.rollback()

    for tabel in eerste:
        assert eerste[tabel] == tweede[tabel], f"tabel {tabel} verschilt tussen twee runs met dezelfde seed"
    assert len(eerste["melding"]) > 4000

    genereer_demo(sessie, seed=2009, vandaag=VANDAAG)
    anders = _momentopname(sessie)
    assert anders["melding"] != eerste["melding"]
    assert anders["ambitie"] == eerste["ambitie"]  # referentie hangt niet van de seed af


# --------------------------------------------------------------------------- verhalen en samenhang


def _wijk(sessie: Session, naam: str) -> Wijk:
    return sessie.scalars(select(Wijk).where(Wijk.naam == naam)).one()


def _som(sessie: Session, vraag: Select[Any]) -> Decimal:
    return Decimal(sessie.scalar(vraag) or 0)


def _uitgaven(sessie: Session, wijk: Wijk, jaar: int) -> Decimal:
    return _som(
        sessie,
        select(func.sum(Uitgave.bedrag)).where(
            Uitgave.wijk_id == wijk.id, Uitgave.datum >= dt.date(jaar, 1, 1), Uitgave.datum <= dt.date(jaar, 12, 31)
        ),
    )


def _oormerk(sessie: Session, wijk: Wijk, jaar: int) -> Decimal:
    """Jaaroormerken van de wijk (de demo geeft elke wijk buiten De Riet 2008–2011 één per jaar)."""
    return _som(
        sessie,
        select(func.sum(Oormerk.bedrag)).where(
            Oormerk.wijk_id == wijk.id, Oormerk.jaar_van == jaar, Oormerk.jaar_tot == jaar
        ),
    )


def _gemiddelde_waardering(evaluatie: Evaluatie) -> float:
    cijfers = [float(r.waardering) for r in evaluatie.regels if r.waardering is not None]
    return sum(cijfers) / len(cijfers)


def _controleer_wijken_en_gebruikers(sessie: Session) -> None:
    wijken = {w.naam: w for w in sessie.scalars(select(Wijk))}
    assert len(wijken) == 12
    assert 3 <= len({w.stadsdeel_id for w in wijken.values()}) <= 4
    for naam in ("Kerkelanden", "Ossenkoppelerhoek", "Sluitersveld"):
        assert wijken[naam].werkwijze == "WOP"
    assert wijken["De Riet"].werkwijze == "SHR" and wijken["De Riet"].slug == "de-riet"
    assert all(re.fullmatch(r"WK0141\d{2}", w.cbs_code or "") for w in wijken.values())
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", w.slug) for w in wijken.values())
    jaren = Counter(sessie.scalars(select(WijkInwoners.jaar)))
    assert sorted(jaren) == list(range(2008, VANDAAG.year + 1))
    assert set(jaren.values()) == {12}
    assert {w.gewijzigd_door for w in wijken.values()} == {"demo-seed"}

    gebruikers = list(sessie.scalars(select(Gebruiker)))
    assert sorted(g.rol for g in gebruikers) == sorted(ROLLEN)
    for gebruiker in gebruikers:
        assert gebruiker.is_demo and gebruiker.actief
        assert gebruiker.email == f"{gebruiker.rol}@demo.almelo.nl"
        assert check_password_hash(gebruiker.wachtwoord_hash, f"demo-{gebruiker.rol}")
    wethouder = next(g for g in gebruikers if g.rol == "wethouder")
    assert wethouder.portefeuillehouder in set(sessie.scalars(select(Toezegging.portefeuillehouder)))
    coordinator = next(g for g in gebruikers if g.rol == "coordinator")
    assert 2 <= len(coordinator.wijken) <= 3


def _controleer_regiegroepen(sessie: Session) -> None:
    leden = list(sessie.scalars(select(Regiegroeplid)))
    per_groep = Counter(lid.regiegroep_id for lid in leden)
    assert len(per_groep) == 12 and all(8 <= n <= 14 for n in per_groep.values())
    voorzitters = [lid for lid in leden if lid.rol == "voorzitter"]
    assert len(voorzitters) == 12
    geen_bewoner = [lid for lid in voorzitters if lid.organisatietype != "bewoner"]
    assert [lid.regiegroep.wijk.naam for lid in geen_bewoner] == [demo.VOORZITTER_GEEN_BEWONER]
    for rol in ("stadsdeelcoordinator", "meldingenverantwoordelijke", "kerngroep"):
        assert len({lid.regiegroep_id for lid in leden if lid.rol == rol}) == 12
    assert any(lid.termijn_tot is not None and lid.termijn_tot < VANDAAG for lid in leden)


def _controleer_budget(sessie: Session) -> None:
    windmolenbroek = _wijk(sessie, demo.OVERBESTEDENDE_WIJK)
    for jaar in (VORIG_JAAR, VANDAAG.year):
        assert _uitgaven(sessie, windmolenbroek, jaar) > _oormerk(sessie, windmolenbroek, jaar) > 0
    aalderinkshoek = _wijk(sessie, demo.ONDERBESTEDENDE_WIJK)
    assert _uitgaven(sessie, aalderinkshoek, VANDAAG.year) < _oormerk(sessie, aalderinkshoek, VANDAAG.year) / 2

    riet = sessie.scalars(select(Oormerk).where(Oormerk.bron == "rijksgelden_wijkenaanpak")).one()
    assert riet.wijk.naam == "De Riet" and riet.bedrag == Decimal("2000000")
    assert (riet.jaar_van, riet.jaar_tot) == (2008, 2011) and riet.budgethouder
    assert [(p.naam, int(p.bedrag), p.volgorde) for p in riet.budgetposten] == [
        (naam, bedrag, volgorde) for volgorde, (naam, bedrag) in enumerate(RIET_BEGROTING, start=1)
    ]
    besteed = _som(sessie, select(func.sum(Uitgave.bedrag)).join(Budgetpost).where(Budgetpost.oormerk_id == riet.id))
    assert Decimal("1900000") <= besteed <= Decimal("2000000")
    for jaar in range(2008, 2012):  # gelijkmatig over de programmajaren, nooit boven een kwart
        assert 0 < _uitgaven(sessie, riet.wijk, jaar) <= Decimal("500000")

    # Een uitgave hoort bij de wijk van haar budgetpost en van haar maatregel.
    andere_wijk_post = (
        select(func.count())
        .select_from(Uitgave)
        .join(Budgetpost, Budgetpost.id == Uitgave.budgetpost_id)
        .join(Oormerk, Oormerk.id == Budgetpost.oormerk_id)
        .where(Oormerk.wijk_id != Uitgave.wijk_id)
    )
    andere_wijk_maatregel = (
        select(func.count())
        .select_from(Uitgave)
        .join(Maatregel, Maatregel.id == Uitgave.maatregel_id)
        .join(Wijkplan, Wijkplan.id == Maatregel.wijkplan_id)
        .where(Wijkplan.wijk_id != Uitgave.wijk_id)
    )
    assert sessie.scalar(andere_wijk_post) == 0 and sessie.scalar(andere_wijk_maatregel) == 0
    met_maatregel = select(func.count()).select_from(Uitgave).where(Uitgave.maatregel_id.is_not(None))
    zonder_budgetpost = select(func.count()).select_from(Uitgave).where(Uitgave.budgetpost_id.is_(None))
    assert (sessie.scalar(met_maatregel) or 0) > 0 and (sessie.scalar(zonder_budgetpost) or 0) > 0


def _controleer_toezeggingen_en_evaluaties(sessie: Session) -> None:
    te_laat = Counter(
        sessie.scalars(
            select(Wijk.naam)
            .join(Toezegging, Toezegging.wijk_id == Wijk.id)
            .where(Toezegging.status == "open", Toezegging.termijn < VANDAAG)
        )
    )
    assert te_laat[demo.TOEZEGGINGEN_WIJK] >= 3
    assert te_laat.most_common(1)[0][0] == demo.TOEZEGGINGEN_WIJK
    for toezegging in sessie.scalars(select(Toezegging).where(Toezegging.status == "afgedaan")):
        assert toezegging.afgedaan_op is not None and toezegging.document and toezegging.afdoening
        assert toezegging.datum <= toezegging.afgedaan_op < VANDAAG
    assert all(re.fullmatch(r"T\d{4}-\d{3}", n) for n in sessie.scalars(select(Toezegging.nummer)))

    met_evaluatie = set(sessie.scalars(select(Wijk.naam).join(Evaluatie).where(Evaluatie.jaar == VORIG_JAAR)))
    zonder = {w for w in sessie.scalars(select(Wijk.naam))} - met_evaluatie
    assert set(demo.ZONDER_EVALUATIE_VORIG_JAAR) <= zonder and len(zonder) < 12
    statussen = Counter(sessie.scalars(select(Evaluatie.status).where(Evaluatie.jaar < VORIG_JAAR)))
    assert set(statussen) == {"vastgesteld"}
    assert set(sessie.scalars(select(Evaluatie.status).where(Evaluatie.jaar == VORIG_JAAR))) <= {"ingediend", "concept"}
    assert sessie.scalars(select(Evaluatie).where(Evaluatie.raadsbesluit.is_not(None))).first() is not None


def _controleer_plannen_en_maatregelen(sessie: Session) -> None:
    plannen = list(
        sessie.scalars(
            select(Wijkplan).options(
                selectinload(Wijkplan.statushistorie),
                selectinload(Wijkplan.doelstellingen),
                selectinload(Wijkplan.bewonersinbreng),
            )
        )
    )
    assert set(WIJKPLAN_STATUSSEN) <= {p.status for p in plannen}
    for plan in plannen:
        historie = plan.statushistorie
        assert [h.datum for h in historie] == sorted(h.datum for h in historie)
        assert historie[-1].status == plan.status and historie[-1].datum < VANDAAG
        if plan.status in ("vastgesteld", "geevalueerd", "terugverwezen") and plan.doelstellingen:
            assert plan.kader_doelstellingen_voldoet is not None and plan.kader_middelen_toelichting
        if "besproken_met_bewoners" in {h.status for h in historie}:
            assert plan.bewonersinbreng
    looptijden = {p.werkwijze: p.periode_tot - p.periode_van + 1 for p in plannen if p.doelstellingen}
    assert 10 <= looptijden["WOP"] <= 15 and looptijden["AWA"] <= 2

    for maatregel in sessie.scalars(select(Maatregel).options(selectinload(Maatregel.voortgangshistorie))):
        voortgang = maatregel.voortgangshistorie
        if not voortgang:
            assert maatregel.status == "gepland"
            continue
        assert [v.datum for v in voortgang] == sorted(v.datum for v in voortgang)
        assert [v.voortgang for v in voortgang] == sorted(v.voortgang for v in voortgang)
        assert (voortgang[-1].status, voortgang[-1].voortgang) == (maatregel.status, maatregel.voortgang)
    # achter schema: vertraagd, of de einddatum is verstreken zonder dat de maatregel af of gestopt is
    achter = Counter(
        sessie.scalars(
            select(Wijk.naam)
            .join(Wijkplan)
            .join(Maatregel)
            .where(
                (Maatregel.status == "vertraagd")
                | ((Maatregel.eind < VANDAAG) & Maatregel.status.not_in(("afgerond", "gestopt")))
            )
        )
    )
    assert achter[demo.DALENDE_WIJK] >= 3 and achter[demo.STIJGENDE_WIJK] == 0
    assert achter.most_common(1)[0][0] == demo.DALENDE_WIJK


def _controleer_stijgend_en_dalend(sessie: Session) -> None:
    evaluaties: dict[str, list[Evaluatie]] = defaultdict(list)
    vastgesteld = (
        select(Evaluatie)
        .where(Evaluatie.status == "vastgesteld")
        .order_by(Evaluatie.jaar)
        .options(selectinload(Evaluatie.regels), selectinload(Evaluatie.wijk))
    )
    for evaluatie in sessie.scalars(vastgesteld):
        evaluaties[evaluatie.wijk.naam].append(evaluatie)
    sluitersveld = evaluaties[demo.STIJGENDE_WIJK]
    assert _gemiddelde_waardering(sluitersveld[-1]) >= _gemiddelde_waardering(sluitersveld[0]) + 1.0
    kerkelanden = {e.jaar: e for e in evaluaties[demo.DALENDE_WIJK]}
    assert _gemiddelde_waardering(kerkelanden[max(kerkelanden)]) <= _gemiddelde_waardering(kerkelanden[2015]) - 0.5

    laatste: dict[tuple[int, int], Meting] = {}
    for meting in sessie.scalars(select(Meting).order_by(Meting.peildatum)):
        laatste[(meting.indicator_id, meting.wijk_id)] = meting
    for naam, beter in ((demo.STIJGENDE_WIJK, True), (demo.DALENDE_WIJK, False)):
        doelen = sessie.scalars(
            select(Doelstelling)
            .join(Wijkplan)
            .join(Wijk)
            .where(Wijk.naam == naam, Wijkplan.periode_van <= VANDAAG.year, Wijkplan.periode_tot >= VANDAAG.year)
        ).all()
        assert doelen
        goede_kant = 0
        for doel in doelen:
            meting = laatste[(doel.indicator_id, doel.wijkplan.wijk_id)]
            teken = 1 if doel.indicator.richting == "hoger_is_beter" else -1
            goede_kant += teken * (meting.waarde - doel.nulmeting_waarde) > 0
        aandeel = goede_kant / len(doelen)
        assert aandeel >= 0.8 if beter else aandeel <= 0.2, f"{naam}: {goede_kant} van {len(doelen)} de goede kant op"
    assert any(d.bijstellingen for d in sessie.scalars(select(Doelstelling)))


def _controleer_metingen(sessie: Session) -> None:
    for periode, peildatum in sessie.execute(select(Meting.periode, Meting.peildatum).distinct()):
        assert peildatum < VANDAAG
        if periode == "jaar":
            assert (peildatum.month, peildatum.day) == (12, 31)
        else:
            assert peildatum.month in (3, 6, 9, 12) and (peildatum + dt.timedelta(days=1)).day == 1
    wijknaam, indicatornaam = demo.ACHTERSTALLIGE_METING
    laatste = sessie.scalar(
        select(func.max(Meting.peildatum))
        .join(Wijk, Wijk.id == Meting.wijk_id)
        .join(Indicator, Indicator.id == Meting.indicator_id)
        .where(Wijk.naam == wijknaam, Indicator.naam == indicatornaam)
    )
    assert laatste == dt.date(VANDAAG.year - 2, 12, 31)
    laatste_jaarmeting = sessie.scalar(select(func.max(Meting.peildatum)).where(Meting.periode == "jaar"))
    assert laatste_jaarmeting == dt.date(VORIG_JAAR, 12, 31)


def _controleer_meldingen(sessie: Session) -> None:
    meldingen = list(sessie.scalars(select(Melding)))
    assert 4500 <= len(meldingen) <= 5500
    assert {m.ontvangen_op.year for m in meldingen} == set(range(2008, VANDAAG.year + 1))
    for melding in meldingen:
        if melding.afgehandeld_op is None:
            assert melding.status in ("open", "in_behandeling") and melding.afhandeltijd_werkdagen is None
        else:
            assert melding.status == "afgehandeld" and melding.afgehandeld_op < dt.datetime.combine(VANDAAG, dt.time())
            assert melding.afhandeltijd_werkdagen == werkdagen_tussen(melding.ontvangen_op, melding.afgehandeld_op)
    open_lang = [m for m in meldingen if m.afgehandeld_op is None and (VANDAAG - m.ontvangen_op.date()).days > 30]
    assert 3 <= len(open_lang) <= 40
    ernstig = [m for m in meldingen if m.ernst == "ernstig"]
    assert sum(m.kerngroep_betrokken for m in ernstig) > 0.75 * len(ernstig)
    niet_gemeld = sum(m.gemeld_aan_regiegroep_op is None for m in meldingen)
    assert 0 < niet_gemeld < 0.25 * len(meldingen)


def test_demo_vertelt_de_verhalen(sessie: Session):
    aantallen = genereer_demo(sessie, vandaag=VANDAAG)
    assert aantallen["wijk"] == 12 and aantallen["ambitie"] == 6
    assert aantallen["melding"] == _aantal(sessie, Melding)

    _controleer_wijken_en_gebruikers(sessie)
    _controleer_regiegroepen(sessie)
    _controleer_budget(sessie)
    _controleer_toezeggingen_en_evaluaties(sessie)
    _controleer_plannen_en_maatregelen(sessie)
    _controleer_stijgend_en_dalend(sessie)
    _controleer_metingen(sessie)
    _controleer_meldingen(sessie)

    with pytest.raises(DemoFout):
        genereer_demo(sessie, vandaag=VANDAAG)


# --------------------------------------------------------------------------- G4 in bulk (op 1%)

G4_KLEIN = groot.omvang_g4(0.01)


def test_omvang_g4_en_fracties():
    assert (groot.G4.wijken, groot.G4.jaren, groot.G4.kwartaalindicatoren) == (100, 20, 60)
    assert (groot.G4.meldingen, groot.G4.maatregelen, groot.G4.toezeggingen, groot.G4.uitgaven) == (
        3_000_000,
        5_000,
        2_000,
        50_000,
    )
    assert groot.omvang_g4(1.0) == groot.G4
    assert (G4_KLEIN.wijken, G4_KLEIN.kwartaalindicatoren, G4_KLEIN.meldingen) == (16, 4, 30_000)
    assert (G4_KLEIN.maatregelen, G4_KLEIN.toezeggingen, G4_KLEIN.uitgaven) == (50, 20, 500)
    for fout in (0, -0.5, 1.5):
        with pytest.raises(DemoFout):
            groot.omvang_g4(fout)


def test_verdeel_aantal_is_exact_en_evenredig():
    assert groot.verdeel_aantal(10, [1, 1, 1]) == [4, 3, 3]
    assert groot.verdeel_aantal(7, [0, 2, 5]) == [0, 2, 5]
    assert groot.verdeel_aantal(5, [1, 100], minimum=1) == [1, 4]
    assert groot.verdeel_aantal(0, [1, 2]) == [0, 0]
    delen = groot.verdeel_aantal(3_000_000, [0.3 * i + 1 for i in range(2000)])
    assert sum(delen) == 3_000_000 and delen == sorted(delen)


def test_verzonnen_stad():
    stadsdelen, wijken = groot._verzonnen_profielen(88)
    namen = [w.naam for w in (*demo.WIJKEN, *wijken)]
    assert len(namen) == len(set(namen)) == 100
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", demo.slug(w.naam)) for w in wijken)
    assert {w.stadsdeel for w in wijken} == {s.naam for s in stadsdelen}
    assert not {s.naam for s in stadsdelen} & {s.naam for s in demo.STADSDELEN}
    # de coördinator van de demo houdt haar drie wijken
    assert demo.DEMO_GEBRUIKERS["coordinator"] not in {s.coordinator for s in stadsdelen}
    assert {w.werkwijze for w in wijken} == {"WOP", "AWA", "SHR"}
    assert groot._verzonnen_profielen(88) == (stadsdelen, wijken)  # hangt niet van de seed af


def test_werkdagen_gevectoriseerd_gelijk_aan_de_ene_definitie():
    """``werkdagen_tussen_vec`` en ``plus_werkdagen_vec`` tegen ``werkdagen_tussen`` en de demo, op een
    steekproef die weekenden, feestdagen (ook Pasen, Koningsdag, Kerst) en dezelfde dag bevat."""
    import numpy as np

    kalender = groot.werkdagkalender(dt.date(2006, 1, 1), dt.date(2028, 12, 31))
    rng = np.random.default_rng(8)
    begin = np.datetime64("2007-01-01") + rng.integers(0, 7300, 4000)
    vaste = np.array(["2026-04-03", "2026-04-26", "2026-04-27", "2025-12-24", "2025-12-25", "2024-05-05"],
                     dtype="datetime64[D]")  # fmt: skip
    begin = np.concatenate((begin, vaste, vaste))
    eind = begin + np.concatenate((rng.integers(0, 45, 4000), np.zeros(6, dtype=int), np.full(6, 3)))
    minuten = rng.integers(0, 1440, len(begin)).astype("timedelta64[m]")
    ontvangen = begin.astype("datetime64[m]") + minuten
    afgehandeld = eind.astype("datetime64[m]") + minuten[::-1]
    vectorieel = groot.werkdagen_tussen_vec(ontvangen, afgehandeld, kalender).tolist()
    los = [werkdagen_tussen(o, a) for o, a in zip(ontvangen.tolist(), afgehandeld.tolist(), strict=True)]
    assert vectorieel == los
    assert max(los) > 25 and 0 in los

    stappen = rng.integers(1, 40, len(begin))
    verder = groot.plus_werkdagen_vec(begin, stappen, kalender).tolist()
    assert verder == [demo._plus_werkdagen(d, int(k)) for d, k in zip(begin.tolist(), stappen.tolist(), strict=True)]


def _verwachte_aantallen_g4(omvang: groot.Omvang) -> dict[str, int]:
    """De aantallen die de omvang belooft, los van de generator uitgerekend."""
    eerste_jaar = VANDAAG.year - omvang.jaren + 1
    kwartalen = sum(
        dt.date(jaar, maand, calendar.monthrange(jaar, maand)[1]) < VANDAAG  # kwartaaleinden vóór vandaag
        for jaar in range(eerste_jaar, VANDAAG.year + 1)
        for maand in (3, 6, 9, 12)
    )
    jaarmetingen = VANDAAG.year - eerste_jaar  # 31-12 van elk voorbij jaar
    jaarindicatoren = sum(i.meetfrequentie_maanden == 12 for i in INDICATOREN)
    return {
        "wijk": omvang.wijken,
        "wijk_inwoners": omvang.wijken * omvang.jaren,
        "indicator": len(INDICATOREN) + omvang.kwartaalindicatoren - 2,
        # min één: de achterstallige meting in Hofkamp (het laatste jaar ontbreekt)
        "meting": omvang.wijken * (omvang.kwartaalindicatoren * kwartalen + jaarindicatoren * jaarmetingen) - 1,
        "melding": omvang.meldingen,
        "maatregel": omvang.maatregelen,
        "toezegging": omvang.toezeggingen,
        "uitgave": omvang.uitgaven,
        # een jaaroormerk per wijk per jaar, behalve De Riet 2008–2011: daar één programma-oormerk
        "oormerk": omvang.wijken * omvang.jaren - 4 + 1,
        "gebruiker": len(ROLLEN),
        "gebruiker_wijk": 3,
        "regiegroep": omvang.wijken,
    }


def _controleer_meldingen_g4(sessie: Session) -> None:
    """Verdelingen zoals de demo (seizoen, categorie, ernst, kanaal, tijdstip), afhandeltijd volgens de
    ene definitie, en statussen die kloppen met de afhandeling."""
    nu = dt.datetime.combine(VANDAAG, dt.time())
    rijen = sessie.execute(
        select(Melding.ontvangen_op, Melding.afgehandeld_op, Melding.afhandeltijd_werkdagen, Melding.status,
               Melding.categorie, Melding.ernst, Melding.kanaal, Melding.kerngroep_betrokken, Wijk.naam, Melding.kenmerk,
               Melding.gemeld_aan_regiegroep_op)
        .join(Wijk, Wijk.id == Melding.wijk_id)
        .order_by(Melding.id)
    ).all()  # fmt: skip
    assert len(rijen) == G4_KLEIN.meldingen
    assert {r.ontvangen_op.year for r in rijen} == set(range(VANDAAG.year - 19, VANDAAG.year + 1))
    assert [r.ontvangen_op for r in rijen] == sorted(r.ontvangen_op for r in rijen)  # id's in volgorde van ontvangst
    assert all(re.fullmatch(rf"M{r.ontvangen_op.year}-\d{{6}}", r.kenmerk) for r in rijen)
    for r in rijen:
        assert r.ontvangen_op < nu
        if r.afgehandeld_op is None:
            assert r.status in ("open", "in_behandeling") and r.afhandeltijd_werkdagen is None
        else:
            assert r.status == "afgehandeld" and r.ontvangen_op <= r.afgehandeld_op < nu
            # de ene definitie, op elke afgehandelde melding
            assert r.afhandeltijd_werkdagen == werkdagen_tussen(r.ontvangen_op, r.afgehandeld_op)
        if r.gemeld_aan_regiegroep_op is not None:
            assert r.gemeld_aan_regiegroep_op > r.ontvangen_op.date()

    # in bulk geschreven tijdstippen en datums zijn in SQL te vergelijken met wat SQLAlchemy bindt
    voorbeeld = next(r for r in rijen if r.afgehandeld_op is not None and r.gemeld_aan_regiegroep_op is not None)
    gelijk = select(func.count()).select_from(Melding).where(
        Melding.kenmerk == voorbeeld.kenmerk,
        Melding.ontvangen_op == voorbeeld.ontvangen_op,
        Melding.afgehandeld_op == voorbeeld.afgehandeld_op,
        Melding.gemeld_aan_regiegroep_op == voorbeeld.gemeld_aan_regiegroep_op,
    )
    assert sessie.scalar(gelijk) == 1
    jaar_2020 = (Melding.ontvangen_op >= dt.datetime(2020, 1, 1)) & (Melding.ontvangen_op < dt.datetime(2021, 1, 1))
    assert sessie.scalar(select(func.count()).select_from(Melding).where(jaar_2020)) == sum(
        r.ontvangen_op.year == 2020 for r in rijen
    )

    categorie = Counter(r.categorie for r in rijen)
    for naam, gewicht in demo.CATEGORIE_GEWICHT.items():
        assert abs(categorie[naam] / len(rijen) - gewicht) < 0.04, naam
    maanden = Counter(r.ontvangen_op.month for r in rijen if r.categorie == "schoon")
    assert maanden[10] + maanden[11] > 1.3 * (maanden[2] + maanden[3])  # najaar: blad en zwerfvuil
    kapot = Counter(r.ontvangen_op.month for r in rijen if r.categorie == "heel")
    assert kapot[1] + kapot[2] > 1.3 * (kapot[6] + kapot[7])  # winter: kapotte verlichting en tegels
    ernstig = Counter(r.categorie for r in rijen if r.ernst == "ernstig")
    assert ernstig["overig"] == 0 and 0.10 < ernstig["veilig"] / categorie["veilig"] < 0.20
    ernstige = [r for r in rijen if r.ernst == "ernstig"]
    assert sum(r.kerngroep_betrokken for r in ernstige) > 0.75 * len(ernstige)
    assert min(r.ontvangen_op.year for r in rijen if r.kanaal == "app") == 2015
    assert min(r.ontvangen_op.year for r in rijen if r.kanaal == "website") == 2010
    balie = [r.ontvangen_op for r in rijen if r.kanaal in ("telefoon", "balie")]
    assert all(8 <= o.hour <= 16 for o in balie)
    assert sum(o.weekday() >= 5 for o in balie) <= sum(o.month == 1 and o.day <= 2 for o in balie)

    def binnen_norm(wijk: str, jaren: range) -> float:
        gekozen = [r for r in rijen if r.naam == wijk and r.ontvangen_op.year in jaren and r.afgehandeld_op]
        return sum(r.afhandeltijd_werkdagen <= AFHANDELNORMEN[r.categorie] for r in gekozen) / len(gekozen)

    recent = range(2021, VANDAAG.year)
    assert binnen_norm(demo.DALENDE_WIJK, recent) < binnen_norm(demo.STIJGENDE_WIJK, recent) - 0.2
    open_lang = Counter(r.naam for r in rijen if r.afgehandeld_op is None and (VANDAAG - r.ontvangen_op.date()).days > 30)
    assert open_lang.most_common(1)[0][0] == demo.DALENDE_WIJK


def _controleer_maatregelen_g4(sessie: Session) -> None:
    for maatregel in sessie.scalars(select(Maatregel).options(selectinload(Maatregel.voortgangshistorie))):
        voortgang = maatregel.voortgangshistorie
        if not voortgang:
            assert maatregel.status == "gepland"
            continue
        assert [v.datum for v in voortgang] == sorted(v.datum for v in voortgang)
        assert [v.voortgang for v in voortgang] == sorted(v.voortgang for v in voortgang)
        assert (voortgang[-1].status, voortgang[-1].voortgang) == (maatregel.status, maatregel.voortgang)


def test_g4_klein_aantallen_verhalen_en_determinisme(sessie: Session):
    aantallen = groot.genereer_groot(sessie, G4_KLEIN, seed=2008, vandaag=VANDAAG)
    verwacht = _verwachte_aantallen_g4(G4_KLEIN)
    assert {tabel: aantallen[tabel] for tabel in verwacht} == verwacht
    assert aantallen == {t.name: _aantal(sessie, t) for t in Base.metadata.sorted_tables}  # type: ignore[arg-type]
    kwartaal = sessie.scalar(select(func.count()).select_from(Indicator).where(Indicator.meetfrequentie_maanden == 3))
    assert kwartaal == G4_KLEIN.kwartaalindicatoren

    # dezelfde demo-accounts als de gewone demo, en de verhalen van Almelo staan er nog in
    gebruikers = {g.rol: g for g in sessie.scalars(select(Gebruiker))}
    assert sorted(gebruikers) == sorted(ROLLEN)
    assert all(check_password_hash(g.wachtwoord_hash, f"demo-{rol}") for rol, g in gebruikers.items())
    assert sorted(w.naam for w in gebruikers["coordinator"].wijken) == ["De Riet", "Kerkelanden", "Windmolenbroek"]
    assert len(set(sessie.scalars(select(Wijk.cbs_code)))) == G4_KLEIN.wijken
    _controleer_meldingen_g4(sessie)
    _controleer_maatregelen_g4(sessie)
    _controleer_budget(sessie)
    _controleer_toezeggingen_en_evaluaties(sessie)
    _controleer_metingen(sessie)
    eerste = _momentopname(sessie)
    sessie.rollback()
    assert _aantal(sessie, Wijk) == 0

    groot.genereer_groot(sessie, G4_KLEIN, seed=2008, vandaag=VANDAAG)
    tweede = _momentopname(sessie)
    for tabel in eerste:
        assert eerste[tabel] == tweede[tabel], f"tabel {tabel} verschilt tussen twee G4-runs met dezelfde seed"

    with pytest.raises(DemoFout):
        groot.genereer_groot(sessie, G4_KLEIN, vandaag=VANDAAG)


def test_bulkwaarden_in_het_opslagformaat_van_sqlalchemy():
    """De snelle weg op SQLite schrijft tijdstippen en datums als tekst: precies zoals SQLAlchemy ze zelf
    bindt (anders vinden vergelijkingen in SQL ze niet); COPY krijgt NULL als \\N en ontsnapte tekst."""
    import numpy as np
    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect()
    tijdstip = Melding.__table__.c.ontvangen_op.type.dialect_impl(dialect).bind_processor(dialect)
    datum = Melding.__table__.c.gemeld_aan_regiegroep_op.type.dialect_impl(dialect).bind_processor(dialect)
    momenten = np.array(["2026-11-26T23:59", "2008-01-01T00:00", "NaT"], dtype="datetime64[m]")
    assert groot._sqlite_waarden(momenten) == [
        tijdstip(dt.datetime(2026, 11, 26, 23, 59)),
        tijdstip(dt.datetime(2008, 1, 1)),
        None,
    ]
    dagen = np.array(["2024-02-29", "NaT"], dtype="datetime64[D]")
    assert groot._sqlite_waarden(dagen) == [datum(dt.date(2024, 2, 29)), None]
    assert groot._sqlite_waarden(np.array([True, False])) == [1, 0]
    assert groot._copy_tekst(momenten) == ["2026-11-26 23:59:00.000000", "2008-01-01 00:00:00.000000", r"\N"]
    assert groot._copy_tekst(np.array(["a\tb", None, "c\\d"], dtype=object)) == ["a\\tb", r"\N", "c\\\\d"]
    assert groot._copy_tekst(np.array([True, False])) == ["t", "f"]


def test_laad_groot_committeert_en_herstelt_de_journal_mode(engine):
    """``laad_groot`` (opdrachtregel, benchmark): eigen transactie met commit; op SQLite tijdens het laden
    zonder WAL, daarna weer zoals het was; ``leeg_eerst`` vervangt alles in één transactie."""
    omvang = groot.Omvang(wijken=13, kwartaalindicatoren=2, meldingen=400, maatregelen=15, toezeggingen=5, uitgaven=40)
    modus = None
    if engine.dialect.name == "sqlite":
        with engine.connect() as verbinding:
            modus = verbinding.exec_driver_sql("PRAGMA journal_mode").scalar()
    eerste = groot.laad_groot(engine, omvang, vandaag=VANDAAG)
    with maak_sessiefabriek(engine)() as andere:  # vastgelegd: zichtbaar in een nieuwe sessie
        assert _aantal(andere, Melding) == 400 and _aantal(andere, Wijk) == 13
    with pytest.raises(DemoFout):
        groot.laad_groot(engine, omvang, vandaag=VANDAAG)
    tweede = groot.laad_groot(engine, omvang, seed=7, vandaag=VANDAAG, leeg_eerst=True)
    vast = ("wijk", "melding", "maatregel", "toezegging", "uitgave", "gebruiker")  # liggen vast door de omvang
    assert {t: tweede[t] for t in vast} == {t: eerste[t] for t in vast} == {
        "wijk": 13, "melding": 400, "maatregel": 15, "toezegging": 5, "uitgave": 40, "gebruiker": len(ROLLEN)
    }  # fmt: skip
    with maak_sessiefabriek(engine)() as andere:  # vervangen, niet erbij
        assert _aantal(andere, Melding) == 400 and _aantal(andere, Gebruiker) == len(ROLLEN)
    # de indexen die tijdens het laden weg waren, staan er weer (zoals in de migraties)
    indexen = {i["name"]: i["column_names"] for i in inspect(engine).get_indexes("melding") if not i["unique"]}
    assert indexen == {
        "ix_melding_afgehandeld": ["afgehandeld_op", "categorie", "afhandeltijd_werkdagen"],
        "ix_melding_ernst_kerngroep_ontvangen": ["ernst", "kerngroep_betrokken", "ontvangen_op"],
        "ix_melding_ontvangen": ["ontvangen_op"],
        "ix_melding_ontvangen_wijk": ["ontvangen_op", "wijk_id", "categorie"],
        "ix_melding_status": ["status"],
        "ix_melding_wijk_ontvangen": ["wijk_id", "ontvangen_op"],
    }
    # na het laden: statistieken voor de planner (SQLite ANALYZE; PostgreSQL VACUUM (ANALYZE): zichtbaarheidskaart)
    with engine.connect() as verbinding:
        if engine.dialect.name == "sqlite":
            assert verbinding.exec_driver_sql("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'melding'").scalar() > 0
        else:
            assert verbinding.exec_driver_sql(
                "SELECT relallvisible FROM pg_class WHERE oid = 'melding'::regclass").scalar() > 0
    if modus is not None:
        with engine.connect() as verbinding:
            assert verbinding.exec_driver_sql("PRAGMA journal_mode").scalar() == modus
            assert verbinding.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL, van datalaag.db
