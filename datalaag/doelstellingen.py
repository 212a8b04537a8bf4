"""De op-koersstatus van alle doelstellingen van de plannen die in een jaar lopen.

Eén plek voor "laatste meting ≤ peildatum per doelstelling + :func:`op_koers_doelstelling`"
(tellingen per 1.000 inwoners), gebruikt door de signalen en de vergelijking van wijken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from datalaag.afgeleid import op_koers_doelstelling, plan_actief_sql
from datalaag.models import Ambitie, Doelstelling, Indicator, Meting, Wijk, Wijkplan
from datalaag.wijken import inwoners_per_wijk


@dataclass(frozen=True, slots=True)
class DoelstellingStatus:
    doelstelling_id: int
    wijk_id: int
    wijk_slug: str
    wijk_naam: str
    ambitie_nummer: int
    tekst: str
    nulmeting_waarde: float
    nulmeting_jaar: int
    streef_type: str
    streefwaarde: float
    streefjaar: int
    richting: str
    is_telling: bool
    #: de laatste meting met peildatum ≤ de peildatum (None: geen meting)
    meting_waarde: float | None
    meting_peildatum: dt.date | None
    #: inwonertallen van de wijk per jaar (alleen gevuld bij tellingen)
    inwoners: Mapping[int, int]
    #: :func:`datalaag.afgeleid.op_koers_doelstelling`
    status: str


def doelstellingen_met_status(sessie: Session, jaar: int, peildatum: dt.date,
                              wijk_id: int | None = None) -> list[DoelstellingStatus]:
    """Elke doelstelling van een in ``jaar`` actief plan met haar laatste meting en status, op id
    (met ``wijk_id``: alleen die van die wijk). Twee queries (de tweede alleen als er tellingen bij
    zijn), hoeveel doelstellingen er ook zijn."""
    binnen = aliased(Meting)
    laatste = (
        select(func.max(binnen.peildatum))
        .where(
            binnen.indicator_id == Doelstelling.indicator_id,
            binnen.wijk_id == Wijkplan.wijk_id,
            binnen.peildatum <= peildatum,
        )
        .correlate(Doelstelling, Wijkplan)
        .scalar_subquery()
    )
    rijen = sessie.execute(
        select(
            Doelstelling.id,
            Wijk.id.label("wijk_id"),
            Wijk.slug,
            Wijk.naam,
            Ambitie.nummer,
            Doelstelling.tekst,
            Doelstelling.nulmeting_waarde,
            Doelstelling.nulmeting_jaar,
            Doelstelling.streef_type,
            Doelstelling.streefwaarde,
            Doelstelling.streefjaar,
            Indicator.richting,
            Indicator.is_telling,
            Meting.waarde,
            Meting.peildatum,
        )
        .join(Wijkplan, Wijkplan.id == Doelstelling.wijkplan_id)
        .join(Wijk, Wijk.id == Wijkplan.wijk_id)
        .join(Indicator, Indicator.id == Doelstelling.indicator_id)
        .join(Ambitie, Ambitie.id == Doelstelling.ambitie_id)
        .outerjoin(
            Meting,
            and_(
                Meting.indicator_id == Doelstelling.indicator_id,
                Meting.wijk_id == Wijkplan.wijk_id,
                Meting.peildatum == laatste,
            ),
        )
        .where(plan_actief_sql(jaar), *([Wijkplan.wijk_id == wijk_id] if wijk_id is not None else []))
        .order_by(Doelstelling.id)
    ).all()
    inwoners = inwoners_per_wijk(sessie, {r.wijk_id for r in rijen if r.is_telling})
    uit = []
    for r in rijen:
        inw = inwoners.get(r.wijk_id, {}) if r.is_telling else {}
        status = op_koers_doelstelling(
            nulwaarde=r.nulmeting_waarde,
            nuljaar=r.nulmeting_jaar,
            streef_type=r.streef_type,
            streefwaarde=r.streefwaarde,
            streefjaar=r.streefjaar,
            richting=r.richting,
            meting_waarde=r.waarde,
            meting_peildatum=r.peildatum,
            is_telling=bool(r.is_telling),
            inwoners=inw,
        )
        uit.append(
            DoelstellingStatus(
                doelstelling_id=r.id, wijk_id=r.wijk_id, wijk_slug=r.slug, wijk_naam=r.naam,
                ambitie_nummer=r.nummer, tekst=r.tekst, nulmeting_waarde=r.nulmeting_waarde,
                nulmeting_jaar=r.nulmeting_jaar, streef_type=r.streef_type, streefwaarde=r.streefwaarde,
                streefjaar=r.streefjaar, richting=r.richting, is_telling=bool(r.is_telling),
                meting_waarde=r.waarde, meting_peildatum=r.peildatum, inwoners=inw, status=status,
            )
        )
    return uit
