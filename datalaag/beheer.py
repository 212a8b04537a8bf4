"""Schrijfservices voor referentiegegevens van de beheerder (nu: de afhandelnormen van meldingen).

Patroon van elke schrijfactie: valideren → autoriseren → schrijven plus een ``Mutatie``-rij in één
transactie, met optimistic locking op ``versie``. De aanroeper (opdrachtregel of later een
beheerpagina) levert de sessie in een transactie en de ``Actor`` die de wijziging doet.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from datalaag.autorisatie import Actor, eis
from datalaag.models import MELDING_CATEGORIEEN, Afhandelnorm
from datalaag.mutaties import leg_vast
from datalaag.validatie import Invoerfout

MAX_NORM_WERKDAGEN = 260  # een werkjaar


@dataclass(frozen=True, slots=True)
class Norm:
    categorie: str
    werkdagen: int


def afhandelnormen(sessie: Session) -> list[Norm]:
    rijen = sessie.execute(select(Afhandelnorm.categorie, Afhandelnorm.werkdagen)).all()
    per_categorie = {r.categorie: r.werkdagen for r in rijen}
    return [Norm(c, per_categorie[c]) for c in MELDING_CATEGORIEEN if c in per_categorie]


def zet_afhandelnorm(sessie: Session, actor: Actor | None, categorie: str, werkdagen: int | str,
                     verwachte_versie: int | None = None) -> Norm:
    """Stel de afhandelnorm (in werkdagen) van een meldingcategorie in.

    ``verwachte_versie``: de versie waarop de gebruiker zijn wijziging baseerde; wijkt die af van
    de opgeslagen versie, dan wordt niets opgeslagen (iemand anders was eerder).
    """
    categorie = (categorie or "").strip().lower()
    if categorie not in MELDING_CATEGORIEEN:
        raise Invoerfout(
            f"Onbekende categorie {categorie!r}: kies uit {', '.join(MELDING_CATEGORIEEN)}."
        )
    try:
        dagen = int(str(werkdagen).strip())
    except ValueError:
        raise Invoerfout(f"Het aantal werkdagen moet een geheel getal zijn, niet {werkdagen!r}.") from None
    if not 1 <= dagen <= MAX_NORM_WERKDAGEN:
        raise Invoerfout(f"Het aantal werkdagen moet tussen 1 en {MAX_NORM_WERKDAGEN} liggen; {dagen} kan niet.")
    eis(actor, "referentie_beheren")
    door = actor.naam

    norm = sessie.get(Afhandelnorm, categorie)
    if norm is not None and verwachte_versie is not None and norm.versie != verwachte_versie:
        raise Invoerfout(
            f"De norm voor {categorie} is intussen door iemand anders gewijzigd (versie {norm.versie}). "
            "Laad de gegevens opnieuw en breng uw wijziging dan aan."
        )
    oud = None if norm is None else {"Categorie": categorie, "Werkdagen": norm.werkdagen}
    if norm is None:
        norm = Afhandelnorm(categorie=categorie, werkdagen=dagen, gewijzigd_door=door)
        sessie.add(norm)
        actie = "aangemaakt"
    else:
        norm.werkdagen = dagen
        norm.gewijzigd_door = door
        actie = "gewijzigd"
    sessie.flush()  # versiecontrole van SQLAlchemy: een verouderde versie geeft hier StaleDataError
    # Afhandelnorm heeft de categorie als sleutel (geen getal): die staat in ``nieuw``.
    leg_vast(sessie, actor, entiteit="afhandelnorm", entiteit_id=0, actie=actie, oud=oud,
             nieuw={"Categorie": categorie, "Werkdagen": dagen}, versie=norm.versie)
    sessie.flush()
    return Norm(categorie, dagen)
