"""Wie mag wat (datalaag.autorisatie): de volledige tabel rol × recht, de Nederlandse meldingen,
de actor van een gebruiker en de wijken in de keuzelijsten."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from datalaag.autorisatie import (
    ALLE_RECHTEN,
    BEHEERRECHTEN,
    RECHT_OMSCHRIJVING,
    TOEZEGGINGRECHTEN,
    WIJKRECHTEN,
    Actor,
    GeenToegang,
    WijkKeuze,
    actor_voor_gebruiker,
    eis,
    mag,
    schrijfbare_wijken,
)
from datalaag.models import Gebruiker, Stadsdeel, Werkwijze, Wijk

EIGEN_WIJK, ANDERE_WIJK = 11, 22
WETHOUDER = "J. de Wethouder"
ACTOREN: dict[str, Actor | None] = {
    "raadslid": Actor(1, "Rita Raad", "raadslid"),
    "wethouder": Actor(2, WETHOUDER, "wethouder", portefeuillehouder=WETHOUDER),
    "griffie": Actor(3, "Gerrit Griffie", "griffie"),
    "coordinator": Actor(4, "Marieke ter Horst", "coordinator", wijk_ids=frozenset({EIGEN_WIJK})),
    "beheerder": Actor(5, "Bea Beheer", "beheerder"),
    "niet aangemeld": None,
}


def test_de_rechten_zijn_volledig_omschreven():
    assert WIJKRECHTEN | BEHEERRECHTEN | TOEZEGGINGRECHTEN == ALLE_RECHTEN
    assert not (WIJKRECHTEN & BEHEERRECHTEN or WIJKRECHTEN & TOEZEGGINGRECHTEN or BEHEERRECHTEN & TOEZEGGINGRECHTEN)
    assert set(RECHT_OMSCHRIJVING) == ALLE_RECHTEN


def _verwacht(rol: str, recht: str, wijk_id: int | None, portefeuille: str | None) -> bool:
    """De tabel uit shared/DESIGN.md, los van de implementatie opgeschreven."""
    if rol == "beheerder":
        return True
    if rol == "coordinator":
        return recht in WIJKRECHTEN and wijk_id == EIGEN_WIJK
    if rol == "griffie":
        return recht in ("toezegging_registreren", "toezegging_afdoen")
    if rol == "wethouder":
        return recht == "toezegging_voorstellen" and portefeuille == WETHOUDER
    return False  # raadslid en niet aangemeld: alleen lezen


@pytest.mark.parametrize("recht", sorted(ALLE_RECHTEN))
@pytest.mark.parametrize("rol", list(ACTOREN))
def test_tabel_rol_maal_recht(rol, recht):
    actor = ACTOREN[rol]
    for wijk_id in (EIGEN_WIJK, ANDERE_WIJK, None):
        for portefeuille in (WETHOUDER, "Een Ander", None):
            verwacht = _verwacht(rol, recht, wijk_id, portefeuille)
            assert mag(actor, recht, wijk_id, portefeuille) is verwacht, (rol, recht, wijk_id, portefeuille)
            if verwacht:
                eis(actor, recht, wijk_id=wijk_id, portefeuillehouder=portefeuille)
            else:
                with pytest.raises(GeenToegang):
                    eis(actor, recht, wijk_id=wijk_id, portefeuillehouder=portefeuille)


def test_alleen_een_echt_geheel_getal_is_een_wijk():
    coordinator = Actor(4, "C", "coordinator", wijk_ids=frozenset({1}))
    assert mag(coordinator, "meting_schrijven", 1)
    assert not mag(coordinator, "meting_schrijven", True)  # True == 1 in Python, maar is geen wijk
    assert not mag(coordinator, "meting_schrijven", "1")


@pytest.mark.parametrize(
    ("rol", "recht", "kwargs", "melding"),
    [
        ("niet aangemeld", "evaluatie_schrijven", {"wijk_id": EIGEN_WIJK},
         "U bent niet aangemeld. Meld u aan om evaluaties invullen."),
        ("raadslid", "evaluatie_schrijven", {"wijk_id": EIGEN_WIJK},
         "Met de rol raadslid mag u niet evaluaties invullen."),
        ("griffie", "uitgave_schrijven", {"wijk_id": EIGEN_WIJK}, "Met de rol griffie mag u niet uitgaven boeken."),
        ("wethouder", "gebruikers_beheren", {}, "Met de rol wethouder mag u niet gebruikers beheren."),
        ("coordinator", "evaluatie_vaststellen", {},
         "Met de rol coördinator mag u niet het besluit van de raad over een evaluatie vastleggen."),
        ("coordinator", "toezegging_registreren", {"portefeuillehouder": WETHOUDER},
         "Met de rol coördinator mag u niet toezeggingen registreren."),
        ("griffie", "toezegging_voorstellen", {"portefeuillehouder": WETHOUDER},
         "Een afdoening stelt de portefeuillehouder voor, niet de griffie. De griffie beoordeelt het voorstel en "
         "verklaart de toezegging afgedaan."),
        ("wethouder", "toezegging_afdoen", {"portefeuillehouder": WETHOUDER},
         "Met de rol wethouder mag u niet een toezegging afgedaan of vervallen verklaren: dat doet de griffie. U kunt "
         "wel een afdoening voorstellen voor toezeggingen van uw eigen portefeuille."),
        ("coordinator", "evaluatie_schrijven", {"wijk_id": ANDERE_WIJK, "wijk_naam": "De Riet"},
         "U mag evaluaties invullen alleen voor de wijken die aan u zijn toegewezen, niet voor wijk De Riet. "
         "Vraag de beheerder om u de wijk toe te wijzen als dat nodig is."),
        ("coordinator", "melding_schrijven", {"wijk_id": None},
         "U mag meldingen registreren alleen voor de wijken die aan u zijn toegewezen, niet voor deze wijk. "
         "Vraag de beheerder om u de wijk toe te wijzen als dat nodig is."),
        ("wethouder", "toezegging_voorstellen", {"portefeuillehouder": "P. Ander"},
         "U mag alleen voor toezeggingen van uw eigen portefeuille een afdoening voorstellen, niet voor die van "
         "portefeuillehouder P. Ander. Vraag die portefeuillehouder of de griffie."),
    ],
)
def test_meldingen_zijn_nederlands_en_zeggen_wat_te_doen(rol, recht, kwargs, melding):
    with pytest.raises(GeenToegang) as fout:
        eis(ACTOREN[rol], recht, **kwargs)
    assert str(fout.value) == melding
    assert isinstance(fout.value, PermissionError)


def test_onbekend_recht_is_een_programmeerfout():
    with pytest.raises(ValueError, match="onbekend recht"):
        mag(ACTOREN["beheerder"], "alles_mogen")
    with pytest.raises(ValueError, match="geen wijkrecht"):
        schrijfbare_wijken(None, ACTOREN["beheerder"], "gebruikers_beheren")  # type: ignore[arg-type]


def test_opdrachtregel_is_beheerder():
    actor = Actor.opdrachtregel()
    assert actor.rol == "beheerder" and actor.gebruiker_id is None and actor.rol_naam == "beheerder"
    assert all(mag(actor, recht, EIGEN_WIJK) for recht in ALLE_RECHTEN)


# --------------------------------------------------------------------------- met de database


def _wijken_en_gebruikers(sessie: Session) -> tuple[dict[str, Wijk], dict[str, Gebruiker]]:
    sessie.add(Werkwijze(code="WOP", naam="WOP", omschrijving="-", looptijd="-", afbakening="-"))
    stadsdeel = Stadsdeel(naam="Noord", stadsdeelcoordinator="C", stadsdeelwethouder="W")
    wijken = {slug: Wijk(naam=naam, slug=slug, stadsdeel=stadsdeel, werkwijze="WOP")
              for slug, naam in [("windmolenbroek", "Windmolenbroek"), ("de-riet", "De Riet"),
                                 ("kerkelanden", "Kerkelanden")]}

    def gebruiker(rol: str, naam: str, **extra) -> Gebruiker:
        return Gebruiker(naam=naam, email=f"{naam.split()[0].lower()}@almelo.nl", wachtwoord_hash="!", rol=rol,
                         is_demo=False, actief=extra.pop("actief", True), **extra)

    gebruikers = {
        "coordinator": gebruiker("coordinator", "Marieke ter Horst"),
        "zonder_wijken": gebruiker("coordinator", "Kees Zonderwijk"),
        "wethouder": gebruiker("wethouder", "Wim Wethouder", portefeuillehouder="W. Wethouder"),
        "raadslid": gebruiker("raadslid", "Rita Raad"),
        "beheerder": gebruiker("beheerder", "Bea Beheer"),
        "uit": gebruiker("beheerder", "Uta Uitgeschakeld", actief=False),
    }
    gebruikers["coordinator"].wijken.extend([wijken["windmolenbroek"], wijken["de-riet"]])
    sessie.add_all([stadsdeel, *wijken.values(), *gebruikers.values()])
    sessie.flush()
    return wijken, gebruikers


def test_actor_voor_gebruiker(sessie):
    wijken, g = _wijken_en_gebruikers(sessie)
    actor = actor_voor_gebruiker(sessie, g["coordinator"].id)
    assert actor == Actor(g["coordinator"].id, "Marieke ter Horst", "coordinator",
                          frozenset({wijken["windmolenbroek"].id, wijken["de-riet"].id}), None)
    assert actor_voor_gebruiker(sessie, g["wethouder"].id).portefeuillehouder == "W. Wethouder"
    assert actor_voor_gebruiker(sessie, g["uit"].id) is None          # uitgeschakeld
    assert actor_voor_gebruiker(sessie, g["uit"].id + 1000) is None   # bestaat niet
    # Een uitgeschakelde beheerder is niemand meer: hij mag niets.
    assert not mag(actor_voor_gebruiker(sessie, g["uit"].id), "gebruikers_beheren")


def test_schrijfbare_wijken(sessie):
    wijken, g = _wijken_en_gebruikers(sessie)

    def keuzes(sleutel: str | None, recht: str = "evaluatie_schrijven") -> list[WijkKeuze]:
        actor = None if sleutel is None else actor_voor_gebruiker(sessie, g[sleutel].id)
        return schrijfbare_wijken(sessie, actor, recht)

    def keuze(slug: str) -> WijkKeuze:
        return WijkKeuze(wijken[slug].id, slug, wijken[slug].naam)

    assert keuzes("coordinator") == [keuze("de-riet"), keuze("windmolenbroek")]  # op naam
    assert keuzes("coordinator", "melding_schrijven") == [keuze("de-riet"), keuze("windmolenbroek")]
    assert keuzes("beheerder") == [keuze("de-riet"), keuze("kerkelanden"), keuze("windmolenbroek")]
    assert keuzes("zonder_wijken") == []
    assert keuzes("wethouder") == [] and keuzes("raadslid") == [] and keuzes(None) == []
