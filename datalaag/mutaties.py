"""Het dossier: elke schrijfactie legt in dezelfde transactie vast wie, wanneer, wat, oud → nieuw.

``leg_vast`` is de enige manier waarop de app ``Mutatie``-rijen maakt. Bestaande rijen wijzigen
of verwijderen via de ORM wordt geweigerd (``before_flush``, en voor bulk-UPDATE/DELETE
``do_orm_execute``): het dossier is alleen aan te vullen.
Bij een versieconflict zegt ``wijzigingen_sinds`` wat anderen sinds een versie hebben veranderd.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from datalaag.autorisatie import Actor
from datalaag.models import Mutatie
from datalaag.validatie import Invoerfout, formatteer_bedrag_invoer, formatteer_decimaal


class DossierFout(RuntimeError):
    """Een poging om het dossier te wijzigen of te wissen."""


@event.listens_for(Session, "before_flush")
def _dossier_alleen_aanvullen(sessie: Session, _context, _instances) -> None:
    for obj in list(sessie.dirty) + list(sessie.deleted):
        if isinstance(obj, Mutatie) and (obj in sessie.deleted or sessie.is_modified(obj)):
            raise DossierFout("Het dossier kan niet worden gewijzigd of gewist; alleen aangevuld.")


@event.listens_for(Session, "do_orm_execute")
def _dossier_niet_in_bulk(state) -> None:
    """Ook ``sessie.execute(update(Mutatie))`` / ``delete(Mutatie)`` (zonder flush) wordt geweigerd."""
    if (state.is_update or state.is_delete) and any(m.class_ is Mutatie for m in state.all_mappers):
        raise DossierFout("Het dossier kan niet worden gewijzigd of gewist; alleen aangevuld.")


def _json(waarde: Any) -> Any:
    """Maak een waarde geschikt voor de JSON-kolom (Decimal → str, datum → ISO)."""
    if isinstance(waarde, Decimal):
        return str(waarde)
    if isinstance(waarde, (dt.date, dt.datetime)):
        return waarde.isoformat()
    return waarde


def verschil(oud: dict[str, Any], nieuw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Alleen de velden die veranderen: (oud, nieuw), beide JSON-klaar."""
    sleutels = [k for k in dict.fromkeys([*oud, *nieuw]) if _json(oud.get(k)) != _json(nieuw.get(k))]
    return ({k: _json(oud.get(k)) for k in sleutels}, {k: _json(nieuw.get(k)) for k in sleutels})


def leg_vast(sessie: Session, actor: Actor, *, entiteit: str, entiteit_id: int, actie: str,
             oud: dict[str, Any] | None, nieuw: dict[str, Any] | None, wijk_id: int | None = None,
             versie: int | None = None) -> Mutatie:
    """Voeg een ``Mutatie`` toe aan de lopende transactie van ``sessie``."""
    mutatie = Mutatie(
        tijdstip=dt.datetime.now().replace(microsecond=0),
        gebruiker_id=actor.gebruiker_id,
        gebruiker_naam=actor.naam,
        entiteit=entiteit,
        entiteit_id=entiteit_id,
        actie=actie,
        oud=None if oud is None else {k: _json(v) for k, v in oud.items()},
        nieuw=None if nieuw is None else {k: _json(v) for k, v in nieuw.items()},
        wijk_id=wijk_id,
        versie=versie,
    )
    sessie.add(mutatie)
    return mutatie


@dataclass(frozen=True, slots=True)
class Wijziging:
    """Eén eerdere schrijfactie, voor de melding bij een versieconflict."""

    tijdstip: dt.datetime
    door: str
    versie: int | None
    oud: dict[str, Any]
    nieuw: dict[str, Any]


def wijzigingen_sinds(sessie: Session, entiteit: str, entiteit_id: int, versie: int) -> list[Wijziging]:
    """De dossierregels van een entiteit ná ``versie`` (oudste eerst)."""
    rijen = sessie.scalars(
        select(Mutatie)
        .where(Mutatie.entiteit == entiteit, Mutatie.entiteit_id == entiteit_id, Mutatie.versie > versie)
        .order_by(Mutatie.id)
    ).all()
    return [Wijziging(r.tijdstip, r.gebruiker_naam or "onbekend", r.versie, r.oud or {}, r.nieuw or {}) for r in rijen]


