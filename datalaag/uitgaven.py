"""Uitgaven boeken en corrigeren (issue 6): op een budgetpost en/of een maatregel van één wijk.

Zelfde patroon als ``datalaag.voortgang``: valideren (``datalaag.validatie.Controle``, alle fouten
tegelijk) → autoriseren (``eis(actor, "uitgave_schrijven", wijk_id=...)``) → bij een correctie de
versie controleren → schrijven plus precies één ``Mutatie`` (entiteit ``uitgave``) in de transactie
van de aanroeper. Bij een fout wordt niets geschreven.

Regels voor een uitgave (ook bruikbaar voor de import, zie :func:`controleer_kernvelden`):

- *datum*: verplicht, niet in de toekomst; op een budgetpost in de looptijd van het oormerk
  (:func:`post_loopt_in`, dezelfde regel als de import: het jaar van de datum ligt in
  ``jaar_van``–``jaar_tot``); op een maatregel niet vóór het begin van het wijkplan;
- *bedrag*: groter dan 0, in euro's met decimale komma; verder de regels van ``Controle.bedrag``
  (ten hoogste twee decimalen, "12,500" is dubbelzinnig en wordt geweigerd, maximum € 100 mln);
- *bestemming*: een budgetpost van een oormerk van DEZE wijk en/of een maatregel van een wijkplan
  van DEZE wijk, minstens één van de twee;
- *omschrijving* verplicht; *kenmerk* (bijv. een factuurnummer) optioneel en uniek.

Een boeking die de budgetpost overschrijdt, wordt niet geweigerd: de uitkomst (:class:`Geboekt`)
meldt dan met hoeveel de post nu overschreden is. Besteed en rest komen uit de ene definitie in
:mod:`datalaag.budget` (``budgetposten``/``BudgetpostRegel.rest``) en :mod:`datalaag.afgeleid`
(``budgetbenutting``); hier staat geen eigen rekensom.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from datalaag.afgeleid import budgetbenutting, peildatum_voor_jaar, plan_actief_sql
from datalaag.autorisatie import Actor, eis
from datalaag.budget import OormerkRegels, budgetposten, periode_tekst
from datalaag.models import Budgetpost, Maatregel, Oormerk, Uitgave, Wijk, Wijkplan
from datalaag.mutaties import (  # noqa: F401 - Conflictfout en beschrijf_wijzigingen horen bij de API
    Conflictfout,
    beschrijf_wijzigingen,
    conflict,
    gelijktijdig,
    leg_vast,
    verschil,
)
from datalaag.opmaak import formatteer_bedrag, formatteer_datum
from datalaag.validatie import (
    Controle,
    Invoerfout,
    Validatiefout,
    formatteer_bedrag_invoer,
)

# --------------------------------------------------------------------------- gedeelde definitie

#: Veldsleutel → label, in het formulier, in de foutmeldingen en in het dossier.
VELDEN: dict[str, str] = {
    "datum": "Datum",
    "bedrag": "Bedrag",
    "budgetpost": "Budgetpost",
    "maatregel": "Maatregel",
    "omschrijving": "Omschrijving",
    "kenmerk": "Kenmerk",
}
#: ``Uitgave.kenmerk`` is ``String(100)``.
KENMERK_LENGTE = 100
OMSCHRIJVING_LENGTE = 1000
#: Het aantal uitgaven in de tabel "laatste uitgaven" van het formulier.
AANTAL_LAATSTE = 15
GEEN_BESTEMMING = ("Budgetpost: kies een budgetpost of een maatregel (of allebei); een uitgave hoort altijd "
                   "ergens bij.")
_MAX_ID = 2**31 - 1


@dataclass(frozen=True, slots=True)
class Kernvelden:
    """De gecontroleerde velden die elke uitgave heeft (``None`` als het veld een fout heeft)."""

    datum: dt.date | None
    bedrag: Decimal | None
    omschrijving: str | None
    kenmerk: str | None


def controleer_kernvelden(c: Controle, *, datum: Any, bedrag: Any, omschrijving: Any, kenmerk: Any,
                          vandaag: dt.date) -> Kernvelden:
    """De regels voor datum, bedrag, omschrijving en kenmerk van een uitgave, wie haar ook invoert.

    Fouten komen in ``c`` onder de sleutels ``datum``, ``bedrag``, ``omschrijving`` en ``kenmerk``.
    Een bedrag moet groter dan 0 zijn (een uitgave van € 0 of minder boekt men niet; een fout herstelt
    men door de uitgave te corrigeren).
    """
    d = c.datum("datum", VELDEN["datum"], datum, verplicht=True)
    if d is not None and d > vandaag:
        c.fout("datum", f"{VELDEN['datum']}: {formatteer_datum(d)} ligt in de toekomst. Boek een uitgave op de dag "
                        f"dat ze is gedaan, uiterlijk vandaag ({formatteer_datum(vandaag)}).")
        d = None
    b = c.bedrag("bedrag", VELDEN["bedrag"], bedrag, verplicht=True)
    if "negatief" in c.fouten.get("bedrag", ""):
        c.fouten["bedrag"] = (f"{VELDEN['bedrag']}: een uitgave kan niet negatief zijn. Vul het bedrag in dat is "
                              "uitgegeven (groter dan 0); een fout in een eerdere boeking herstelt u met "
                              "\u201ccorrigeer\u201d bij die uitgave.")
    if b is not None and b == 0:
        c.fout("bedrag", f"{VELDEN['bedrag']}: een uitgave van € 0 wordt niet geboekt. Vul het bedrag in dat is "
                         "uitgegeven, groter dan 0, bijvoorbeeld 1.250,50.")
        b = None
    o = c.tekst("omschrijving", VELDEN["omschrijving"], omschrijving, verplicht=True, max_lengte=OMSCHRIJVING_LENGTE)
    k = c.tekst("kenmerk", VELDEN["kenmerk"], kenmerk, max_lengte=KENMERK_LENGTE)
    return Kernvelden(d, b, o, k)


def post_loopt_in(jaar_van: int, jaar_tot: int, datum: dt.date) -> bool:
    """Of een uitgave op ``datum`` op een budgetpost van een oormerk ``jaar_van``–``jaar_tot`` kan."""
    return jaar_van <= datum.year <= jaar_tot


def datumfout_budgetpost(datum: dt.date, oormerk: str, jaar_van: int, jaar_tot: int) -> str | None:
    """De melding als ``datum`` buiten de looptijd van het oormerk valt, anders ``None``."""
    if post_loopt_in(jaar_van, jaar_tot, datum):
        return None
    periode = periode_tekst(jaar_van, jaar_tot)
    richting = "vóór" if datum.year < jaar_van else "na"
    return (f"{VELDEN['datum']}: {formatteer_datum(datum)} ligt {richting} de looptijd van het oormerk "
            f"\u201c{oormerk}\u201d ({periode}). Kies een datum in {periode}, of een budgetpost van een oormerk "
            f"dat in {datum.year} loopt.")


def datumfout_maatregel(datum: dt.date, wijkplan: str, periode_van: int) -> str | None:
    """De melding als ``datum`` vóór het begin van het wijkplan van de maatregel valt, anders ``None``.

    Eén definitie voor het formulier (:func:`bewaar_uitgave`) en de import (``datalaag.importeren``).
    """
    if datum.year >= periode_van:
        return None
    return (f"{VELDEN['datum']}: het wijkplan van deze maatregel (\u201c{wijkplan}\u201d) begint in {periode_van}; "
            f"een uitgave van {formatteer_datum(datum)} kan er niet op. Controleer de datum of kies een andere "
            "maatregel.")


# --------------------------------------------------------------------------- lezen


@dataclass(frozen=True, slots=True)
class UitgaveRegel:
    """Eén geboekte uitgave, zoals het formulier haar toont (tabel en correctie)."""

    id: int
    wijk_id: int
    datum: dt.date
    bedrag: Decimal
    budgetpost_id: int | None
    budgetpost: str | None      # naam van de post, bijv. "Onvoorzien"
    oormerk: str | None         # naam van het oormerk van de post
    oormerk_periode: str | None  # "2026" of "2024–2026"
    maatregel_id: int | None
    maatregel: str | None
    omschrijving: str
    kenmerk: str | None
    door: str | None
    versie: int

    @property
    def budgetpost_label(self) -> str | None:
        """``"Onvoorzien (Budget Kerkelanden 2026)"``, zoals in het dossier."""
        return None if self.budgetpost is None else _post_label(self.budgetpost, self.oormerk or "")

    def invoer(self) -> dict[str, str]:
        """De waarden voor de invoervelden van het formulier (bedrag leesbaar én weer in te lezen)."""
        return {
            "datum": formatteer_datum(self.datum),
            "bedrag": formatteer_bedrag_invoer(self.bedrag),
            "budgetpost": "" if self.budgetpost_id is None else str(self.budgetpost_id),
            "maatregel": "" if self.maatregel_id is None else str(self.maatregel_id),
            "omschrijving": self.omschrijving,
            "kenmerk": self.kenmerk or "",
        }


@dataclass(frozen=True, slots=True)
class MaatregelKeuze:
    id: int
    naam: str
    plan: str
    periode: str
    lopend: bool       # het wijkplan loopt in het gekozen jaar (vastgesteld of geëvalueerd)

    @property
    def label(self) -> str:
        return f"{self.naam} · {self.periode}" + ("" if self.lopend else " (plan loopt niet)")


@dataclass(frozen=True, slots=True)
class UitgavenStand:
    """Alles wat het formulier voor één wijk en één jaar toont."""

    wijk_id: int
    wijk_slug: str
    wijk_naam: str
    jaar: int
    peildatum: dt.date                    # besteed en rest gelden t/m deze datum
    jaren: tuple[int, ...]                # te kiezen jaren, nieuwste eerst
    oormerken: tuple[OormerkRegels, ...]  # de oormerken die in ``jaar`` lopen, met hun budgetposten
    maatregelen: tuple[MaatregelKeuze, ...]
    laatste: tuple[UitgaveRegel, ...]


def _uitgave_select():
    return (
        select(Uitgave.id, Uitgave.wijk_id, Uitgave.datum, Uitgave.bedrag, Uitgave.budgetpost_id,
               Budgetpost.naam.label("post"), Oormerk.naam.label("oormerk"), Oormerk.jaar_van, Oormerk.jaar_tot,
               Uitgave.maatregel_id, Maatregel.naam.label("maatregel"), Uitgave.omschrijving, Uitgave.kenmerk,
               Uitgave.gewijzigd_door, Uitgave.versie)
        .outerjoin(Budgetpost, Budgetpost.id == Uitgave.budgetpost_id)
        .outerjoin(Oormerk, Oormerk.id == Budgetpost.oormerk_id)
        .outerjoin(Maatregel, Maatregel.id == Uitgave.maatregel_id)
    )


def _regel(r) -> UitgaveRegel:
    periode = None if r.jaar_van is None else periode_tekst(r.jaar_van, r.jaar_tot)
    return UitgaveRegel(r.id, r.wijk_id, r.datum, Decimal(r.bedrag), r.budgetpost_id, r.post, r.oormerk, periode,
                        r.maatregel_id, r.maatregel, r.omschrijving, r.kenmerk, r.gewijzigd_door, r.versie)


def uitgave_regel(sessie: Session, uitgave_id: int) -> UitgaveRegel | None:
    """Eén uitgave (voor het corrigeren), of ``None`` als ze niet bestaat. Eén query."""
    r = sessie.execute(_uitgave_select().where(Uitgave.id == uitgave_id)).one_or_none()
    return None if r is None else _regel(r)


def uitgavenjaren(sessie: Session, wijk_id: int, vandaag: dt.date) -> tuple[int, ...]:
    """De jaren waarin op een oormerk van de wijk geboekt kan worden (tot en met dit jaar), nieuwste eerst;
    zonder oormerken alleen dit jaar."""
    eerste = sessie.scalar(select(func.min(Oormerk.jaar_van)).where(Oormerk.wijk_id == wijk_id))
    begin = min(int(eerste), vandaag.year) if eerste is not None else vandaag.year
    return tuple(range(vandaag.year, begin - 1, -1))


def maatregelkeuzes(sessie: Session, wijk_id: int, jaar: int) -> tuple[MaatregelKeuze, ...]:
    """De maatregelen van de wijkplannen van de wijk: eerst die van plannen die in ``jaar`` lopen, dan de
    andere (nieuwste plan eerst), binnen een plan op naam. Eén query."""
    lopend = case((plan_actief_sql(jaar), 1), else_=0)
    rijen = sessie.execute(
        select(Maatregel.id, Maatregel.naam, Wijkplan.titel, Wijkplan.periode_van, Wijkplan.periode_tot,
               lopend.label("lopend"))
        .join(Wijkplan, Wijkplan.id == Maatregel.wijkplan_id)
        .where(Wijkplan.wijk_id == wijk_id)
        .order_by(lopend.desc(), Wijkplan.periode_tot.desc(), Wijkplan.id.desc(), Maatregel.naam, Maatregel.id)
    ).all()
    return tuple(MaatregelKeuze(r.id, r.naam, r.titel, periode_tekst(r.periode_van, r.periode_tot), bool(r.lopend))
                 for r in rijen)


def laatste_uitgaven(sessie: Session, wijk_id: int, aantal: int = AANTAL_LAATSTE) -> tuple[UitgaveRegel, ...]:
    """De laatst geboekte uitgaven van de wijk (nieuwste boeking eerst). Eén query."""
    rijen = sessie.execute(_uitgave_select().where(Uitgave.wijk_id == wijk_id)
                           .order_by(Uitgave.id.desc()).limit(aantal)).all()
    return tuple(_regel(r) for r in rijen)


def uitgaven_stand(sessie: Session, wijk_id: int, jaar: int, vandaag: dt.date) -> UitgavenStand | None:
    """Het formulier voor wijk × jaar; ``None`` als de wijk niet bestaat. Vijf queries."""
    wijk = sessie.get(Wijk, wijk_id)
    if wijk is None:
        return None
    return UitgavenStand(
        wijk_id=wijk.id,
        wijk_slug=wijk.slug,
        wijk_naam=wijk.naam,
        jaar=jaar,
        peildatum=min(peildatum_voor_jaar(jaar, vandaag), dt.date(jaar, 12, 31)),
        jaren=uitgavenjaren(sessie, wijk.id, vandaag),
        oormerken=tuple(budgetposten(sessie, wijk.slug, jaar, vandaag)),
        maatregelen=maatregelkeuzes(sessie, wijk.id, jaar),
        laatste=laatste_uitgaven(sessie, wijk.id),
    )


@dataclass(frozen=True, slots=True)
class PostStand:
    """Een budgetpost na een boeking: budget, besteed over de hele looptijd van het oormerk, rest."""

    id: int
    naam: str
    oormerk: str
    periode: str
    bedrag: float
    besteed: float
    rest: float
    benutting: float | None

    @property
    def overschreden(self) -> float | None:
        """Met hoeveel de post overschreden is (in euro's, op centen), of ``None``."""
        tekort = round(-self.rest, 2)
        return tekort if tekort > 0 else None


def stand_van_budgetpost(sessie: Session, budgetpost_id: int, vandaag: dt.date) -> PostStand | None:
    """De stand van een budgetpost over de hele looptijd van zijn oormerk (t/m vandaag), via
    :func:`datalaag.budget.budgetposten` in het laatste jaar van het oormerk. Twee queries."""
    kop = sessie.execute(
        select(Wijk.slug, Oormerk.jaar_tot)
        .join(Oormerk, Oormerk.wijk_id == Wijk.id)
        .join(Budgetpost, Budgetpost.oormerk_id == Oormerk.id)
        .where(Budgetpost.id == budgetpost_id)
    ).one_or_none()
    if kop is None:
        return None
    for om in budgetposten(sessie, kop.slug, kop.jaar_tot, vandaag):
        for p in om.posten:
            if p.id == budgetpost_id:
                return PostStand(p.id, p.naam, om.naam, om.periode, p.bedrag, p.uitgegeven_tm_jaar, p.rest,
                                 budgetbenutting(p.uitgegeven_tm_jaar, p.bedrag))
    return None  # pragma: no cover - de post bestaat en zijn oormerk loopt in jaar_tot


# --------------------------------------------------------------------------- schrijven


@dataclass(frozen=True, slots=True)
class Geboekt:
    """De uitkomst van :func:`bewaar_uitgave`."""

    uitgave_id: int
    wijk_id: int
    versie: int
    nieuw: bool
    gewijzigd: bool            # False: een correctie zonder verschil; er is niets opgeslagen
    datum: dt.date
    bedrag: Decimal
    budgetpost: PostStand | None

    @property
    def overschreden(self) -> float | None:
        return None if self.budgetpost is None else self.budgetpost.overschreden


def _keuze_id(c: Controle, veld: str, waarde: Any) -> int | None:
    """Een id uit een keuzelijst (leeg = geen keuze)."""
    if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
        return None
    tekst = str(waarde).strip()
    if isinstance(waarde, bool) or not tekst.isascii() or not tekst.isdigit() or not 1 <= int(tekst) <= _MAX_ID:
        c.fout(veld, f"{VELDEN[veld]}: kies een {VELDEN[veld].lower()} uit de lijst.")
        return None
    return int(tekst)


def _post_label(naam: str, oormerk: str) -> str:
    return f"{naam} ({oormerk})"


def _momentopname(u: Uitgave, post: str | None, maatregel: str | None) -> dict[str, Any]:
    return {
        "Datum": formatteer_datum(u.datum),
        "Bedrag": formatteer_bedrag(u.bedrag, 2),
        "Budgetpost": post,
        "Maatregel": maatregel,
        "Omschrijving": u.omschrijving,
        "Kenmerk": u.kenmerk,
    }


def _kenmerkfout(kenmerk: str, bestaand: Uitgave | None = None, wijknaam: str | None = None) -> str:
    waar = ""
    if bestaand is not None:
        waar = (f" ({wijknaam}, {formatteer_datum(bestaand.datum)}, {formatteer_bedrag(bestaand.bedrag, 2)})"
                if wijknaam else "")
    return (f"{VELDEN['kenmerk']}: er is al een uitgave met kenmerk \u201c{kenmerk}\u201d{waar}. Een kenmerk "
            "(bijv. een factuurnummer) hoort bij één uitgave. Controleer of deze uitgave al geboekt is, of "
            "gebruik een ander kenmerk of laat het leeg.")


def bewaar_uitgave(sessie: Session, actor: Actor | None, *, wijk_id: Any, datum: Any, bedrag: Any,
                   budgetpost: Any, maatregel: Any, omschrijving: Any, kenmerk: Any, uitgave_id: Any = None,
                   verwachte_versie: Any = None, vandaag: dt.date | None = None) -> Geboekt:
    """Boek een nieuwe uitgave (``uitgave_id`` leeg) of corrigeer een geboekte uitgave (met de versie die de
    gebruiker zag). De wijk van een correctie is die van de uitgave; ``wijk_id`` telt dan niet.

    Geeft ``Validatiefout``, ``GeenToegang``, ``Conflictfout`` of ``Invoerfout``; dan is er niets geschreven.
    """
    vandaag = vandaag or dt.date.today()
    c = Controle()
    nieuw = uitgave_id is None or (isinstance(uitgave_id, str) and not uitgave_id.strip())
    u_id = None if nieuw else c.geheel_getal("uitgave", "Uitgave", uitgave_id, minimum=1, maximum=_MAX_ID,
                                               verplicht=True)
    w_id = c.geheel_getal("wijk", "Wijk", wijk_id, minimum=1, maximum=_MAX_ID, verplicht=True) if nieuw else None
    versie = None if nieuw else c.geheel_getal("versie", "Versie", verwachte_versie, minimum=1, maximum=_MAX_ID,
                                               verplicht=True)
    kern = controleer_kernvelden(c, datum=datum, bedrag=bedrag, omschrijving=omschrijving, kenmerk=kenmerk,
                                 vandaag=vandaag)
    post_id = _keuze_id(c, "budgetpost", budgetpost)
    maatregel_id = _keuze_id(c, "maatregel", maatregel)
    if post_id is None and maatregel_id is None and not {"budgetpost", "maatregel"} & c.fouten.keys():
        c.fout("budgetpost", GEEN_BESTEMMING)
    if {"uitgave", "wijk", "versie"} & c.fouten.keys():
        c.klaar()  # zonder geldige uitgave of wijk valt er niets verder te controleren

    # Autoriseren op de wijk (van de uitgave bij een correctie), vóór er iets over de database wordt gezegd.
    uitgave: Uitgave | None = None
    if nieuw:
        wijk = sessie.get(Wijk, w_id)
        if wijk is None:
            raise Invoerfout("Deze wijk bestaat niet (meer). Kies een wijk uit de lijst.")
    else:
        uitgave = sessie.get(Uitgave, u_id)
        if uitgave is None:
            raise Invoerfout("Deze uitgave bestaat niet (meer). Kies een uitgave uit de tabel.")
        wijk = uitgave.wijk
    eis(actor, "uitgave_schrijven", wijk_id=wijk.id, wijk_naam=wijk.naam)

    # De bestemming hoort bij deze wijk, en de datum bij de looptijd.
    post_label = maatregel_naam = None
    if post_id is not None:
        p = sessie.execute(
            select(Budgetpost.naam, Oormerk.naam.label("oormerk"), Oormerk.wijk_id, Oormerk.jaar_van,
                   Oormerk.jaar_tot, Wijk.naam.label("wijk"))
            .join(Oormerk, Oormerk.id == Budgetpost.oormerk_id).join(Wijk, Wijk.id == Oormerk.wijk_id)
            .where(Budgetpost.id == post_id)
        ).one_or_none()
        if p is None:
            c.fout("budgetpost", f"{VELDEN['budgetpost']}: deze budgetpost bestaat niet (meer). Kies een budgetpost "
                                 "uit de lijst.")
        elif p.wijk_id != wijk.id:
            c.fout("budgetpost", f"{VELDEN['budgetpost']}: \u201c{p.naam}\u201d hoort bij een oormerk van "
                                 f"{p.wijk}, niet van {wijk.naam}. Kies een budgetpost van {wijk.naam}.")
        else:
            post_label = _post_label(p.naam, p.oormerk)
            fout = kern.datum and datumfout_budgetpost(kern.datum, p.oormerk, p.jaar_van, p.jaar_tot)
            if fout:
                c.fout("datum", fout)
    if maatregel_id is not None:
        m = sessie.execute(
            select(Maatregel.naam, Wijkplan.wijk_id, Wijkplan.titel, Wijkplan.periode_van, Wijk.naam.label("wijk"))
            .join(Wijkplan, Wijkplan.id == Maatregel.wijkplan_id).join(Wijk, Wijk.id == Wijkplan.wijk_id)
            .where(Maatregel.id == maatregel_id)
        ).one_or_none()
        if m is None:
            c.fout("maatregel", f"{VELDEN['maatregel']}: deze maatregel bestaat niet (meer). Kies een maatregel uit "
                                "de lijst.")
        elif m.wijk_id != wijk.id:
            c.fout("maatregel", f"{VELDEN['maatregel']}: \u201c{m.naam}\u201d hoort bij een wijkplan van {m.wijk}, "
                                f"niet van {wijk.naam}. Kies een maatregel van {wijk.naam}.")
        else:
            maatregel_naam = m.naam
            fout = kern.datum and datumfout_maatregel(kern.datum, m.titel, m.periode_van)
            if fout:
                c.fout("datum", fout)
    if kern.kenmerk is not None and "kenmerk" not in c.fouten:
        bestaand = sessie.scalars(select(Uitgave).where(Uitgave.kenmerk == kern.kenmerk,
                                                        Uitgave.id != (u_id or 0))).first()
        if bestaand is not None:
            c.fout("kenmerk", _kenmerkfout(kern.kenmerk, bestaand, bestaand.wijk.naam))
    c.klaar()

    if uitgave is not None and uitgave.versie != versie:
        raise conflict(sessie, "uitgave", "Deze uitgave", uitgave, versie)

    waarden = {"datum": kern.datum, "bedrag": kern.bedrag, "budgetpost_id": post_id, "maatregel_id": maatregel_id,
               "omschrijving": kern.omschrijving, "kenmerk": kern.kenmerk}
    if uitgave is None:
        uitgave = Uitgave(wijk_id=wijk.id, gewijzigd_door=actor.naam, **waarden)
        sessie.add(uitgave)
        oud = None
    else:
        oud_post = (_post_label(uitgave.budgetpost.naam, uitgave.budgetpost.oormerk.naam)
                    if uitgave.budgetpost is not None else None)
        oud_maatregel = uitgave.maatregel.naam if uitgave.maatregel is not None else None
        oud = _momentopname(uitgave, oud_post, oud_maatregel)
        if all(getattr(uitgave, k) == v for k, v in waarden.items()):
            return Geboekt(uitgave.id, wijk.id, uitgave.versie, False, False, uitgave.datum, uitgave.bedrag,
                           stand_van_budgetpost(sessie, post_id, vandaag) if post_id else None)
        for k, v in waarden.items():
            setattr(uitgave, k, v)
        uitgave.gewijzigd_door = actor.naam
    try:
        sessie.flush()
    except StaleDataError:
        raise gelijktijdig("deze uitgave") from None
    except IntegrityError as fout:
        if "kenmerk" in str(fout.orig).lower():
            raise Validatiefout({"kenmerk": _kenmerkfout(kern.kenmerk or "")}) from None
        raise gelijktijdig("deze uitgave") from None
    nieuw_snap = _momentopname(uitgave, post_label, maatregel_naam)
    if oud is None:
        leg_vast(sessie, actor, entiteit="uitgave", entiteit_id=uitgave.id, actie="aangemaakt", oud=None,
                 nieuw={"Wijk": wijk.naam, **{k: v for k, v in nieuw_snap.items() if v is not None}},
                 wijk_id=wijk.id, versie=uitgave.versie)
    else:
        oud_diff, nieuw_diff = verschil(oud, nieuw_snap)
        leg_vast(sessie, actor, entiteit="uitgave", entiteit_id=uitgave.id, actie="gewijzigd", oud=oud_diff,
                 nieuw=nieuw_diff, wijk_id=wijk.id, versie=uitgave.versie)
    sessie.flush()
    return Geboekt(uitgave.id, wijk.id, uitgave.versie, oud is None, True, uitgave.datum, uitgave.bedrag,
                   stand_van_budgetpost(sessie, post_id, vandaag) if post_id else None)
