"""Vullen van de database: referentiegegevens uit de notitie en deterministische demonstratiegegevens.

- :mod:`seed.referentie`: ambities (§3.1), oplossingsrichtingen (bijlage 6), werkwijzen, de begroting
  van De Riet (bijlage 4), afhandelnormen en de standaardindicatoren, met ``laad_referentie(sessie)``.
- :mod:`seed.demo`: ``genereer_demo(sessie, schaal, seed, vandaag)``; de verhalen die de demo vertelt
  staan in de docstring van die module.
"""

from seed.demo import DemoFout, genereer_demo
from seed.referentie import laad_referentie

__all__ = ["DemoFout", "genereer_demo", "laad_referentie"]