# --------------------------------------------------------------------------- gedeeld door de formulieren
class Conflictfout(Invoerfout):
    """Iemand anders sloeg intussen op. ``wijzigingen``: wat er sinds de versie van de gebruiker veranderde."""

    def __init__(self, melding: str, wijzigingen: list[Wijziging], huidige_versie: int):
        self.wijzigingen = wijzigingen
        self.huidige_versie = huidige_versie
        super().__init__(melding)


def conflict(sessie: Session, entiteit: str, wat: str, record: Any, verwachte_versie: int) -> Conflictfout:
    """De fout bij een verouderde versie: wie sloeg intussen op en wat veranderde er (uit het dossier).
    ``wat``: hoe het record in een zin heet, bijv. ``"Deze evaluatie"``."""
    wijzigingen = wijzigingen_sinds(sessie, entiteit, record.id, verwachte_versie)
    door = ", ".join(dict.fromkeys(w.door for w in wijzigingen)) or record.gewijzigd_door or "iemand anders"
    return Conflictfout(
        f"{wat} is intussen opgeslagen door {door} (nu versie {record.versie}; u werkte met "
        f"versie {verwachte_versie}). Uw wijzigingen zijn NIET opgeslagen, zodat niets van de ander verloren "
        "gaat; ze staan nog in het formulier. Bekijk hieronder wat er veranderde, laad de nieuwste versie "
        "en breng uw wijzigingen dan opnieuw aan.",
        wijzigingen,
        record.versie,
    )


def gelijktijdig(wat: str) -> Conflictfout:
    """De fout als twee opslagen op hetzelfde moment botsen (versiecontrole of unieke sleutel in de database)."""
    return Conflictfout(
        f"Iemand anders sloeg {wat} op precies hetzelfde moment op. Uw wijzigingen zijn NIET "
        "opgeslagen en staan nog in het formulier. Laad de nieuwste versie en breng ze opnieuw aan.",
        [], 0,
    )


def beschrijf_wijzigingen(wijzigingen: list[Wijziging]) -> list[str]:
    """Regels als ``27-11-2026 14:03 — Naam: Ambitie 2 · Waardering: 6,5 → 7,0``."""
    regels = []
    for w in wijzigingen:
        delen = [f"{k}: {w.oud.get(k) if w.oud.get(k) not in (None, '') else '(leeg)'} → "
                 f"{w.nieuw.get(k) if w.nieuw.get(k) not in (None, '') else '(leeg)'}"
                 for k in dict.fromkeys([*w.oud, *w.nieuw])]
        regels.append(f"{w.tijdstip:%d-%m-%Y %H:%M} — {w.door}: " + ("; ".join(delen) or "opgeslagen"))
    return regels


def regelveld(ambitie_id: int, veld: str) -> str:
    """De sleutel van een veld per ambitie, in ``invoer.regels`` en in ``Validatiefout.fouten``."""
    return f"ambitie.{ambitie_id}.{veld}"


def ambitieregels_momentopname(regels: Any, nummers: dict[int, int], velden: dict[str, str]) -> dict[str, Any]:
    """Leesbare waarden per ambitie (``"Ambitie 2 · Waardering": "7,5"``) voor het dossier; ``waardering``
    als cijfer met komma, ``schatting_kosten`` als bedrag."""
    uit: dict[str, Any] = {}
    for regel in sorted(regels, key=lambda r: nummers.get(r.ambitie_id, r.ambitie_id)):
        nummer = nummers.get(regel.ambitie_id, regel.ambitie_id)
        for veld, label in velden.items():
            waarde = getattr(regel, veld)
            if veld == "waardering":
                waarde = formatteer_decimaal(waarde) or None
            elif veld == "schatting_kosten":
                waarde = None if waarde is None else "€ " + formatteer_bedrag_invoer(waarde)
            uit[f"Ambitie {nummer} · {label}"] = waarde
    return uit
