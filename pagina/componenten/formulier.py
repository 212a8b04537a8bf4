"""Bouwstenen voor invoerformulieren: velden met label en foutmelding, en de meldingen na opslaan.

Elk veld heeft een id ``{"type": f"{prefix}-veld", "veld": sleutel}`` en een foutmelding
``{"type": f"{prefix}-fout", "veld": sleutel}``, zodat één callback alle velden leest (``ALL``) en
bij een ``Validatiefout`` per veld de melding terugzet. De sleutels zijn die van de datalaag-service
(bijv. ``klanttevredenheid_cijfer`` of ``ambitie.3.waardering``). Alle tekst is gewone tekst:
invoer van gebruikers wordt nooit als HTML getoond.

Een schrijvende callback krijgt de velden met ``velden_invoer`` en zet de fouten terug met
``velden_uitvoer``; ze leest de velden met ``veilige_ids`` en ``ingevulde_velden`` (een vervalst id laat
haar niet omvallen) en roept de service aan met ``voer_uit``: één transactie, en bij een fout de melding en
per veld ``invalid`` en foutmelding (``Uitkomst``). Bij een versieconflict geeft ``conflict_melding`` wie
intussen opsloeg en wat er veranderde. Verder: ``maak_keuzeveld`` (een keuzelijst zoals ``maak_veld``),
``geen_rechten`` (de pagina voor wie niets mag invoeren) en ``gekozen_wijk`` (de wijk uit de URL).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import dash_bootstrap_components as dbc
from dash import ALL, Output, State, dcc, html

from dashboard.database import lees_sessie, sessiefabriek
from datalaag.autorisatie import GeenToegang
from datalaag.mutaties import Conflictfout, beschrijf_wijzigingen
from datalaag.validatie import Invoerfout, Validatiefout
from datalaag.wijken import wijk_kop

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")


def veld_id(prefix: str, sleutel: str) -> dict[str, str]:
    return {"type": f"{prefix}-veld", "veld": sleutel}


def fout_id(prefix: str, sleutel: str) -> dict[str, str]:
    return {"type": f"{prefix}-fout", "veld": sleutel}


def dom_id(prefix: str, sleutel: str) -> str:
    """Een eenvoudig DOM-id voor het label (``html_for``) en voor tests."""
    return f"{prefix}-" + sleutel.replace(".", "-").replace("_", "-")


def maak_veld(prefix: str, sleutel: str, label: str, waarde: str | None, *, meerregelig: bool = False,
              hulptekst: str | None = None, alleen_lezen: bool = False, invoermodus: str | None = None,
              max_lengte: int | None = None, rijen: int = 3, verplicht_bij_indienen: bool = False) -> html.Div:
    """Label met daarin het invoerveld (impliciete koppeling: het veld heeft een dict-id), daaronder
    de foutmelding van dit veld en eventueel een hulptekst."""
    gemeen = {
        "id": veld_id(prefix, sleutel),
        "value": waarde or "",
        "disabled": alleen_lezen,
        "maxLength": max_lengte,
    }
    if meerregelig:
        invoer = dbc.Textarea(rows=rijen, **gemeen)
    else:
        invoer = dbc.Input(type="text", inputMode=invoermodus, autoComplete="off", **gemeen)
    return html.Div(
        [
            html.Label(
                [
                    html.Span([label, html.Span(" *", className="text-body-secondary", title="verplicht bij indienen")
                               if verplicht_bij_indienen else None], className="d-block fw-semibold mb-1"),
                    html.Span(hulptekst, className="d-block form-text mt-0 mb-1") if hulptekst else None,
                    invoer,
                ],
                className="d-block w-100 mb-0",
                id=dom_id(prefix, sleutel),
            ),
            html.Div(id=fout_id(prefix, sleutel), className="invalid-feedback d-block"),
        ],
        className="mb-3",
    )


def maak_keuzeveld(prefix: str, sleutel: str, label: str, opties: Mapping[str, str] | Sequence[dict[str, Any]],
                   waarde: str | None, *, hulptekst: str | None = None, placeholder: str | None = None) -> html.Div:
    """Een keuzelijst met label, hulptekst en foutmelding, met dezelfde ids als ``maak_veld``. ``opties``:
    waarde → tekst, of al een lijst ``{"label": …, "value": …}``. ``placeholder``: wat er staat zolang er niets
    is gekozen (``dbc.Select`` toont een lege waarde zo)."""
    if isinstance(opties, Mapping):
        opties = [{"label": t, "value": v} for v, t in opties.items()]
    extra = {"placeholder": placeholder} if placeholder is not None else {}
    return html.Div(
        [
            html.Label(
                [
                    html.Span(label, className="d-block fw-semibold mb-1"),
                    html.Span(hulptekst, className="d-block form-text mt-0 mb-1") if hulptekst else None,
                    dbc.Select(id=veld_id(prefix, sleutel), value=waarde, options=opties, **extra),
                ],
                className="d-block w-100 mb-0",
                id=dom_id(prefix, sleutel),
            ),
            html.Div(id=fout_id(prefix, sleutel), className="invalid-feedback d-block"),
        ],
        className="mb-3",
    )


def geen_rechten(titel: str, id_: str, uitleg: Any, link: Any, *,
                 kop: str = "U kunt hier niets invoeren. ") -> html.Div:
    """De pagina voor wie niets mag invoeren: de titel, in woorden waarom niet en waar de gegevens wel staan
    (``uitleg``), en een link daarheen. Geen invoervelden of knoppen."""
    return html.Div([html.H1(titel), dbc.Alert([html.Strong(kop), uitleg], color="info", id=id_), link])


W = TypeVar("W")


def gekozen_wijk(wijken: Sequence[W], gevraagd: str | None, id_: str) -> tuple[W, dbc.Alert | None]:
    """De wijk uit de URL als die in de lijst van de gebruiker staat (``wijken``, niet leeg), anders de eerste;
    met een waarschuwing als de gevraagde wijk er niet in staat."""
    gekozen = next((w for w in wijken if w.slug == gevraagd), wijken[0])
    if gevraagd not in (None, "") and gekozen.slug != gevraagd:
        return gekozen, dbc.Alert(f"Wijk \u201c{gevraagd}\u201d staat niet in uw lijst; u ziet {gekozen.naam}.",
                                  color="warning", id=id_)
    return gekozen, None


def _veldnaam(veld_id_: Any) -> str | None:
    """De veldsleutel van een veld-id, of None als het id geen dict met een tekst als ``veld`` is."""
    if isinstance(veld_id_, dict) and isinstance(veld_id_.get("veld"), str):
        return veld_id_["veld"]
    return None


def veilige_ids(ids: Any) -> list[dict[str, Any]]:
    """De ALL-state ``id`` van een formulier, veilig voor vervalste ids. Een id dat geen dict met een veldnaam
    is, telt als een veld zonder naam (``{"veld": ""}``): het blijft op zijn plaats (Dash wil evenveel
    uitvoerwaarden als er ids zijn), maar doet nergens mee. Geen lijst: geen velden."""
    if not isinstance(ids, list):
        return []
    return [i if _veldnaam(i) is not None else {"veld": ""} for i in ids]


def velden_invoer(prefix: str) -> list[State]:
    """De States van een formulier voor een schrijvende callback: ``value`` en ``id`` van alle velden (``ALL``),
    in die volgorde (de callback krijgt ``waarden, ids``)."""
    return [State({"type": f"{prefix}-veld", "veld": ALL}, "value"),
            State({"type": f"{prefix}-veld", "veld": ALL}, "id")]


def velden_uitvoer(prefix: str) -> list[Output]:
    """De Outputs voor de fouten per veld: ``invalid`` van alle velden en de tekst van alle foutmeldingen (``ALL``),
    in die volgorde (zoals ``Uitkomst.velden``)."""
    return [Output({"type": f"{prefix}-veld", "veld": ALL}, "invalid"),
            Output({"type": f"{prefix}-fout", "veld": ALL}, "children")]


def ingevulde_velden(ids: Sequence[Any] | None, waarden: Sequence[Any] | None) -> dict[str, Any]:
    """Veldsleutel → waarde uit de ALL-states ``id`` en ``value`` van een formulier (wat niet klopt, valt weg)."""
    return {naam: w for i, w in zip(ids or [], waarden or [], strict=False) if (naam := _veldnaam(i)) is not None}


def geen_fouten(ids: Sequence[Any] | None) -> tuple[list[bool], list[str]]:
    """``invalid`` en foutmelding voor elk veld bij een formulier zonder fouten."""
    return [False] * len(ids or []), [""] * len(ids or [])


def fouten_per_veld(ids: Sequence[Any] | None, fouten: dict[str, str]) -> tuple[list[bool], list[str]]:
    """``invalid`` en foutmelding per veld in de volgorde van ``ids`` (een ALL-uitvoer van Dash). Een id zonder
    veldnaam krijgt geen fout."""
    velden = [_veldnaam(i) for i in ids or []]
    invalid = [v is not None and v in fouten for v in velden]
    teksten = [fouten.get(v, "") if v is not None else "" for v in velden]
    return invalid, teksten


def melding(kleur: str, titel: str, regels: Sequence[Any] = (), *, id_: str | None = None) -> dbc.Alert:
    """Een melding met een vetgedrukte eerste zin en eventueel een lijst; ``danger`` wordt voorgelezen."""
    inhoud: list[Any] = [html.Strong(titel)]
    if regels:
        inhoud.append(html.Ul([html.Li(r) for r in regels], className="mb-0 mt-2"))
    extra = {"id": id_} if id_ else {}
    # dbc.Alert heeft zelf role="alert": een schermlezer leest de melding meteen voor.
    return dbc.Alert(inhoud, color=kleur, className="mt-3", **extra)


def melding_voor_fout(fout: Exception) -> dbc.Alert:
    """De melding bij een fout uit een datalaag-service (nooit een technische foutmelding)."""
    if isinstance(fout, Validatiefout):
        een = len(fout.fouten) == 1
        return melding("danger", f"Niet opgeslagen: {len(fout.fouten)} "
                       f"{'veld klopt' if een else 'velden kloppen'} niet. "
                       f"Verbeter {'het' if een else 'ze'} en probeer het opnieuw.", list(fout.fouten.values()))
    if isinstance(fout, GeenToegang):
        return melding("danger", "Niet opgeslagen: u heeft hier geen rechten voor.", [str(fout)])
    if isinstance(fout, Invoerfout):
        return melding("danger", "Niet opgeslagen.", [str(fout)])
    raise fout


def conflict_melding(fout: Conflictfout, id_: str, href: str | None = None, *, nieuwste: str = "stand") -> dbc.Alert:
    """De melding bij een versieconflict: wie intussen opsloeg en wat er veranderde (uit het dossier), met een
    link die de nieuwste ``stand``/``versie`` laadt (zonder ``href``: geen link)."""
    blok = melding("warning", str(fout), beschrijf_wijzigingen(fout.wijzigingen) or ["(geen details beschikbaar)"],
                   id_=id_)
    if href is not None:
        blok.children.append(html.P(dcc.Link(f"Laad de nieuwste {nieuwste} (uw invoer gaat dan verloren)", href=href,
                                             refresh=True), className="mb-0 mt-2"))
    return blok


@dataclass(frozen=True)
class Uitkomst(Generic[T]):
    """Wat ``voer_uit`` teruggeeft. Gelukt: ``resultaat`` is wat de service teruggaf, ``melding`` is None en
    geen veld is ongeldig. Mislukt: ``fout`` is de fout, ``melding`` de melding voor de gebruiker en
    ``invalid``/``teksten`` zeggen per veld (in de volgorde van de ids) wat er niet klopt."""

    resultaat: T | None
    fout: GeenToegang | Invoerfout | None
    melding: Any
    invalid: list[bool]
    teksten: list[str]

    @property
    def gelukt(self) -> bool:
        return self.fout is None

    @property
    def conflict(self) -> bool:
        """Iemand anders sloeg intussen op (versieconflict)."""
        return isinstance(self.fout, Conflictfout)

    @property
    def velden(self) -> tuple[list[bool], list[str]]:
        """``invalid`` en ``teksten`` samen, om in de uitvoer van een callback uit te pakken."""
        return self.invalid, self.teksten


def voer_uit(service_aanroep: Callable[[Session], T], ids: Sequence[Any] | None, *,
             conflict: Callable[[Conflictfout], Any] | None = None,
             foutmelding: Callable[[Exception], Any] = melding_voor_fout,
             fout_ids: Sequence[Any] | None = None,
             sessies: Callable[[], Session] | None = None) -> Uitkomst[T]:
    """Een schrijfactie van een formulier: ``service_aanroep(sessie)`` in één transactie
    (``with sessiefabriek()() as sessie, sessie.begin()``), en de fouten van de datalaag als uitvoer.

    - ``Validatiefout``: ``foutmelding(fout)`` en per veld van ``ids`` of het ongeldig is en de foutmelding
      (de meldingen per veld van ``fout_ids`` als de foutmeldingen andere ids hebben dan de velden);
    - ``Conflictfout``: ``conflict(fout)`` als die er is, anders ``foutmelding(fout)``; velden zonder fout;
    - ``GeenToegang`` of een andere ``Invoerfout``: ``foutmelding(fout)``; velden zonder fout.

    Een fout in de service betekent dat er niets is geschreven (de transactie wordt teruggedraaid). Andere
    fouten gaan gewoon door. ``sessies``: een sessiefabriek (standaard die van de app)."""
    if sessies is None:
        sessies = sessiefabriek()
    fout_ids = ids if fout_ids is None else fout_ids
    try:
        with sessies() as sessie, sessie.begin():
            resultaat = service_aanroep(sessie)
    except Validatiefout as fout:
        invalid = fouten_per_veld(ids, fout.fouten)[0]
        teksten = fouten_per_veld(fout_ids, fout.fouten)[1]
        return Uitkomst(None, fout, foutmelding(fout), invalid, teksten)
    except Conflictfout as fout:
        blok = conflict(fout) if conflict is not None else foutmelding(fout)
        return Uitkomst(None, fout, blok, geen_fouten(ids)[0], geen_fouten(fout_ids)[1])
    except (GeenToegang, Invoerfout) as fout:
        return Uitkomst(None, fout, foutmelding(fout), geen_fouten(ids)[0], geen_fouten(fout_ids)[1])
    return Uitkomst(resultaat, None, None, geen_fouten(ids)[0], geen_fouten(fout_ids)[1])


def korte_foutmelding(fout: Exception | None) -> str:
    """De korte uitkomst naast de knoppen van een lang formulier als opslaan mislukte."""
    if isinstance(fout, Conflictfout):
        return "Niet opgeslagen: iemand anders sloeg intussen op."
    if isinstance(fout, Validatiefout):
        aantal = len(fout.fouten)
        return f"Niet opgeslagen: {aantal} {'veld klopt' if aantal == 1 else 'velden kloppen'} niet."
    return "Niet opgeslagen."


def leeslink(prefix: str, wijk: str | None) -> dcc.Link:
    """Voor wie alleen leest: naar de wijkpagina van de gevraagde wijk (daar staan de gegevens), anders naar het
    overzicht. Id ``<prefix>-leeslink``."""
    kop = None
    if wijk:
        with lees_sessie() as sessie:
            kop = wijk_kop(sessie, wijk)
    if kop is None:
        return dcc.Link("Naar het overzicht van de wijken", href="/", id=f"{prefix}-leeslink")
    return dcc.Link(f"Naar de wijkpagina {kop.naam}", href=f"/wijk/{kop.slug}", id=f"{prefix}-leeslink")
