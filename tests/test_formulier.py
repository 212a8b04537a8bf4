"""De gedeelde bouwstenen van de invoerformulieren (pagina/componenten/formulier.py en querystring.py).

``voer_uit`` draait de schrijfactie van elk formulier: op SQLite én PostgreSQL (fixture ``engine``) wordt
gecontroleerd dat een geslaagde actie is vastgelegd, dat er bij elke fout niets is geschreven, en welke
melding en welke foutmeldingen per veld de callback terugkrijgt. De overige tests bewaken dat vervalste
veld-ids (geen dict, geen of een vreemde veldnaam) en vervalste ids in URL of Store geen fout geven.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pytest
from dash import ALL, dcc
from sqlalchemy import func, select

from datalaag.autorisatie import GeenToegang
from datalaag.db import maak_sessiefabriek
from datalaag.models import Stadsdeel
from datalaag.mutaties import Conflictfout, Wijziging
from datalaag.validatie import Invoerfout, Validatiefout
from pagina.componenten.formulier import (
    Uitkomst,
    conflict_melding,
    dom_id,
    fout_id,
    fouten_per_veld,
    geen_fouten,
    geen_rechten,
    gekozen_wijk,
    ingevulde_velden,
    korte_foutmelding,
    maak_keuzeveld,
    melding,
    melding_voor_fout,
    veilige_ids,
    veld_id,
    velden_invoer,
    velden_uitvoer,
    voer_uit,
)
from pagina.componenten.querystring import MAX_ID, id_uit

P = "test"  # prefix van de veld-ids in deze tests


def _ids(*sleutels: str) -> list[dict[str, str]]:
    return [veld_id(P, s) for s in sleutels]


def _json(component) -> dict:
    """Een Dash-component zoals de browser hem krijgt (geserialiseerd), om op tekst en opbouw te vergelijken."""
    return json.loads(json.dumps(component.to_plotly_json(), default=lambda c: c.to_plotly_json()))


def _teksten(component) -> list[str]:
    """Alle tekst in een component, in volgorde."""
    uit: list[str] = []

    def loop(knoop):
        if isinstance(knoop, str):
            uit.append(knoop)
        elif isinstance(knoop, list):
            for k in knoop:
                loop(k)
        elif isinstance(knoop, dict):
            loop(knoop.get("props", {}).get("children"))

    loop(_json(component))
    return uit


def _links(component) -> list[dict]:
    """De props van alle ``dcc.Link``'s in een component."""
    uit: list[dict] = []

    def loop(knoop):
        if isinstance(knoop, list):
            for k in knoop:
                loop(k)
        elif isinstance(knoop, dict):
            if knoop.get("type") == "Link":
                uit.append(knoop["props"])
            loop(knoop.get("props", {}).get("children"))

    loop(_json(component))
    return uit


# --------------------------------------------------------------------------- veilige_ids
def test_veilige_ids_laat_echte_ids_staan():
    ids = _ids("naam", "datum")
    assert veilige_ids(ids) == ids


@pytest.mark.parametrize("vervalst", ["vervalst", {"type": "test-veld"}, {"veld": None}, {"veld": ["a"]},
                                      {"veld": 3}, None, 7, ["veld"]])
def test_veilige_ids_maakt_een_vervalst_id_een_veld_zonder_naam_op_dezelfde_plaats(vervalst):
    ids = [veld_id(P, "naam"), vervalst, veld_id(P, "datum")]
    assert veilige_ids(ids) == [veld_id(P, "naam"), {"veld": ""}, veld_id(P, "datum")]


@pytest.mark.parametrize("geen_lijst", [None, "abc", {"veld": "naam"}, 5, ("a",)])
def test_veilige_ids_zonder_lijst_geeft_geen_velden(geen_lijst):
    assert veilige_ids(geen_lijst) == []


# --------------------------------------------------------------------------- velden_invoer / velden_uitvoer
def test_velden_invoer_en_uitvoer_volgen_de_ids_van_maak_veld():
    """De States en Outputs van een schrijvende callback horen bij de ids die ``maak_veld`` en ``fout_id`` geven."""
    waarde, ids = velden_invoer("uitgaven")
    assert (waarde.component_id, waarde.component_property) == ({"type": "uitgaven-veld", "veld": ALL}, "value")
    assert (ids.component_id, ids.component_property) == ({"type": "uitgaven-veld", "veld": ALL}, "id")
    invalid, teksten = velden_uitvoer("uitgaven")
    assert (invalid.component_id, invalid.component_property) == ({"type": "uitgaven-veld", "veld": ALL}, "invalid")
    assert (teksten.component_id, teksten.component_property) == ({"type": "uitgaven-fout", "veld": ALL}, "children")
    assert veld_id("uitgaven", "x")["type"] == ids.component_id["type"]
    assert fout_id("uitgaven", "x")["type"] == teksten.component_id["type"]


