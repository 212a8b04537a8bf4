"""Rijen van de matrix rol × schrijfactie voor ``/invoer/openbaar`` (pagina/invoer_openbaar.py).

Eén callback (``_opslaan``) met twee knoppen: de openbare wijkpagina's en de open-data-API. Elke rij zet
het onderdeel op "aan" (de stand die het al heeft): zo blijft de openbare kant voor de rest van de
testrun aan, en schrijft een toegestane rol toch precies één instelling plus één ``Mutatie``. Alleen de
beheerder mag dit.
"""

from __future__ import annotations

from sqlalchemy import select

from tests.schrijfmatrix.basis import Actorgeval, Omgeving, Schrijfactie


def _voorbereiden(onderdeel: str):
    def voorbereiden(omgeving: Omgeving, actor: Actorgeval, variant: str) -> tuple[dict, dict]:
        from datalaag.models import Instelling

        with omgeving.fabriek() as sessie:
            versies = {o: sessie.scalar(select(Instelling.versie).where(Instelling.sleutel == f"openbaar.{o}"))
                       for o in ("paginas", "api")}
            stand = sessie.scalar(select(Instelling.waarde).where(Instelling.sleutel == f"openbaar.{onderdeel}"))
        assert stand in (None, "aan"), f"de openbare kant ({onderdeel}) staat onverwacht uit"
        waarden = {
            "openbaar-veld.value": {"paginas": "aan", "api": "aan"},
            "openbaar-basis.data": versies,
        }
        return waarden, {"wijk_id": None, "onderdeel": onderdeel, "versie": versies[onderdeel]}

    return voorbereiden


def _opgeslagen(omgeving: Omgeving, plek: dict) -> str:
    from datalaag.models import Instelling

    with omgeving.fabriek() as sessie:
        rij = sessie.get(Instelling, f"openbaar.{plek['onderdeel']}")
        assert rij is not None, "de instelling is niet opgeslagen"
        assert rij.waarde == "aan"
        assert rij.versie == (1 if plek["versie"] is None else plek["versie"] + 1), "geen nieuwe versie"
    return "instelling"


SCHRIJFACTIES = tuple(
    Schrijfactie(f"openbaar-{onderdeel}-opslaan", "pagina.invoer_openbaar", "_opslaan",
                 f"openbaar-{onderdeel}-opslaan.n_clicks", ("bestaand",), frozenset({"beheerder"}),
                 _voorbereiden(onderdeel), _opgeslagen)
    for onderdeel in ("paginas", "api")
)
TABELLEN = ("instelling",)
