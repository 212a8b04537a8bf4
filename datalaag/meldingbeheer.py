"""Meldingen (incidenten en klachten, §3.4.2.3) registreren, afhandelen en melden aan de regiegroep.

Drie schrijfacties, elk volgens het vaste patroon: valideren (``datalaag.validatie``) → autoriseren
(``eis(actor, "melding_schrijven", wijk_id=...)``: coördinator eigen wijken, beheerder alles) → versie
controleren → schrijven plus ``Mutatie`` (entiteit ``melding``) in de transactie van de aanroeper. Bij
een fout is er niets geschreven.

- :func:`registreer_melding`: een nieuwe melding (status open). Het kenmerk is optioneel maar uniek.
- :func:`handel_af`: status, verantwoordelijke, aanpak, rol van bewoners, kerngroep en het moment van
  afhandeling. De afhandeltijd komt uit de ene definitie :func:`datalaag.afgeleid.werkdagen_tussen`,
  altijd gerekend vanaf de oorspronkelijke ontvangst.
- :func:`meld_aan_regiegroep`: de datum waarop één melding, of een selectie in één keer, aan de
  regiegroep is gemeld. Per melding een eigen ``Mutatie`` (zie daar waarom).

**Heropenen** (een afgehandelde melding terug naar open of in behandeling) mag, maar alleen met een
toelichting: de gemeente wil kunnen uitleggen waarom een afgehandelde klacht terugkomt. Afgehandeld op,
de afhandeltijd en de datum van melding aan de regiegroep worden leeg (de CHECK-constraint ``afhandeling``
eist dat ook); de oude waarden en de toelichting staan in het dossier. Aanpak, rol van bewoners en
verantwoordelijke blijven staan, zodat wie verder gaat ziet wat er al is gedaan. Bij de volgende
afhandeling telt de afhandeltijd weer vanaf de oorspronkelijke ontvangst: heropenen zet de klok niet
terug, anders zou een melding na heropenen ten onrechte binnen de norm lijken. Omdat de regiegroep de
eerdere afhandeling al kreeg maar niet de heropening, moet de melding opnieuw gemeld worden.

Regels die ook de import gebruikt (``datalaag.importeren``) hebben één definitie: het lezen van een
datum met tijd (``_datumtijd``: ``dd-mm-jjjj uu:mm``, niet in de toekomst) en de maximale lengtes van de
tekstvelden (``MELDING_TEKSTLENGTES``) komen daarvandaan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, false, func, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from datalaag.afgeleid import melding_over_norm_sql, werkdagen_tussen
from datalaag.autorisatie import Actor, eis
from datalaag.importeren import MELDING_TEKSTLENGTES, lees_datumtijd
from datalaag.meldingen import CATEGORIE_LABELS
from datalaag.meldingen import STATUS_LABELS as _LEES_STATUS_LABELS
from datalaag.models import (
    MELDING_CATEGORIEEN,
    MELDING_ERNST,
    MELDING_KANALEN,
    MELDING_STATUSSEN,
    Afhandelnorm,
    Melding,
    Wijk,
)
from datalaag.mutaties import (  # noqa: F401 - Conflictfout en beschrijf_wijzigingen horen bij de API
    Conflictfout,
    beschrijf_wijzigingen,
    conflict,
    gelijktijdig,
    leg_vast,
    verschil,
    wijzigingen_sinds,
)
from datalaag.opmaak import formatteer_datum, meervoud
from datalaag.validatie import Controle, Invoerfout, Validatiefout

RECHT = "melding_schrijven"
ENTITEIT = "melding"
_MAX_ID = 2**31 - 1

#: Veldsleutel (ook de sleutel in ``Validatiefout.fouten`` en in het formulier) → label.
VELDEN: dict[str, str] = {
    "kenmerk": "Kenmerk",
    "categorie": "Categorie",
    "ernst": "Ernst",
    "kanaal": "Kanaal",
    "ontvangen_op": "Ontvangen op",
    "buurt": "Buurt",
    "straat": "Straat",
    "omschrijving": "Omschrijving",
    "status": "Status",
    "verantwoordelijke": "Verantwoordelijke",
    "aanpak": "Aanpak",
    "rol_bewoners": "Rol van bewoners",
    "kerngroep_betrokken": "Kerngroep betrokken",
    "afgehandeld_op": "Afgehandeld op",
    "toelichting": "Toelichting",
    "gemeld_aan_regiegroep_op": "Gemeld aan regiegroep op",
    "selectie": "Selectie",
}
#: Maximale lengte per tekstveld: die van de import (één definitie), plus kenmerk en toelichting.
TEKSTLENGTES: dict[str, int] = {**MELDING_TEKSTLENGTES, "kenmerk": 50, "toelichting": 2000}

ERNST_LABELS: dict[str, str] = {"normaal": "Normaal", "ernstig": "Ernstig"}
KANAAL_LABELS: dict[str, str] = {"telefoon": "Telefoon", "website": "Website", "app": "App", "balie": "Balie",
                                 "email": "E-mail", "wijkagent": "Wijkagent", "regiegroep": "Regiegroep"}
STATUS_LABELS: dict[str, str] = {s: _LEES_STATUS_LABELS[s] for s in MELDING_STATUSSEN}
JA_NEE: dict[str, str] = {"nee": "Nee", "ja": "Ja"}
assert set(ERNST_LABELS) == set(MELDING_ERNST) and set(KANAAL_LABELS) == set(MELDING_KANALEN)
assert set(CATEGORIE_LABELS) == set(MELDING_CATEGORIEEN)

#: Zoveel meldingen kunnen in één keer aan de regiegroep worden gemeld.
MAX_SELECTIE = 500
#: Rijen per pagina in de lijst van het invoerformulier.
PAGINAGROOTTE = 25


def datumtijd_tekst(moment: dt.datetime | None) -> str | None:
    """``27-11-2026 14:05`` (zoals het formulier het vraagt), of ``None``."""
    return None if moment is None else f"{formatteer_datum(moment)} {moment:%H:%M}"


def melding_naam(kenmerk: str | None, melding_id: int) -> str:
    """Hoe een melding in een zin heet: haar kenmerk, of haar nummer als ze geen kenmerk heeft."""
    return kenmerk or f"nr. {melding_id}"


def _ja_nee(c: Controle, veld: str, waarde: Any) -> bool | None:
    """``ja``/``nee`` (of een bool); leeg is nee."""
    if waarde is None or waarde == "" or waarde is False:
        return False
    if waarde is True:
        return True
    if isinstance(waarde, str) and waarde.strip().casefold() in JA_NEE:
        return waarde.strip().casefold() == "ja"
    c.fout(veld, f"{VELDEN[veld]}: kies Ja of Nee.")
    return None


def _tot_einde_minuut(nu: dt.datetime | None) -> dt.datetime:
    """De grens voor "niet in de toekomst": wie de lopende minuut invult (``14:05`` om 14:05:30), is niet te vroeg."""
    return (nu or dt.datetime.now()).replace(second=59, microsecond=999999)


def _tekst(c: Controle, veld: str, waarde: Any, *, verplicht: bool = False) -> str | None:
    return c.tekst(veld, VELDEN[veld], waarde, verplicht=verplicht, max_lengte=TEKSTLENGTES[veld])


# =========================================================================== registreren


@dataclass(frozen=True, slots=True)
class Opgeslagen:
    """Uitkomst van een schrijfactie op één melding."""

    melding_id: int
    versie: int
    status: str
    kenmerk: str | None
    wijk_slug: str
    gewijzigd: bool = True


def _registratie_momentopname(m: Melding, wijk_naam: str) -> dict[str, Any]:
    waarden = {
        "Kenmerk": m.kenmerk, "Wijk": wijk_naam, "Buurt": m.buurt, "Straat": m.straat,
        "Categorie": CATEGORIE_LABELS[m.categorie], "Ernst": ERNST_LABELS[m.ernst], "Kanaal": KANAAL_LABELS[m.kanaal],
        "Ontvangen op": datumtijd_tekst(m.ontvangen_op), "Omschrijving": m.omschrijving,
        "Status": STATUS_LABELS[m.status],
    }
    return {k: v for k, v in waarden.items() if v is not None}


def registreer_melding(sessie: Session, actor: Actor | None, wijk_id: Any, *, categorie: Any, ernst: Any,
                       kanaal: Any, ontvangen_op: Any, omschrijving: Any, buurt: Any = None, straat: Any = None,
                       kenmerk: Any = None, nu: dt.datetime | None = None) -> Opgeslagen:
    """Registreer een nieuwe melding (status open) in een wijk van de actor.

    Geeft ``Validatiefout`` (ook bij een kenmerk dat al bestaat), ``GeenToegang`` of ``Invoerfout``; dan is
    er niets geschreven.
    """
    nu = _tot_einde_minuut(nu)
    c = Controle()
    w_id = c.geheel_getal("wijk", "Wijk", wijk_id, minimum=1, maximum=_MAX_ID, verplicht=True)
    km = _tekst(c, "kenmerk", kenmerk)
    cat = c.keuze("categorie", VELDEN["categorie"], categorie, CATEGORIE_LABELS)
    ern = c.keuze("ernst", VELDEN["ernst"], ernst or "normaal", ERNST_LABELS)
    kan = c.keuze("kanaal", VELDEN["kanaal"], kanaal, KANAAL_LABELS)
    ontvangen = lees_datumtijd(c, "ontvangen_op", ontvangen_op, verplicht=True, laatst=nu)
    teksten = {k: _tekst(c, k, v) for k, v in (("buurt", buurt), ("straat", straat))}
    oms = _tekst(c, "omschrijving", omschrijving, verplicht=True)
    c.klaar()

    wijk = sessie.get(Wijk, w_id)
    if wijk is None:
        raise Invoerfout("Deze wijk bestaat niet (meer). Kies een wijk uit de lijst.")
    eis(actor, RECHT, wijk_id=wijk.id, wijk_naam=wijk.naam)
    if km is not None and sessie.scalar(select(Melding.id).where(Melding.kenmerk == km)) is not None:
        raise Validatiefout({"kenmerk": _dubbel_kenmerk(km)})

    melding = Melding(kenmerk=km, wijk_id=wijk.id, categorie=cat, ernst=ern, kanaal=kan, ontvangen_op=ontvangen,
                      omschrijving=oms, status="open", kerngroep_betrokken=False, gewijzigd_door=actor.naam,
                      **teksten)
    sessie.add(melding)
    try:
        sessie.flush()
    except IntegrityError:
        # Alles is gecontroleerd; alleen het unieke kenmerk kan intussen door een ander zijn gebruikt.
        if km is not None:
            raise Validatiefout({"kenmerk": _dubbel_kenmerk(km)}) from None
        raise gelijktijdig("deze melding") from None
    leg_vast(sessie, actor, entiteit=ENTITEIT, entiteit_id=melding.id, actie="aangemaakt", oud=None,
             nieuw=_registratie_momentopname(melding, wijk.naam), wijk_id=wijk.id, versie=melding.versie)
    sessie.flush()
    return Opgeslagen(melding.id, melding.versie, melding.status, melding.kenmerk, wijk.slug)


def _dubbel_kenmerk(kenmerk: str) -> str:
    return (f"{VELDEN['kenmerk']}: er bestaat al een melding met kenmerk \u201c{kenmerk[:50]}\u201d. Controleer of "
            "deze melding al geregistreerd is; is het een andere melding, kies dan een ander kenmerk of laat het "
            "veld leeg.")


# =========================================================================== afhandelen


def _afhandeling_momentopname(m: Melding) -> dict[str, Any]:
    return {
        "Status": STATUS_LABELS[m.status],
        "Verantwoordelijke": m.verantwoordelijke,
        "Aanpak": m.aanpak,
        "Rol van bewoners": m.rol_bewoners,
        "Kerngroep betrokken": "ja" if m.kerngroep_betrokken else "nee",
        "Afgehandeld op": datumtijd_tekst(m.afgehandeld_op),
        "Afhandeltijd (werkdagen)": m.afhandeltijd_werkdagen,
        "Gemeld aan regiegroep op": formatteer_datum(m.gemeld_aan_regiegroep_op) if m.gemeld_aan_regiegroep_op else None,
    }


def handel_af(sessie: Session, actor: Actor | None, melding_id: Any, *, status: Any, verantwoordelijke: Any,
              aanpak: Any, rol_bewoners: Any = None, kerngroep_betrokken: Any = None, afgehandeld_op: Any = None,
              toelichting: Any = None, verwachte_versie: Any, nu: dt.datetime | None = None) -> Opgeslagen:
    """Leg de afhandeling van een melding vast (of heropen een afgehandelde melding, met toelichting).

    Regels: bij *in behandeling* en *afgehandeld* is een verantwoordelijke verplicht (§3.4.2.3: iemand uit de
    regiegroep is verantwoordelijk voor de afhandeling); bij *afgehandeld* ook de aanpak en het moment van
    afhandeling (niet vóór de ontvangst, niet in de toekomst); een moment van afhandeling hoort alleen bij
    *afgehandeld*. Geeft ``Validatiefout``, ``GeenToegang``, ``Conflictfout`` of ``Invoerfout``; dan is er
    niets geschreven. Verandert er niets, dan wordt er ook niets geschreven (``gewijzigd=False``).
    """
    nu = _tot_einde_minuut(nu)
    c = Controle()
    m_id = c.geheel_getal("melding", "Melding", melding_id, minimum=1, maximum=_MAX_ID, verplicht=True)
    versie = c.geheel_getal("versie", "Versie", verwachte_versie, minimum=1, maximum=_MAX_ID, verplicht=True)
    st = c.keuze("status", VELDEN["status"], status, STATUS_LABELS)
    verantw = _tekst(c, "verantwoordelijke", verantwoordelijke)
    aan = _tekst(c, "aanpak", aanpak)
    rol = _tekst(c, "rol_bewoners", rol_bewoners)
    kern = _ja_nee(c, "kerngroep_betrokken", kerngroep_betrokken)
    afgehandeld = lees_datumtijd(c, "afgehandeld_op", afgehandeld_op, verplicht=False, laatst=nu)
    uitleg = _tekst(c, "toelichting", toelichting)
    if st in ("in_behandeling", "afgehandeld") and verantw is None and "verantwoordelijke" not in c.fouten:
        c.fout("verantwoordelijke", f"{VELDEN['verantwoordelijke']}: vul in wie de melding afhandelt (een naam of "
               f"afdeling); dat is verplicht bij de status \u201c{STATUS_LABELS[st]}\u201d.")
    if st == "afgehandeld":
        if aan is None and "aanpak" not in c.fouten:
            c.fout("aanpak", f"{VELDEN['aanpak']}: beschrijf hoe de melding is afgehandeld; dat is verplicht bij de "
                   "status \u201cAfgehandeld\u201d (de regiegroep krijgt elke melding met de gekozen aanpak).")
        if afgehandeld is None and "afgehandeld_op" not in c.fouten:
            c.fout("afgehandeld_op", f"{VELDEN['afgehandeld_op']}: vul het moment van afhandeling in als "
                   "dd-mm-jjjj uu:mm, bijvoorbeeld 27-11-2026 14:05; dat is verplicht bij de status "
                   "\u201cAfgehandeld\u201d.")
    if m_id is None or versie is None:
        c.klaar()

    melding = sessie.get(Melding, m_id)
    if melding is None:
        raise Invoerfout("Deze melding bestaat niet (meer). Kies een melding uit de lijst.")
    wijk = melding.wijk
    eis(actor, RECHT, wijk_id=wijk.id, wijk_naam=wijk.naam)
    if melding.versie != versie:
        raise conflict(sessie, ENTITEIT, "Deze melding", melding, versie)
    if afgehandeld is not None and afgehandeld < melding.ontvangen_op:
        c.fout("afgehandeld_op", f"{VELDEN['afgehandeld_op']}: de melding is ontvangen op "
               f"{datumtijd_tekst(melding.ontvangen_op)}; de afhandeling kan niet eerder zijn. Controleer datum en tijd.")
    heropend = melding.status == "afgehandeld" and st is not None and st != "afgehandeld"
    # Een moment van afhandeling hoort alleen bij "afgehandeld". Bij heropenen mag het oude moment (zoals het
    # formulier het nog toont) blijven staan: het wordt toch leeg. Een ander moment is een vergissing.
    if (st not in (None, "afgehandeld") and afgehandeld is not None
            and not (heropend and afgehandeld == melding.afgehandeld_op)):
        c.fout("afgehandeld_op", f"{VELDEN['afgehandeld_op']}: vul dit alleen in als de melding is afgehandeld. "
               "Kies de status \u201cAfgehandeld\u201d, of maak het veld leeg.")
    if heropend and uitleg is None and "toelichting" not in c.fouten:
        c.fout("toelichting", f"{VELDEN['toelichting']}: deze melding was afgehandeld. Leg uit waarom ze weer "
               f"\u201c{STATUS_LABELS[st].lower()}\u201d wordt; de toelichting komt in het dossier.")
    c.klaar()

    oud = _afhandeling_momentopname(melding)
    melding.status = st
    melding.verantwoordelijke = verantw
    melding.aanpak = aan
    melding.rol_bewoners = rol
    melding.kerngroep_betrokken = kern
    melding.afgehandeld_op = afgehandeld if st == "afgehandeld" else None
    # De ene definitie van de afhandeltijd, altijd vanaf de oorspronkelijke ontvangst.
    melding.afhandeltijd_werkdagen = (werkdagen_tussen(melding.ontvangen_op, afgehandeld)
                                      if st == "afgehandeld" else None)
    if heropend:
        melding.gemeld_aan_regiegroep_op = None
    oud_diff, nieuw_diff = verschil(oud, _afhandeling_momentopname(melding))
    if not nieuw_diff and uitleg is None:
        sessie.expire(melding)  # niets gewijzigd: niets schrijven, geen nieuwe versie
        return Opgeslagen(melding.id, versie, st, melding.kenmerk, wijk.slug, gewijzigd=False)
    melding.gewijzigd_door = actor.naam
    flag_modified(melding, "gewijzigd_door")  # altijd een nieuwe versie, ook bij alleen een toelichting
    try:
        sessie.flush()
    except (StaleDataError, IntegrityError):
        raise gelijktijdig("deze melding") from None
    if uitleg is not None:
        nieuw_diff["Toelichting"] = uitleg
    leg_vast(sessie, actor, entiteit=ENTITEIT, entiteit_id=melding.id,
             actie="statuswijziging" if "Status" in nieuw_diff else "gewijzigd",
             oud=oud_diff, nieuw=nieuw_diff, wijk_id=wijk.id, versie=melding.versie)
    sessie.flush()
    return Opgeslagen(melding.id, melding.versie, melding.status, melding.kenmerk, wijk.slug)


# =========================================================================== melden aan de regiegroep


@dataclass(frozen=True, slots=True)
class Gemeld:
    """Uitkomst van :func:`meld_aan_regiegroep`."""

    datum: dt.date
    aantal: int              # meldingen die nu deze datum kregen
    ongewijzigd: int         # meldingen die deze datum al hadden (niets geschreven)
    wijk_slugs: tuple[str, ...]


def _selectie_lezen(c: Controle, selectie: Any) -> dict[int, int] | None:
    """``[[id, versie], ...]`` of ``[{"id": .., "versie": ..}, ...]`` → ``{id: versie}``."""
    veld, label = "selectie", VELDEN["selectie"]
    if not isinstance(selectie, (list, tuple)) or not selectie:
        c.fout(veld, f"{label}: er is geen melding gekozen. Kies een melding of toon de selectie opnieuw.")
        return None
    if len(selectie) > MAX_SELECTIE:
        c.fout(veld, f"{label}: in één keer kunnen hooguit {MAX_SELECTIE} meldingen worden gemeld, niet "
               f"{len(selectie)}. Maak de selectie kleiner.")
        return None
    uit: dict[int, int] = {}
    for item in selectie:
        paar = (item.get("id"), item.get("versie")) if isinstance(item, dict) else item
        if (not isinstance(paar, (list, tuple)) or len(paar) != 2
                or not all(isinstance(x, int) and not isinstance(x, bool) and 1 <= x <= _MAX_ID for x in paar)
                or paar[0] in uit):
            c.fout(veld, f"{label}: de selectie is ongeldig. Toon de selectie opnieuw.")
            return None
        uit[paar[0]] = paar[1]
    return uit


def _in_blokken(waarden: Sequence[int], grootte: int = 500) -> Iterable[Sequence[int]]:
    for i in range(0, len(waarden), grootte):
        yield waarden[i:i + grootte]


def _opsomming(meldingen: Sequence[Melding], maximum: int = 5) -> str:
    namen = [melding_naam(m.kenmerk, m.id) for m in meldingen[:maximum]]
    rest = len(meldingen) - maximum
    return ", ".join(namen) + (f" en nog {rest}" if rest > 0 else "")


def meld_aan_regiegroep(sessie: Session, actor: Actor | None, selectie: Any, *, datum: Any,
                        vandaag: dt.date | None = None) -> Gemeld:
    """Zet de datum *gemeld aan regiegroep* op één melding of op een selectie in één keer.

    ``selectie``: de meldingen met de versie die de gebruiker zag (``[[id, versie], ...]``, hooguit
    ``MAX_SELECTIE``). Alles of niets: is één melding intussen gewijzigd (andere versie), onbekend, niet van
    een wijk van de actor, na ``datum`` ontvangen, nog niet afgehandeld of zonder aanpak (§3.4.2.3: elke
    melding wordt *met de gekozen aanpak* gemeld), dan wordt er niets geschreven. Een melding die de datum al had, blijft
    ongewijzigd; een andere datum overschrijft (correctie), met de oude datum in het dossier.

    Dossier: per gewijzigde melding één ``Mutatie`` (entiteit ``melding``, met de versie na de wijziging),
    niet één samenvattende rij. Zo blijft het dossier van elke melding compleet (wie meldde wanneer, ook
    bij een selectie) en kan een latere versieconflict-melding per melding zeggen wat er veranderde. Bij
    een selectie vermeldt elke rij ook hoeveel meldingen samen zijn gemeld.
    """
    vandaag = vandaag or dt.date.today()
    c = Controle()
    paren = _selectie_lezen(c, selectie)
    gemeld_op = c.datum("gemeld_aan_regiegroep_op", VELDEN["gemeld_aan_regiegroep_op"], datum, verplicht=True,
                        laatst=vandaag)
    c.klaar()

    ids = sorted(paren)
    meldingen: list[Melding] = []
    for blok in _in_blokken(ids):
        meldingen += sessie.scalars(select(Melding).where(Melding.id.in_(blok))).all()
    meldingen.sort(key=lambda m: m.id)
    if len(meldingen) != len(ids):
        weg = len(ids) - len(meldingen)
        raise Invoerfout(("Deze melding bestaat" if len(ids) == 1 else f"{meervoud(weg, 'melding', 'meldingen')} uit "
                          "de selectie bestaan") + " niet (meer). Toon de selectie opnieuw; er is niets opgeslagen.")
    wijken = {m.wijk_id: m.wijk for m in meldingen}
    for wijk in sorted(wijken.values(), key=lambda w: w.naam):
        eis(actor, RECHT, wijk_id=wijk.id, wijk_naam=wijk.naam)

    verouderd = [m for m in meldingen if m.versie != paren[m.id]]
    if len(ids) == 1 and verouderd:
        raise conflict(sessie, ENTITEIT, "Deze melding", verouderd[0], paren[verouderd[0].id])
    if verouderd:
        wijzigingen = [w for m in verouderd[:5] for w in wijzigingen_sinds(sessie, ENTITEIT, m.id, paren[m.id])]
        door = ", ".join(dict.fromkeys(w.door for w in wijzigingen)) or "iemand anders"
        raise Conflictfout(
            f"{meervoud(len(verouderd), 'melding', 'meldingen')} uit de selectie ({_opsomming(verouderd)}) "
            f"{'is' if len(verouderd) == 1 else 'zijn'} intussen gewijzigd door {door}. Er is NIETS opgeslagen, "
            "ook niet voor de andere meldingen. Toon de selectie opnieuw en meld dan.", wijzigingen, 0)

    te_vroeg = [m for m in meldingen if m.ontvangen_op.date() > gemeld_op]
    if te_vroeg:
        eerste = min(m.ontvangen_op for m in te_vroeg)
        c.fout("gemeld_aan_regiegroep_op", f"{VELDEN['gemeld_aan_regiegroep_op']}: "
               + (f"de melding is pas op {formatteer_datum(eerste)} ontvangen" if len(ids) == 1 else
                  f"{_opsomming(te_vroeg)} {'is' if len(te_vroeg) == 1 else 'zijn'} pas na deze datum ontvangen "
                  f"(de eerste op {formatteer_datum(eerste)})")
               + "; een melding kan niet eerder aan de regiegroep zijn gemeld. Controleer de datum.")
    niet_af = [m for m in meldingen if m.status != "afgehandeld"]
    zonder_aanpak = [m for m in meldingen if not (m.aanpak or "").strip()]
    if niet_af:
        c.fout("selectie", f"{VELDEN['selectie']}: "
               + ("deze melding is" if len(ids) == 1 else f"{_opsomming(niet_af)} "
                  f"{'is' if len(niet_af) == 1 else 'zijn'}")
               + " nog niet afgehandeld (status "
               + ", ".join(dict.fromkeys(STATUS_LABELS[m.status].lower() for m in niet_af))
               + "). Alleen een afgehandelde melding gaat met de gekozen aanpak naar de regiegroep (§3.4.2.3): "
                 "handel de melding eerst af.")
    elif zonder_aanpak:
        c.fout("selectie", f"{VELDEN['selectie']}: "
               + ("deze melding heeft" if len(ids) == 1 else f"{_opsomming(zonder_aanpak)} "
                  f"{'heeft' if len(zonder_aanpak) == 1 else 'hebben'}")
               + " nog geen aanpak. Elke melding gaat met de gekozen aanpak naar de regiegroep (§3.4.2.3): leg "
                 "eerst de aanpak vast bij de afhandeling.")
    c.klaar()

    te_wijzigen = [m for m in meldingen if m.gemeld_aan_regiegroep_op != gemeld_op]
    oud = {m.id: m.gemeld_aan_regiegroep_op for m in te_wijzigen}
    for m in te_wijzigen:
        m.gemeld_aan_regiegroep_op = gemeld_op
        m.gewijzigd_door = actor.naam
    try:
        sessie.flush()
    except (StaleDataError, IntegrityError):
        raise gelijktijdig("deze meldingen" if len(ids) > 1 else "deze melding") from None
    samen = None
    if len(ids) > 1:
        namen = ", ".join(sorted(w.naam for w in wijken.values()))
        samen = f"{len(ids)} meldingen van {namen} in één keer gemeld"
    label = VELDEN["gemeld_aan_regiegroep_op"]
    for m in te_wijzigen:
        nieuw: dict[str, Any] = {label: formatteer_datum(gemeld_op)}
        if samen:
            nieuw["Selectie"] = samen
        leg_vast(sessie, actor, entiteit=ENTITEIT, entiteit_id=m.id, actie="gewijzigd",
                 oud={label: formatteer_datum(oud[m.id]) if oud[m.id] else None}, nieuw=nieuw,
                 wijk_id=m.wijk_id, versie=m.versie)
    sessie.flush()
    return Gemeld(gemeld_op, len(te_wijzigen), len(meldingen) - len(te_wijzigen),
                  tuple(sorted(w.slug for w in wijken.values())))


# =========================================================================== lezen voor het formulier


def normen(sessie: Session) -> dict[str, int]:
    """Afhandelnorm per categorie in werkdagen (hooguit zes rijen)."""
    return dict(sessie.execute(select(Afhandelnorm.categorie, Afhandelnorm.werkdagen)).all())


#: Keuzes van de statusfilter van de lijst (``lopend`` is de standaard en staat niet in de URL).
LIJST_FILTERS: dict[str, str] = {
    "lopend": "Open en in behandeling",
    "open": "Open",
    "in_behandeling": "In behandeling",
    "over_norm": "Open en over de norm",
    "afgehandeld": "Afgehandeld",
}


@dataclass(frozen=True, slots=True)
class LijstRegel:
    id: int
    kenmerk: str | None
    ontvangen_op: dt.datetime
    categorie: str
    ernst: str
    status: str
    verantwoordelijke: str | None
    afgehandeld_op: dt.datetime | None
    #: werkdagen sinds ontvangst (lopend) of de afhandeltijd (afgehandeld)
    werkdagen: int | None
    norm_werkdagen: int | None
    over_norm: bool
    gemeld_aan_regiegroep_op: dt.date | None

    @property
    def naam(self) -> str:
        return melding_naam(self.kenmerk, self.id)


@dataclass(frozen=True, slots=True)
class WijkMeldingen:
    """De meldingen van één wijk voor de lijst van het formulier: tellingen (SQL) en één pagina rijen."""

    wijk_id: int
    peildatum: dt.date
    filter: str
    open: int
    in_behandeling: int
    over_norm: int           # lopend en over de norm op de peildatum
    afgehandeld: int
    totaal: int              # rijen met dit filter
    pagina: int
    paginas: int
    regels: list[LijstRegel]


def wijk_meldingen(sessie: Session, wijk_id: int, filter_: str, pagina: int, vandaag: dt.date,
                   paginagrootte: int = PAGINAGROOTTE) -> WijkMeldingen:
    """Tellingen in één GROUP-loze aggregatie en één pagina rijen (LIMIT/OFFSET), beide in SQL.

    Lopende meldingen: oudste eerst (die zijn het dringendst); afgehandelde: laatst afgehandeld eerst.
    *Over de norm* is de signaaldefinitie :func:`datalaag.afgeleid.melding_over_norm_sql` op ``vandaag``."""
    filter_ = filter_ if filter_ in LIJST_FILTERS else "lopend"
    n = normen(sessie)
    over = melding_over_norm_sql(vandaag, n)
    lopend = Melding.status != "afgehandeld"
    tellingen = sessie.execute(
        select(func.coalesce(func.sum(case((Melding.status == "open", 1), else_=0)), 0),
               func.coalesce(func.sum(case((Melding.status == "in_behandeling", 1), else_=0)), 0),
               func.coalesce(func.sum(case((and_(lopend, over), 1), else_=0)), 0),
               func.coalesce(func.sum(case((Melding.status == "afgehandeld", 1), else_=0)), 0))
        .where(Melding.wijk_id == wijk_id)
    ).one()
    open_, behandeling, over_norm, afgehandeld = (int(t) for t in tellingen)
    totaal = {"lopend": open_ + behandeling, "open": open_, "in_behandeling": behandeling, "over_norm": over_norm,
              "afgehandeld": afgehandeld}[filter_]
    voorwaarde = {"lopend": lopend, "open": Melding.status == "open",
                  "in_behandeling": Melding.status == "in_behandeling", "over_norm": and_(lopend, over),
                  "afgehandeld": Melding.status == "afgehandeld"}[filter_]
    volgorde = ([Melding.afgehandeld_op.desc(), Melding.id.desc()] if filter_ == "afgehandeld"
                else [Melding.ontvangen_op, Melding.id])
    paginas = max(1, -(-totaal // paginagrootte))
    pagina = min(max(1, pagina), paginas)
    rijen = sessie.execute(
        select(Melding.id, Melding.kenmerk, Melding.ontvangen_op, Melding.categorie, Melding.ernst, Melding.status,
               Melding.verantwoordelijke, Melding.afgehandeld_op, Melding.afhandeltijd_werkdagen,
               Melding.gemeld_aan_regiegroep_op, case((over, 1), else_=0).label("over"))
        .where(Melding.wijk_id == wijk_id, voorwaarde)
        .order_by(*volgorde)
        .offset((pagina - 1) * paginagrootte)
        .limit(paginagrootte)
    ).all()
    regels = [
        LijstRegel(
            id=r.id, kenmerk=r.kenmerk, ontvangen_op=r.ontvangen_op, categorie=r.categorie, ernst=r.ernst,
            status=r.status, verantwoordelijke=r.verantwoordelijke, afgehandeld_op=r.afgehandeld_op,
            werkdagen=(r.afhandeltijd_werkdagen if r.status == "afgehandeld"
                       else werkdagen_tussen(r.ontvangen_op, max(vandaag, r.ontvangen_op.date()))),
            norm_werkdagen=n.get(r.categorie), over_norm=bool(r.over), gemeld_aan_regiegroep_op=r.gemeld_aan_regiegroep_op,
        )
        for r in rijen
    ]
    return WijkMeldingen(wijk_id, vandaag, filter_, open_, behandeling, over_norm, afgehandeld, totaal, pagina,
                         paginas, regels)


@dataclass(frozen=True, slots=True)
class MeldingStand:
    """De huidige stand van één melding, voor het afhandelformulier."""

    id: int
    kenmerk: str | None
    wijk_id: int
    wijk_naam: str
    wijk_slug: str
    buurt: str | None
    straat: str | None
    categorie: str
    ernst: str
    kanaal: str
    omschrijving: str | None
    ontvangen_op: dt.datetime
    status: str
    verantwoordelijke: str | None
    aanpak: str | None
    rol_bewoners: str | None
    kerngroep_betrokken: bool
    afgehandeld_op: dt.datetime | None
    afhandeltijd_werkdagen: int | None
    gemeld_aan_regiegroep_op: dt.date | None
    norm_werkdagen: int | None
    over_norm: bool
    versie: int
    gewijzigd_door: str | None

    @property
    def naam(self) -> str:
        return melding_naam(self.kenmerk, self.id)


def melding_stand(sessie: Session, melding_id: int | None, vandaag: dt.date) -> MeldingStand | None:
    """De stand van melding ``melding_id`` (of ``None``). Wie hem mag zien, bepaalt de pagina; wie hem mag
    wijzigen, de schrijfacties."""
    if melding_id is None or not 1 <= melding_id <= _MAX_ID:
        return None
    n = normen(sessie)
    rij = sessie.execute(
        select(Melding, Wijk.naam, Wijk.slug, case((melding_over_norm_sql(vandaag, n), 1), else_=0).label("over"))
        .join(Wijk, Wijk.id == Melding.wijk_id)
        .where(Melding.id == melding_id)
    ).first()
    if rij is None:
        return None
    m = rij[0]
    return MeldingStand(
        id=m.id, kenmerk=m.kenmerk, wijk_id=m.wijk_id, wijk_naam=rij.naam, wijk_slug=rij.slug, buurt=m.buurt,
        straat=m.straat, categorie=m.categorie, ernst=m.ernst, kanaal=m.kanaal, omschrijving=m.omschrijving,
        ontvangen_op=m.ontvangen_op, status=m.status, verantwoordelijke=m.verantwoordelijke, aanpak=m.aanpak,
        rol_bewoners=m.rol_bewoners, kerngroep_betrokken=bool(m.kerngroep_betrokken), afgehandeld_op=m.afgehandeld_op,
        afhandeltijd_werkdagen=m.afhandeltijd_werkdagen, gemeld_aan_regiegroep_op=m.gemeld_aan_regiegroep_op,
        norm_werkdagen=n.get(m.categorie), over_norm=bool(rij.over), versie=m.versie, gewijzigd_door=m.gewijzigd_door,
    )


@dataclass(frozen=True, slots=True)
class SelectieRegel:
    id: int
    versie: int
    kenmerk: str | None
    categorie: str
    afgehandeld_op: dt.datetime

    @property
    def naam(self) -> str:
        return melding_naam(self.kenmerk, self.id)


@dataclass(frozen=True, slots=True)
class RegiegroepSelectie:
    """De afgehandelde meldingen van een wijk die nog niet aan de regiegroep zijn gemeld, afgehandeld vanaf
    ``vanaf`` (standaard de vorige vergadering: de laatste datum waarop in deze wijk is gemeld)."""

    wijk_id: int
    vorige_vergadering: dt.date | None
    vanaf: dt.date | None
    aantal: int                  # in de selectie (met aanpak)
    regels: list[SelectieRegel]  # de eerste ``MAX_SELECTIE`` (oudste afhandeling eerst)
    zonder_aanpak: int           # zouden erbij horen, maar hebben geen aanpak
    eerder_niet_gemeld: int      # afgehandeld vóór ``vanaf`` en nooit gemeld

    @property
    def volledig(self) -> bool:
        return len(self.regels) == self.aantal


def vorige_vergadering(sessie: Session, wijk_id: int) -> dt.date | None:
    """De laatste datum waarop meldingen van deze wijk aan de regiegroep zijn gemeld."""
    return sessie.scalar(select(func.max(Melding.gemeld_aan_regiegroep_op)).where(Melding.wijk_id == wijk_id))


def regiegroep_selectie(sessie: Session, wijk_id: int, vanaf: dt.date | None | str = "vorige",
                        limiet: int = MAX_SELECTIE) -> RegiegroepSelectie:
    """Tellingen in één query, de rijen (begrensd) in een tweede. ``vanaf="vorige"``: vanaf de vorige
    vergadering; ``None``: alle nog niet gemelde afgehandelde meldingen."""
    vorige = vorige_vergadering(sessie, wijk_id)
    grens = vorige if vanaf == "vorige" else vanaf
    basis = [Melding.wijk_id == wijk_id, Melding.status == "afgehandeld", Melding.gemeld_aan_regiegroep_op.is_(None)]
    met_aanpak = and_(Melding.aanpak.is_not(None), func.trim(Melding.aanpak) != "")
    na_grens = Melding.afgehandeld_op >= dt.datetime.combine(grens, dt.time.min) if grens else None
    in_periode = na_grens if na_grens is not None else true()
    eerder_sql = and_(~na_grens, met_aanpak) if na_grens is not None else false()
    aantal, zonder, eerder = sessie.execute(
        select(func.coalesce(func.sum(case((and_(in_periode, met_aanpak), 1), else_=0)), 0),
               func.coalesce(func.sum(case((and_(in_periode, ~met_aanpak), 1), else_=0)), 0),
               func.coalesce(func.sum(case((eerder_sql, 1), else_=0)), 0))
        .where(*basis)
    ).one()
    rijen = sessie.execute(
        select(Melding.id, Melding.versie, Melding.kenmerk, Melding.categorie, Melding.afgehandeld_op)
        .where(*basis, met_aanpak, in_periode)
        .order_by(Melding.afgehandeld_op, Melding.id)
        .limit(limiet)
    ).all()
    return RegiegroepSelectie(
        wijk_id=wijk_id, vorige_vergadering=vorige, vanaf=grens, aantal=int(aantal),
        regels=[SelectieRegel(r.id, r.versie, r.kenmerk, r.categorie, r.afgehandeld_op) for r in rijen],
        zonder_aanpak=int(zonder), eerder_niet_gemeld=int(eerder),
    )


def aantal_gemeld_op(sessie: Session, wijk_id: int, datum: dt.date) -> int:
    """Hoeveel meldingen van de wijk als *gemeld aan regiegroep op* ``datum`` staan (voor de bevestiging)."""
    return int(sessie.scalar(select(func.count()).select_from(Melding)
                             .where(Melding.wijk_id == wijk_id, Melding.gemeld_aan_regiegroep_op == datum)) or 0)