# --------------------------------------------------------------------------- ingevulde_velden
def test_ingevulde_velden_koppelt_sleutel_aan_waarde():
    assert ingevulde_velden(_ids("naam", "datum"), ["Jan", "01-02-2026"]) == {"naam": "Jan", "datum": "01-02-2026"}


def test_ingevulde_velden_slaat_vervalste_ids_over():
    ids = [veld_id(P, "naam"), "vervalst", {"type": "x"}, {"veld": ["lijst"]}, {"veld": 4}, veld_id(P, "datum")]
    assert ingevulde_velden(ids, ["Jan", "a", "b", "c", "d", "01-02-2026"]) == {"naam": "Jan", "datum": "01-02-2026"}


def test_ingevulde_velden_zonder_invoer_of_met_ongelijke_lengtes():
    assert ingevulde_velden(None, None) == {}
    assert ingevulde_velden(_ids("naam"), None) == {}
    assert ingevulde_velden(None, ["Jan"]) == {}
    # Meer waarden dan ids (of andersom): alleen de paren tellen.
    assert ingevulde_velden(_ids("naam"), ["Jan", "extra"]) == {"naam": "Jan"}
    assert ingevulde_velden(_ids("naam", "datum"), ["Jan"]) == {"naam": "Jan"}


# --------------------------------------------------------------------------- fouten_per_veld / geen_fouten
def test_fouten_per_veld_in_de_volgorde_van_de_ids():
    invalid, teksten = fouten_per_veld(_ids("naam", "datum", "bedrag"),
                                       {"bedrag": "Vul een bedrag in.", "naam": "Vul een naam in."})
    assert invalid == [True, False, True]
    assert teksten == ["Vul een naam in.", "", "Vul een bedrag in."]


def test_fouten_per_veld_een_id_zonder_veldnaam_krijgt_geen_fout():
    # {"veld": ["lijst"]} is niet hashbaar: voorheen een TypeError bij ``in``; een dict zonder "veld" een KeyError.
    ids = [{"type": "x"}, "vervalst", {"veld": ["lijst"]}, {"veld": ""}, veld_id(P, "naam")]
    invalid, teksten = fouten_per_veld(ids, {"naam": "Vul een naam in."})
    assert invalid == [False, False, False, False, True]
    assert teksten == ["", "", "", "", "Vul een naam in."]


def test_fouten_per_veld_zonder_ids():
    assert fouten_per_veld(None, {"naam": "x"}) == ([], [])
    assert fouten_per_veld([], {"naam": "x"}) == ([], [])


def test_geen_fouten_per_veld():
    assert geen_fouten(_ids("a", "b")) == ([False, False], ["", ""])
    assert geen_fouten(None) == ([], [])


# --------------------------------------------------------------------------- id_uit
@pytest.mark.parametrize(("waarde", "verwacht"), [
    ("12", 12), (12, 12), ("1", 1), (MAX_ID, MAX_ID), (str(MAX_ID), MAX_ID),
    ("0", None), (0, None), ("-3", None), (-3, None), (MAX_ID + 1, None), (2**70, None), (str(2**70), None),
    ("abc", None), ("", None), (None, None), ("3.0", None), (3.0, None), ("1e3", None), (True, None),
    ({"id": 3}, None), ([3], None),
])
def test_id_uit(waarde, verwacht):
    assert id_uit(waarde) == verwacht


def test_max_id_is_de_grootste_integer_van_de_database():
    assert MAX_ID == 2**31 - 1


# --------------------------------------------------------------------------- conflict_melding
def _conflict(wijzigingen: list[Wijziging] | None = None) -> Conflictfout:
    return Conflictfout("Deze uitgave is intussen opgeslagen door Piet.", wijzigingen or [], 3)


