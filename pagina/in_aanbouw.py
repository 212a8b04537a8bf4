"""Routes uit shared/DESIGN.md waarvan de pagina nog gebouwd moet worden.

Links worden in debatten gedeeld, dus elke route bestaat al en zegt eerlijk dat de pagina
nog volgt. Een route verdwijnt uit deze lijst zodra haar eigen module er is.
"""

from __future__ import annotations

import importlib.util

import dash

from pagina.componenten.in_aanbouw import maak_in_aanbouw

# (modulenaam, pad of sjabloon, titel, wat er komt)
NOG_TE_BOUWEN: list[tuple[str, str, str, str]] = [
    ("rapport", "/rapport/<slug>", "Voortgangsrapportage",
     "de schriftelijke voortgangsrapportage per wijk en voor de stad, geschikt om af te drukken."),
    ("presentatie", "/presentatie", "Presentatie",
     "een presentatiemodus voor de beamer tijdens het raadsdebat."),
]


def _maak_layout(titel: str, wat_komt: str):
    def layout(**_kwargs):
        return maak_in_aanbouw(titel, wat_komt)

    return layout


for _module, _pad, _titel, _wat in NOG_TE_BOUWEN:
    if importlib.util.find_spec(f"pagina.{_module}") is not None:
        continue  # de echte pagina bestaat: die registreert de route zelf
    _sleutel = "path_template" if "<" in _pad else "path"
    dash.register_page(
        f"pagina.in_aanbouw.{_module}",
        name=_titel,
        title=f"{_titel} · Wijkaanpak Almelo",
        layout=_maak_layout(_titel, _wat),
        **{_sleutel: _pad},
    )