def test_conflict_melding_met_link_naar_de_nieuwste_versie():
    wijziging = Wijziging(dt.datetime(2026, 11, 27, 14, 3), "Piet", 3, {"Bedrag": "€ 10"}, {"Bedrag": "€ 12"})
    blok = conflict_melding(_conflict([wijziging]), "uitgaven-conflict", "/invoer/uitgaven?uitgave=4",
                            nieuwste="versie")
    props = _json(blok)["props"]
    assert props["id"] == "uitgaven-conflict" and props["color"] == "warning"
    assert _teksten(blok) == ["Deze uitgave is intussen opgeslagen door Piet.",
                              "27-11-2026 14:03 — Piet: Bedrag: € 10 → € 12",
                              "Laad de nieuwste versie (uw invoer gaat dan verloren)"]
    assert [(link["href"], link["refresh"]) for link in _links(blok)] == [("/invoer/uitgaven?uitgave=4", True)]


def test_conflict_melding_zonder_wijzigingen_en_zonder_link():
    blok = conflict_melding(_conflict(), "x-conflict")
    assert _teksten(blok) == ["Deze uitgave is intussen opgeslagen door Piet.", "(geen details beschikbaar)"]
    assert _links(blok) == []


def test_conflict_melding_standaard_de_nieuwste_stand():
    assert "Laad de nieuwste stand (uw invoer gaat dan verloren)" in _teksten(conflict_melding(_conflict(), "x", "/"))


# --------------------------------------------------------------------------- korte_foutmelding
def test_korte_foutmelding_per_soort_fout():
    assert korte_foutmelding(_conflict()) == "Niet opgeslagen: iemand anders sloeg intussen op."
    assert korte_foutmelding(Validatiefout({"a": "x"})) == "Niet opgeslagen: 1 veld klopt niet."
    assert korte_foutmelding(Validatiefout({"a": "x", "b": "y"})) == "Niet opgeslagen: 2 velden kloppen niet."
    assert korte_foutmelding(GeenToegang("Nee.")) == "Niet opgeslagen."
    assert korte_foutmelding(Invoerfout("Nee.")) == "Niet opgeslagen."


# --------------------------------------------------------------------------- maak_keuzeveld
def _select(component) -> dict:
    label = _json(component)["props"]["children"][0]
    return next(c for c in label["props"]["children"] if isinstance(c, dict) and c["type"] == "Select")


def test_keuzeveld_heeft_de_ids_van_een_veld_en_opties_uit_een_dict():
    veld = maak_keuzeveld(P, "rol_lid", "Rol", {"lid": "Lid", "voorzitter": "Voorzitter"}, "lid")
    blok = _json(veld)
    label, fout = blok["props"]["children"]
    assert label["type"] == "Label" and label["props"]["id"] == dom_id(P, "rol_lid") == "test-rol-lid"
    assert fout["props"]["id"] == fout_id(P, "rol_lid")
    select = _select(veld)
    assert select["props"]["id"] == veld_id(P, "rol_lid") and select["props"]["value"] == "lid"
    assert select["props"]["options"] == [{"label": "Lid", "value": "lid"},
                                          {"label": "Voorzitter", "value": "voorzitter"}]
    assert "placeholder" not in select["props"]
    assert _teksten(veld) == ["Rol"]  # geen hulptekst


def test_keuzeveld_met_opties_als_lijst_hulptekst_en_placeholder():
    opties = [{"label": "— geen —", "value": "geen"}, {"label": "Post A", "value": "3"}]
    veld = maak_keuzeveld(P, "post", "Budgetpost", opties, "", hulptekst="Oormerken van dit jaar",
                          placeholder="Kies een post")
    select = _select(veld)
    assert select["props"]["options"] == opties
    assert select["props"]["placeholder"] == "Kies een post" and select["props"]["value"] == ""
    assert _teksten(veld) == ["Budgetpost", "Oormerken van dit jaar"]


# --------------------------------------------------------------------------- geen_rechten / gekozen_wijk
def test_geen_rechten_titel_uitleg_en_link_zonder_invoer():
    blok = geen_rechten("Metingen invoeren", "metingen-geen-rechten", "Met de rol raadslid kunt u lezen.",
                        dcc.Link("Naar de indicatoren", href="/indicatoren"))
    assert _teksten(blok) == ["Metingen invoeren", "U kunt hier niets invoeren. ", "Met de rol raadslid kunt u lezen.",
                              "Naar de indicatoren"]
    melding_ = _json(blok)["props"]["children"][1]
    assert melding_["props"]["id"] == "metingen-geen-rechten" and melding_["props"]["color"] == "info"
    assert [link["href"] for link in _links(blok)] == ["/indicatoren"]
    assert "Input" not in json.dumps(_json(blok)) and "Button" not in json.dumps(_json(blok))
    anders = geen_rechten("Importeren", "x", "uitleg", dcc.Link("terug", href="/"),
                          kop="U kunt hier niets importeren. ")
    assert _teksten(anders)[1] == "U kunt hier niets importeren. "


@dataclass
class _Wijk:
    slug: str
    naam: str


WIJKEN = [_Wijk("de-riet", "De Riet"), _Wijk("kerkelanden", "Kerkelanden")]


@pytest.mark.parametrize("gevraagd", [None, "", "de-riet"])
def test_gekozen_wijk_zonder_of_met_een_eigen_wijk_geen_waarschuwing(gevraagd):
    gekozen, waarschuwing = gekozen_wijk(WIJKEN, gevraagd, "x-wijk-onbekend")
    assert gekozen is WIJKEN[0] and waarschuwing is None
    assert gekozen_wijk(WIJKEN, "kerkelanden", "x")[0] is WIJKEN[1]


def test_gekozen_wijk_niet_in_de_lijst_geeft_de_eerste_en_een_waarschuwing():
    gekozen, waarschuwing = gekozen_wijk(WIJKEN, "binnenstad", "uitgaven-wijk-onbekend")
    assert gekozen is WIJKEN[0]
    assert _json(waarschuwing)["props"]["id"] == "uitgaven-wijk-onbekend"
    assert _teksten(waarschuwing) == ["Wijk \u201cbinnenstad\u201d staat niet in uw lijst; u ziet De Riet."]


# --------------------------------------------------------------------------- voer_uit (SQLite en PostgreSQL)
def _stadsdelen(fabriek) -> list[str]:
    with fabriek() as sessie:
        return list(sessie.scalars(select(Stadsdeel.naam).order_by(Stadsdeel.naam)))


def _schrijf_en(fout: Exception | None = None, naam: str = "Noord"):
    """Een service die een stadsdeel schrijft en daarna (als ``fout`` er is) die fout geeft."""
    def service(sessie):
        sessie.add(Stadsdeel(naam=naam, stadsdeelcoordinator="C", stadsdeelwethouder="W"))
        sessie.flush()
        if fout is not None:
            raise fout
        return sessie.scalar(select(func.count()).select_from(Stadsdeel))
    return service


def test_voer_uit_gelukt_legt_vast_en_geeft_het_resultaat(engine):
    fabriek = maak_sessiefabriek(engine)
    ids = _ids("naam", "datum")
    uit = voer_uit(_schrijf_en(), ids, sessies=fabriek)
    assert isinstance(uit, Uitkomst)
    assert uit.gelukt and not uit.conflict
    assert uit.resultaat == 1 and uit.fout is None and uit.melding is None
    assert uit.velden == ([False, False], ["", ""])
    assert _stadsdelen(fabriek) == ["Noord"]


def test_voer_uit_validatiefout_niets_geschreven_en_fouten_per_veld(engine):
    fabriek = maak_sessiefabriek(engine)
    ids = [veld_id(P, "naam"), {"veld": ""}, veld_id(P, "datum")]
    fout = Validatiefout({"datum": "Datum: gebruik dd-mm-jjjj.", "onbekend": "Iets zonder veld."})
    uit = voer_uit(_schrijf_en(fout), ids, sessies=fabriek)
    assert not uit.gelukt and not uit.conflict and uit.fout is fout and uit.resultaat is None
    assert uit.invalid == [False, False, True]
    assert uit.teksten == ["", "", "Datum: gebruik dd-mm-jjjj."]
    assert _json(uit.melding) == _json(melding_voor_fout(fout))
    assert "Niet opgeslagen: 2 velden kloppen niet." in _teksten(uit.melding)[0]
    assert _stadsdelen(fabriek) == []


def test_voer_uit_conflict_met_eigen_melding_velden_zonder_fout(engine):
    fabriek = maak_sessiefabriek(engine)
    fout = _conflict()
    gezien = []

    def eigen(f):
        gezien.append(f)
        return melding("warning", "eigen conflictmelding", id_="x-conflict")

    uit = voer_uit(_schrijf_en(fout), _ids("a", "b"), conflict=eigen, sessies=fabriek)
    assert not uit.gelukt and uit.conflict and gezien == [fout]
    assert _teksten(uit.melding) == ["eigen conflictmelding"]
    assert uit.velden == ([False, False], ["", ""])
    assert _stadsdelen(fabriek) == []


def test_voer_uit_conflict_zonder_eigen_melding_is_een_gewone_invoerfout(engine):
    """Zoals voorheen in callbacks zonder ``except Conflictfout``: de melding van ``melding_voor_fout``."""
    fabriek = maak_sessiefabriek(engine)
    uit = voer_uit(_schrijf_en(_conflict()), _ids("a"), sessies=fabriek)
    assert uit.conflict
    assert _teksten(uit.melding) == ["Niet opgeslagen.", "Deze uitgave is intussen opgeslagen door Piet."]
    assert _stadsdelen(fabriek) == []


@pytest.mark.parametrize(("fout", "titel"), [
    (GeenToegang("Alleen de griffie mag dit."), "Niet opgeslagen: u heeft hier geen rechten voor."),
    (Invoerfout("Deze maatregel bestaat niet (meer)."), "Niet opgeslagen."),
])
def test_voer_uit_geen_toegang_of_invoerfout(engine, fout, titel):
    fabriek = maak_sessiefabriek(engine)
    uit = voer_uit(_schrijf_en(fout), _ids("a", "b"), sessies=fabriek)
    assert not uit.gelukt and not uit.conflict and uit.fout is fout
    assert _teksten(uit.melding) == [titel, str(fout)]
    assert _json(uit.melding)["props"]["color"] == "danger"
    assert uit.velden == ([False, False], ["", ""])
    assert _stadsdelen(fabriek) == []


def test_voer_uit_eigen_foutmelding(engine):
    fabriek = maak_sessiefabriek(engine)
    fouten: list[Exception] = []

    def eigen(f):
        fouten.append(f)
        return "eigen melding"

    weigering, ongeldig = GeenToegang("Nee."), Validatiefout({"a": "Vul a in."})
    assert voer_uit(_schrijf_en(weigering), _ids("a"), foutmelding=eigen, sessies=fabriek).melding == "eigen melding"
    uit = voer_uit(_schrijf_en(ongeldig, "Zuid"), _ids("a"), foutmelding=eigen, sessies=fabriek)
    assert uit.melding == "eigen melding" and uit.velden == ([True], ["Vul a in."])
    assert fouten == [weigering, ongeldig]
    assert _stadsdelen(fabriek) == []


def test_voer_uit_andere_fouten_gaan_door_en_niets_is_geschreven(engine):
    fabriek = maak_sessiefabriek(engine)
    with pytest.raises(ZeroDivisionError):
        voer_uit(_schrijf_en(ZeroDivisionError("kapot")), _ids("a"), sessies=fabriek)
    assert _stadsdelen(fabriek) == []


def test_voer_uit_foutmeldingen_met_eigen_ids(engine):
    """Als de foutmeldingen andere ids hebben dan de velden (de toets van de raad bij het wijkplan)."""
    fabriek = maak_sessiefabriek(engine)
    fout = Validatiefout({"datum": "Vul de datum in.", "kader_a": "Kies of kader A voldoet."})
    veld_ids, fout_ids = _ids("datum", "toelichting"), _ids("kader_a", "datum", "toelichting")
    uit = voer_uit(_schrijf_en(fout), veld_ids, fout_ids=fout_ids, sessies=fabriek)
    assert uit.invalid == [True, False]
    assert uit.teksten == ["Kies of kader A voldoet.", "Vul de datum in.", ""]
    gelukt = voer_uit(_schrijf_en(), veld_ids, fout_ids=fout_ids, sessies=fabriek)
    assert gelukt.velden == ([False, False], ["", "", ""])


def test_voer_uit_met_vervalste_ids(engine):
    fabriek = maak_sessiefabriek(engine)
    fout = Validatiefout({"a": "Vul a in."})
    for ids in (veilige_ids([veld_id(P, "a"), "vervalst", {"type": "test-veld"}]),
                [veld_id(P, "a"), "vervalst", {"type": "test-veld"}]):
        uit = voer_uit(_schrijf_en(fout), ids, sessies=fabriek)
        assert uit.velden == ([True, False, False], ["Vul a in.", "", ""])
    assert _stadsdelen(fabriek) == []
