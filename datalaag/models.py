"""Het domeinmodel van de wijkaanpak (SQLAlchemy 2, getypeerd).

Eén tabel per begrip uit de notitie "De ideale wijkaanpak" (zie shared/DESIGN.md).
Toegestane waarden staan als tuples in dit bestand; de database bewaakt ze met
CHECK-constraints, zodat ook een schrijfactie buiten de app geen onzin kan opslaan.

Elke muteerbare tabel heeft ``aangemaakt_op``, ``gewijzigd_op``, ``gewijzigd_door`` en
``versie``. ``versie`` is SQLAlchemy's ``version_id_col``: een UPDATE op basis van een oude
versie raakt nul rijen en geeft ``StaleDataError`` (optimistic locking).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    declared_attr,
    mapped_column,
    relationship,
)

# --------------------------------------------------------------------------- waardenlijsten

WERKWIJZEN = ("WOP", "AWA", "SHR")
ROLLEN = ("raadslid", "wethouder", "griffie", "coordinator", "beheerder")
ORGANISATIETYPEN = (
    "bewoner",
    "gemeente",
    "winkeliers",
    "woningcorporatie",
    "welzijnswerk",
    "school",
    "zorginstelling",
    "religieus_genootschap",
    "politie",
    "vrijwilligersorganisatie",
    "belangenorganisatie",
    "overig",
)
REGIEGROEP_ROLLEN = ("voorzitter", "stadsdeelcoordinator", "meldingenverantwoordelijke", "kerngroep", "lid")
WIJKPLAN_STATUSSEN = (
    "concept",
    "besproken_met_bewoners",
    "definitief_voorstel",
    "vastgesteld",
    "terugverwezen",
    "geevalueerd",
)
INBRENG_VORMEN = ("enquete", "gesprek", "bijeenkomst", "huisbezoek", "internetpanel")
RICHTINGEN = ("hoger_is_beter", "lager_is_beter")
STREEF_TYPEN = ("absoluut", "relatief")
DOELSTELLING_SOORTEN = ("huidig", "nieuw")
METING_PERIODEN = ("jaar", "kwartaal")
NIVEAUS = ("straat", "wijk")
MAATREGEL_STATUSSEN = ("gepland", "in_uitvoering", "vertraagd", "afgerond", "gestopt")
OORMERK_BRONNEN = ("stadsdeelbudget", "rijksgelden_wijkenaanpak", "gsb", "regulier")
MELDING_CATEGORIEEN = ("schoon", "heel", "veilig", "overlast", "sociaal", "overig")
MELDING_ERNST = ("normaal", "ernstig")
MELDING_KANALEN = ("telefoon", "website", "app", "balie", "email", "wijkagent", "regiegroep")
MELDING_STATUSSEN = ("open", "in_behandeling", "afgehandeld")
EVALUATIE_STATUSSEN = ("concept", "ingediend", "vastgesteld")
WIJKANALYSE_STATUSSEN = ("concept", "ingediend")
TOEZEGGING_STATUSSEN = ("open", "afgedaan", "vervallen")
MUTATIE_ACTIES = ("aangemaakt", "gewijzigd", "verwijderd", "statuswijziging", "import")


def _in(kolom: str, waarden: tuple[str, ...]) -> str:
    """SQL voor een CHECK ``kolom IN (...)``."""
    lijst = ", ".join(f"'{w}'" for w in waarden)
    return f"{kolom} IN ({lijst})"


def _cijfer(kolom: str, nullable: bool = True) -> str:
    """CHECK voor een rapportcijfer 1–10."""
    basis = f"{kolom} >= 1 AND {kolom} <= 10"
    return f"{kolom} IS NULL OR ({basis})" if nullable else basis


# --------------------------------------------------------------------------- basis

NAAMGEVING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Bedrag = Numeric(14, 2)
Rapportcijfer = Numeric(3, 1)
# Meetwaarden (metingen, nulmetingen, streefwaarden) als float: het zijn geen bedragen.
Waarde = Numeric(14, 4, asdecimal=False)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAAMGEVING)


class Muteerbaar:
    """Kolommen voor elke muteerbare tabel, met optimistic locking op ``versie``."""

    aangemaakt_op: Mapped[dt.datetime] = mapped_column(DateTime(timezone=False), server_default=func.now())
    gewijzigd_op: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=False), server_default=func.now(), onupdate=func.now()
    )
    gewijzigd_door: Mapped[str | None] = mapped_column(String(200))
    versie: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        return {"version_id_col": cls.versie}


# --------------------------------------------------------------------------- referentie


class Werkwijze(Muteerbaar, Base):
    """De drie werkwijzen van Almelo (voorwoord en bijlage 2 §4 van de notitie)."""

    __tablename__ = "werkwijze"
    __table_args__ = (CheckConstraint(_in("code", WERKWIJZEN), name="code"),)

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    naam: Mapped[str] = mapped_column(String(100))
    omschrijving: Mapped[str] = mapped_column(Text)
    looptijd: Mapped[str] = mapped_column(String(100))
    afbakening: Mapped[str] = mapped_column(String(100))


class Ambitie(Muteerbaar, Base):
    """Ambitie (§3.1). Gegevens, geen enum: de notitie laat "7. ?" open."""

    __tablename__ = "ambitie"

    id: Mapped[int] = mapped_column(primary_key=True)
    nummer: Mapped[int] = mapped_column(Integer, unique=True)
    korte_naam: Mapped[str] = mapped_column(String(100))
    tekst: Mapped[str] = mapped_column(Text)

    oplossingsrichtingen: Mapped[list[Oplossingsrichting]] = relationship(
        back_populates="ambitie", order_by="Oplossingsrichting.letter"
    )


class Oplossingsrichting(Muteerbaar, Base):
    """Catalogus van mogelijke oplossingsrichtingen per ambitie (bijlage 6)."""

    __tablename__ = "oplossingsrichting"
    __table_args__ = (UniqueConstraint("ambitie_id", "letter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ambitie_id: Mapped[int] = mapped_column(ForeignKey("ambitie.id"), index=True)
    letter: Mapped[str] = mapped_column(String(3))
    tekst: Mapped[str] = mapped_column(Text)

    ambitie: Mapped[Ambitie] = relationship(back_populates="oplossingsrichtingen")


class Stadsdeel(Muteerbaar, Base):
    __tablename__ = "stadsdeel"

    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(100), unique=True)
    stadsdeelcoordinator: Mapped[str] = mapped_column(String(200))
    stadsdeelwethouder: Mapped[str] = mapped_column(String(200))


class Wijk(Muteerbaar, Base):
    __tablename__ = "wijk"
    __table_args__ = (CheckConstraint(_in("werkwijze", WERKWIJZEN), name="werkwijze"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(100), unique=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    cbs_code: Mapped[str | None] = mapped_column(String(20), unique=True)
    stadsdeel_id: Mapped[int] = mapped_column(ForeignKey("stadsdeel.id"), index=True)
    werkwijze: Mapped[str] = mapped_column(ForeignKey("werkwijze.code"))
    # Grens als GeoJSON-geometrie (ingelezen door de beheerder uit de CBS wijk- en buurtkaart).
    geometrie: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    stadsdeel: Mapped[Stadsdeel] = relationship()
    inwoners: Mapped[list[WijkInwoners]] = relationship(back_populates="wijk", order_by="WijkInwoners.jaar")


class WijkInwoners(Muteerbaar, Base):
    """Aantal inwoners per wijk per jaar (op 1 januari), voor cijfers per 1.000 inwoners."""

    __tablename__ = "wijk_inwoners"
    __table_args__ = (
        UniqueConstraint("wijk_id", "jaar"),
        CheckConstraint("aantal >= 0", name="aantal"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wijk_id: Mapped[int] = mapped_column(ForeignKey("wijk.id"))
    jaar: Mapped[int] = mapped_column(Integer)
    aantal: Mapped[int] = mapped_column(Integer)

    wijk: Mapped[Wijk] = relationship(back_populates="inwoners")


# --------------------------------------------------------------------------- gebruikers en dossier


class Gebruiker(Muteerbaar, Base):
    __tablename__ = "gebruiker"
    __table_args__ = (CheckConstraint(_in("rol", ROLLEN), name="rol"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    wachtwoord_hash: Mapped[str] = mapped_column(String(300))
    rol: Mapped[str] = mapped_column(String(20))
    # De naam waaronder een wethouder als portefeuillehouder op de toezeggingenlijst staat.
    portefeuillehouder: Mapped[str | None] = mapped_column(String(200))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    actief: Mapped[bool] = mapped_column(Boolean, default=True)
    # Opgehoogd bij uitloggen: alle eerder uitgegeven sessiecookies van deze gebruiker vervallen.
    sessie_generatie: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    wijken: Mapped[list[Wijk]] = relationship(secondary="gebruiker_wijk")


class GebruikerWijk(Base):
    """De wijken waarvoor een coördinator mag schrijven."""

    __tablename__ = "gebruiker_wijk"

    gebruiker_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id", ondelete="CASCADE"), primary_key=True)
    wijk_id: Mapped[int] = mapped_column(ForeignKey("wijk.id", ondelete="CASCADE"), primary_key=True)


class Mutatie(Base):
    """Het dossier: één rij per wijziging, in dezelfde transactie geschreven. Nooit bewerkt."""

    __tablename__ = "mutatie"
    __table_args__ = (
        CheckConstraint(_in("actie", MUTATIE_ACTIES), name="actie"),
        Index("ix_mutatie_entiteit", "entiteit", "entiteit_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tijdstip: Mapped[dt.datetime] = mapped_column(DateTime(timezone=False), server_default=func.now(), index=True)
    gebruiker_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    entiteit: Mapped[str] = mapped_column(String(50))
    entiteit_id: Mapped[int] = mapped_column(Integer)
    actie: Mapped[str] = mapped_column(String(20))
    oud: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    nieuw: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Wie, zoals op het moment van de wijziging (ook "opdrachtregel" zonder gebruiker_id).
    gebruiker_naam: Mapped[str | None] = mapped_column(String(200))
    # De wijk waarop de wijziging betrekking heeft (filter in het dossier), als die er is.
    wijk_id: Mapped[int | None] = mapped_column(ForeignKey("wijk.id"), index=True)
    # De versie van de entiteit na deze wijziging (voor de melding bij een versieconflict).
    versie: Mapped[int | None] = mapped_column(Integer)

    gebruiker: Mapped[Gebruiker | None] = relationship()
    wijk: Mapped[Wijk | None] = relationship()


class Aanmeldpoging(Base):
    """Elke aanmeldpoging, voor het afremmen na herhaalde mislukkingen (gedeeld door alle workers)."""

    __tablename__ = "aanmeldpoging"
    __table_args__ = (Index("ix_aanmeldpoging_email_tijdstip", "email", "tijdstip"),
                      Index("ix_aanmeldpoging_ip_tijdstip", "ip", "tijdstip"))

    id: Mapped[int] = mapped_column(primary_key=True)
    tijdstip: Mapped[dt.datetime] = mapped_column(DateTime(timezone=False))
    email: Mapped[str] = mapped_column(String(254))
    ip: Mapped[str] = mapped_column(String(45))
    gelukt: Mapped[bool] = mapped_column(Boolean)


class Instelling(Muteerbaar, Base):
    """Instellingen van de beheerder (bijv. openbare pagina's aan/uit)."""

    __tablename__ = "instelling"

    sleutel: Mapped[str] = mapped_column(String(100), primary_key=True)
    waarde: Mapped[str] = mapped_column(Text)


# --------------------------------------------------------------------------- regiegroep


class Regiegroep(Muteerbaar, Base):
    __tablename__ = "regiegroep"

    id: Mapped[int] = mapped_column(primary_key=True)
    wijk_id: Mapped[int] = mapped_column(ForeignKey("wijk.id"), unique=True)
    naam: Mapped[str] = mapped_column(String(200))
    opgericht_op: Mapped[dt.date | None] = mapped_column(Date)

    wijk: Mapped[Wijk] = relationship()
    leden: Mapped[list[Regiegroeplid]] = relationship(back_populates="regiegroep")


class Regiegroeplid(Muteerbaar, Base):
    __tablename__ = "regiegroeplid"
    __table_args__ = (
        CheckConstraint(_in("organisatietype", ORGANISATIETYPEN), name="organisatietype"),
        CheckConstraint(_in("rol", REGIEGROEP_ROLLEN), name="rol"),
        CheckConstraint("termijn_tot IS NULL OR termijn_tot >= termijn_van", name="termijn"),
        CheckConstraint("vertrokken_op IS NULL OR vertrokken_op >= termijn_van", name="vertrokken"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    regiegroep_id: Mapped[int] = mapped_column(ForeignKey("regiegroep.id"), index=True)
    naam: Mapped[str] = mapped_column(String(200))
    organisatietype: Mapped[str] = mapped_column(String(30))
    organisatie: Mapped[str | None] = mapped_column(String(200))
    rol: Mapped[str] = mapped_column(String(30), default="lid")
    termijn_van: Mapped[dt.date] = mapped_column(Date)
    termijn_tot: Mapped[dt.date | None] = mapped_column(Date)
    # Datum waarop het lid de regiegroep verliet (rotatie, §3.5.2.1); None = zit er nog.
    vertrokken_op: Mapped[dt.date | None] = mapped_column(Date)

    regiegroep: Mapped[Regiegroep] = relationship(back_populates="leden")


# --------------------------------------------------------------------------- wijkplan


class Wijkplan(Muteerbaar, Base):
    """Wijkontwikkelingsplan (bijlage 8) met de toets van de raad op drie kaders (§4.5)."""

    __tablename__ = "wijkplan"
    __table_args__ = (
        CheckConstraint(_in("status", WIJKPLAN_STATUSSEN), name="status"),
        CheckConstraint(_in("werkwijze", WERKWIJZEN), name="werkwijze"),
        CheckConstraint("periode_tot >= periode_van", name="periode"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wijk_id: Mapped[int] = mapped_column(ForeignKey("wijk.id"), index=True)
    titel: Mapped[str] = mapped_column(String(200))
    werkwijze: Mapped[str] = mapped_column(ForeignKey("werkwijze.code"))
    periode_van: Mapped[int] = mapped_column(Integer)
    periode_tot: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(30), default="concept")
    # Toets van de raad: None = nog niet getoetst.
    kader_betrokkenheid_voldoet: Mapped[bool | None] = mapped_column(Boolean)
    kader_betrokkenheid_toelichting: Mapped[str | None] = mapped_column(Text)
    kader_doelstellingen_voldoet: Mapped[bool | None] = mapped_column(Boolean)
    kader_doelstellingen_toelichting: Mapped[str | None] = mapped_column(Text)
    kader_middelen_voldoet: Mapped[bool | None] = mapped_column(Boolean)
    kader_middelen_toelichting: Mapped[str | None] = mapped_column(Text)
    raadsbesluit: Mapped[str | None] = mapped_column(String(200))
    vastgesteld_op: Mapped[dt.date | None] = mapped_column(Date)

    wijk: Mapped[Wijk] = relationship()
    statushistorie: Mapped[list[WijkplanStatus]] = relationship(
        back_populates="wijkplan", order_by="WijkplanStatus.datum"
    )
    doelstellingen: Mapped[list[Doelstelling]] = relationship(back_populates="wijkplan")
    maatregelen: Mapped[list[Maatregel]] = relationship(back_populates="wijkplan")
    bewonersinbreng: Mapped[list[Bewonersinbreng]] = relationship(back_populates="wijkplan")


class WijkplanStatus(Base):
    """Historie van de levenscyclus van een wijkplan. Alleen toevoegen, nooit wijzigen."""

    __tablename__ = "wijkplan_status"
    __table_args__ = (CheckConstraint(_in("status", WIJKPLAN_STATUSSEN), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    wijkplan_id: Mapped[int] = mapped_column(ForeignKey("wijkplan.id"), index=True)
    status: Mapped[str] = mapped_column(String(30))
    datum: Mapped[dt.date] = mapped_column(Date)
    jaar: Mapped[int | None] = mapped_column(Integer)  # bij 'geevalueerd': het geëvalueerde jaar
    toelichting: Mapped[str | None] = mapped_column(Text)
    gewijzigd_door: Mapped[str | None] = mapped_column(String(200))

    wijkplan: Mapped[Wijkplan] = relationship(back_populates="statushistorie")


class Bewonersinbreng(Muteerbaar, Base):
    __tablename__ = "bewonersinbreng"
    __table_args__ = (
        CheckConstraint(_in("vorm", INBRENG_VORMEN), name="vorm"),
        CheckConstraint("bereik >= 0", name="bereik"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wijkplan_id: Mapped[int] = mapped_column(ForeignKey("wijkplan.id"), index=True)
    datum: Mapped[dt.date] = mapped_column(Date)
    vorm: Mapped[str] = mapped_column(String(20))
    bereik: Mapped[int] = mapped_column(Integer)
    opmerkingen: Mapped[str] = mapped_column(Text)

    wijkplan: Mapped[Wijkplan] = relationship(back_populates="bewonersinbreng")


# --------------------------------------------------------------------------- wijkanalyse


class Wijkanalyse(Muteerbaar, Base):
    """Wijkanalyse (bijlage 7): per ambitie een waardering en de knelpunten."""

    __tablename__ = "wijkanalyse"
    __table_args__ = (
        Index("ix_wijkanalyse_wijk_datum", "wijk_id", "datum"),
        CheckConstraint(_in("status", WIJKANALYSE_STATUSSEN), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wijk_id: Mapped[int] = mapped_column(ForeignKey("wijk.id"))
    datum: Mapped[dt.date] = mapped_column(Date)
    # Een concept telt niet mee voor de ambitiescore; pas een ingediende wijkanalyse telt.
    status: Mapped[str] = mapped_column(String(20), default="ingediend", server_default="ingediend")
    ingediend_op: Mapped[dt.date | None] = mapped_column(Date)

    wijk: Mapped[Wijk] = relationship()
    regels: Mapped[list[WijkanalyseAmbitie]] = relationship(back_populates="wijkanalyse")


class WijkanalyseAmbitie(Muteerbaar, Base):
    __tablename__ = "wijkanalyse_ambitie"
    __table_args__ = (
        UniqueConstraint("wijkanalyse_id", "ambitie_id"),
        CheckConstraint(_cijfer("waardering"), name="waardering"),
        CheckConstraint("schatting_kosten IS NULL OR schatting_kosten >= 0", name="kosten"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wijkanalyse_id: Mapped[int] = mapped_column(ForeignKey("wijkanalyse.id", ondelete="CASCADE"))
    ambitie_id: Mapped[int] = mapped_column(ForeignKey("ambitie.id"), index=True)
    waardering: Mapped[Decimal | None] = mapped_column(Rapportcijfer)
    knelpunten: Mapped[str | None] = mapped_column(Text)
    doelstellingen: Mapped[str | None] = mapped_column(Text)
    oplossingsrichtingen: Mapped[str | None] = mapped_column(Text)
    schatting_kosten: Mapped[Decimal | None] = mapped_column(Bedrag)
    opmerkingen: Mapped[str | None] = mapped_column(Text)

    wijkanalyse: Mapped[Wijkanalyse] = relationship(back_populates="regels")
    ambitie: Mapped[Ambitie] = relationship()


# --------------------------------------------------------------------------- doelen en metingen


class Indicator(Muteerbaar, Base):
    __tablename__ = "indicator"
    __table_args__ = (
        CheckConstraint(_in("richting", RICHTINGEN), name="richting"),
        CheckConstraint("meetfrequentie_maanden > 0", name="meetfrequentie"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(200), unique=True)
    eenheid: Mapped[str] = mapped_column(String(50))
    ambitie_id: Mapped[int] = mapped_column(ForeignKey("ambitie.id"), index=True)
    bron: Mapped[str] = mapped_column(String(100))
    richting: Mapped[str] = mapped_column(String(20))
    # True: een telling die per 1.000 inwoners getoond wordt.
    is_telling: Mapped[bool] = mapped_column(Boolean, default=False)
    meetfrequentie_maanden: Mapped[int] = mapped_column(Integer, default=12)

    ambitie: Mapped[Ambitie] = relationship()


class Doelstelling(Muteerbaar, Base):
    """SMART-doelstelling per wijkplan per ambitie, met nulmeting en streefwaarde (§3.2).

    ``streef_type='relatief'``: ``streefwaarde`` is een verandering in procenten ten opzichte
    van de nulmeting ("zoveel procent groei ten opzichte van de huidige situatie").
    """

    __tablename__ = "doelstelling"
    __table_args__ = (
        CheckConstraint(_in("streef_type", STREEF_TYPEN), name="streef_type"),
        CheckConstraint(_in("soort", DOELSTELLING_SOORTEN), name="soort"),
        CheckConstraint("streefjaar >= nulmeting_jaar", name="streefjaar"),
        Index("ix_doelstelling_plan_ambitie", "wijkplan_id", "ambitie_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wijkplan_id: Mapped[int] = mapped_column(ForeignKey("wijkplan.id"))
    ambitie_id: Mapped[int] = mapped_column(ForeignKey("ambitie.id"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"), index=True)
    tekst: Mapped[str] = mapped_column(Text)
    nulmeting_waarde: Mapped[float] = mapped_column(Waarde)
    nulmeting_jaar: Mapped[int] = mapped_column(Integer)
    streef_type: Mapped[str] = mapped_column(String(10), default="absoluut")
    streefwaarde: Mapped[float] = mapped_column(Waarde)
    streefjaar: Mapped[int] = mapped_column(Integer)
    soort: Mapped[str] = mapped_column(String(10), default="nieuw")

    wijkplan: Mapped[Wijkplan] = relationship(back_populates="doelstellingen")
    ambitie: Mapped[Ambitie] = relationship()
    indicator: Mapped[Indicator] = relationship()
    bijstellingen: Mapped[list[DoelstellingBijstelling]] = relationship(
        back_populates="doelstelling", order_by="DoelstellingBijstelling.besluitdatum"
    )


class DoelstellingBijstelling(Base):
    """Bijstelling van een doelstelling door de raad (§3.9); de oude waarden blijven zichtbaar."""

    __tablename__ = "doelstelling_bijstelling"

    id: Mapped[int] = mapped_column(primary_key=True)
    doelstelling_id: Mapped[int] = mapped_column(ForeignKey("doelstelling.id"), index=True)
    raadsbesluit: Mapped[str] = mapped_column(String(200))
    besluitdatum: Mapped[dt.date] = mapped_column(Date)
    oude_streefwaarde: Mapped[float] = mapped_column(Waarde)
    nieuwe_streefwaarde: Mapped[float] = mapped_column(Waarde)
    oud_streefjaar: Mapped[int] = mapped_column(Integer)
    nieuw_streefjaar: Mapped[int] = mapped_column(Integer)
    toelichting: Mapped[str | None] = mapped_column(Text)

    doelstelling: Mapped[Doelstelling] = relationship(back_populates="bijstellingen")


class Meting(Muteerbaar, Base):
    """Een meting van een indicator in een wijk op een peildatum (einde van jaar of kwartaal)."""

    __tablename__ = "meting"
    __table_args__ = (
        UniqueConstraint("indicator_id", "wijk_id", "peildatum"),
        CheckConstraint(_in("periode", METING_PERIODEN), name="periode"),
        Index("ix_meting_wijk_peildatum", "wijk_id", "peildatum"),
        Index("ix_meting_peildatum", "peildatum"),  # migratie 0003
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"))
    wijk_id: Mapped[int] = mapped_column(ForeignKey("wijk.id"))
    peildatum: Mapped[dt.date] = mapped_column(Date)
    periode: Mapped[str] = mapped_column(String(10), default="jaar")
    waarde: Mapped[float] = mapped_column(Waarde)
    bron: Mapped[str] = mapped_column(String(100))

    indicator: Mapped[Indicator] = relationship()
    wijk: Mapped[Wijk] = relationship()


# --------------------------------------------------------------------------- maatregelen


class Maatregel(Muteerbaar, Base):
    """Maatregel (project) uit een wijkplan (bijlage 8: gekozen oplossingsrichting e.d.)."""

    __tablename__ = "maatregel"
    __table_args__ = (
        CheckConstraint(_in("niveau", NIVEAUS), name="niveau"),
        CheckConstraint(_in("status", MAATREGEL_STATUSSEN), name="status"),
        CheckConstraint("voortgang >= 0 AND voortgang <= 100", name="voortgang"),
        CheckConstraint("schatting_kosten IS NULL OR schatting_kosten >= 0", name="kosten"),
        CheckConstraint("eind IS NULL OR start IS NULL OR eind >= start", name="periode"),
        Index("ix_maatregel_plan_ambitie", "wijkplan_id", "ambitie_id"),
        Index("ix_maatregel_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wijkplan_id: Mapped[int] = mapped_column(ForeignKey("wijkplan.id"))
    ambitie_id: Mapped[int] = mapped_column(ForeignKey("ambitie.id"))
    oplossingsrichting_id: Mapped[int | None] = mapped_column(ForeignKey("oplossingsrichting.id"))
    naam: Mapped[str] = mapped_column(String(200))
    niveau: Mapped[str] = mapped_column(String(10), default="wijk")
    verantwoordelijke: Mapped[str] = mapped_column(String(200))
    schatting_kosten: Mapped[Decimal | None] = mapped_column(Bedrag)
    jaar_realisatie: Mapped[int | None] = mapped_column(Integer)
    start: Mapped[dt.date | None] = mapped_column(Date)
    eind: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="gepland")
    voortgang: Mapped[int] = mapped_column(Integer, default=0)
    opmerkingen: Mapped[str | None] = mapped_column(Text)

    wijkplan: Mapped[Wijkplan] = relationship(back_populates="maatregelen")
    ambitie: Mapped[Ambitie] = relationship()
    oplossingsrichting: Mapped[Oplossingsrichting | None] = relationship()
    voortgangshistorie: Mapped[list[MaatregelVoortgang]] = relationship(
        back_populates="maatregel", order_by="MaatregelVoortgang.datum"
    )


class MaatregelVoortgang(Base):
    """Historie van voortgangsmeldingen van een maatregel. Alleen toevoegen."""

    __tablename__ = "maatregel_voortgang"
    __table_args__ = (
        CheckConstraint("voortgang >= 0 AND voortgang <= 100", name="voortgang"),
        CheckConstraint(_in("status", MAATREGEL_STATUSSEN), name="status"),
        Index("ix_maatregel_voortgang_maatregel_datum", "maatregel_id", "datum"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    maatregel_id: Mapped[int] = mapped_column(ForeignKey("maatregel.id"))
    datum: Mapped[dt.date] = mapped_column(Date)
    voortgang: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    toelichting: Mapped[str | None] = mapped_column(Text)
    gewijzigd_door: Mapped[str | None] = mapped_column(String(200))

    maatregel: Mapped[Maatregel] = relationship(back_populates="voortgangshistorie")


# --------------------------------------------------------------------------- budget


class Oormerk(Muteerbaar, Base):
    """Geoormerkt budget voor een wijk, voor één jaar of een periode (jaar_van–jaar_tot)."""

    __tablename__ = "oormerk"
    __table_args__ = (
        CheckConstraint(_in("bron", OORMERK_BRONNEN), name="bron"),
        CheckConstraint("bedrag >= 0", name="bedrag"),
        CheckConstraint("jaar_tot >= jaar_van", name="periode"),
        Index("ix_oormerk_wijk_jaren", "wijk_id", "jaar_van", "jaar_tot"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wijk_id: Mapped[int] = mapped_column(ForeignKey("wijk.id"))
    naam: Mapped[str] = mapped_column(String(200))
    jaar_van: Mapped[int] = mapped_column(Integer)
    jaar_tot: Mapped[int] = mapped_column(Integer)
    bron: Mapped[str] = mapped_column(String(30))
    bedrag: Mapped[Decimal] = mapped_column(Bedrag)
    budgethouder: Mapped[str] = mapped_column(String(200))

    wijk: Mapped[Wijk] = relationship()
    budgetposten: Mapped[list[Budgetpost]] = relationship(back_populates="oormerk", order_by="Budgetpost.volgorde")


class Budgetpost(Muteerbaar, Base):
    """Regel van een oormerk (model: de begroting van De Riet in bijlage 4)."""

    __tablename__ = "budgetpost"
    __table_args__ = (
        UniqueConstraint("oormerk_id", "naam"),
        CheckConstraint("bedrag >= 0", name="bedrag"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    oormerk_id: Mapped[int] = mapped_column(ForeignKey("oormerk.id"))
    naam: Mapped[str] = mapped_column(String(200))
    bedrag: Mapped[Decimal] = mapped_column(Bedrag)
    volgorde: Mapped[int] = mapped_column(Integer, default=0)

    oormerk: Mapped[Oormerk] = relationship(back_populates="budgetposten")


class Uitgave(Muteerbaar, Base):
    """Een uitgave ten laste van een budgetpost en/of maatregel van een wijk."""

    __tablename__ = "uitgave"
    __table_args__ = (
        CheckConstraint("bedrag >= 0", name="bedrag"),
        CheckConstraint("budgetpost_id IS NOT NULL OR maatregel_id IS NOT NULL", name="bestemming"),
        Index("ix_uitgave_wijk_datum", "wijk_id", "datum"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wijk_id: Mapped[int] = mapped_column(ForeignKey("wijk.id"))
    datum: Mapped[dt.date] = mapped_column(Date)
    bedrag: Mapped[Decimal] = mapped_column(Bedrag)
    budgetpost_id: Mapped[int | None] = mapped_column(ForeignKey("budgetpost.id"), index=True)
    maatregel_id: Mapped[int | None] = mapped_column(ForeignKey("maatregel.id"), index=True)
    omschrijving: Mapped[str] = mapped_column(Text)
    # Natuurlijke sleutel voor idempotente import (bijv. boekingsnummer uit de financiële administratie).
    kenmerk: Mapped[str | None] = mapped_column(String(100), unique=True)

    wijk: Mapped[Wijk] = relationship()
    budgetpost: Mapped[Budgetpost | None] = relationship()
    maatregel: Mapped[Maatregel | None] = relationship()


# --------------------------------------------------------------------------- meldingen


class Afhandelnorm(Muteerbaar, Base):
    """Norm voor de afhandeltijd per categorie, in werkdagen."""

    __tablename__ = "afhandelnorm"
    __table_args__ = (
        CheckConstraint(_in("categorie", MELDING_CATEGORIEEN), name="categorie"),
        CheckConstraint("werkdagen > 0", name="werkdagen"),
    )

    categorie: Mapped[str] = mapped_column(String(20), primary_key=True)
    werkdagen: Mapped[int] = mapped_column(Integer)


class Melding(Muteerbaar, Base):
    """Incident of klacht (§3.4.2.3). ``afhandeltijd_werkdagen`` wordt bij afhandeling
    berekend door de ene definitie in ``datalaag.afgeleid``."""

    __tablename__ = "melding"
    __table_args__ = (
        CheckConstraint(_in("categorie", MELDING_CATEGORIEEN), name="categorie"),
        CheckConstraint(_in("ernst", MELDING_ERNST), name="ernst"),
        CheckConstraint(_in("kanaal", MELDING_KANALEN), name="kanaal"),
        CheckConstraint(_in("status", MELDING_STATUSSEN), name="status"),
        CheckConstraint("afgehandeld_op IS NULL OR afgehandeld_op >= ontvangen_op", name="afgehandeld"),
        CheckConstraint("afhandeltijd_werkdagen IS NULL OR afhandeltijd_werkdagen >= 0", name="afhandeltijd"),
        # Afgehandeld hoort bij een datum en een afhandeltijd; open of in behandeling bij geen van beide.
        CheckConstraint(
            "(status = 'afgehandeld' AND afgehandeld_op IS NOT NULL AND afhandeltijd_werkdagen IS NOT NULL)"
            " OR (status <> 'afgehandeld' AND afgehandeld_op IS NULL AND afhandeltijd_werkdagen IS NULL)",
            name="afhandeling",
        ),
        Index("ix_melding_wijk_ontvangen", "wijk_id", "ontvangen_op"),
        Index("ix_melding_status", "status"),
        Index("ix_melding_ontvangen", "ontvangen_op"),
        # G4-schaal (migratie 0003): afhandeltijden en open meldingen, en tellingen per wijk, uit de index.
        Index("ix_melding_afgehandeld", "afgehandeld_op", "categorie", "afhandeltijd_werkdagen"),
        Index("ix_melding_ontvangen_wijk", "ontvangen_op", "wijk_id", "categorie"),
        # Migratie 0004: de ernstige meldingen van een jaar, zonder kerngroep eerst, uit de index.
        Index("ix_melding_ernst_kerngroep_ontvangen", "ernst", "kerngroep_betrokken", "ontvangen_op"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kenmerk: Mapped[str | None] = mapped_column(String(50), unique=True)
    wijk_id: Mapped[int] = mapped_column(ForeignKey("wijk.id"))
    buurt: Mapped[str | None] = mapped_column(String(100))
    straat: Mapped[str | None] = mapped_column(String(100))
    categorie: Mapped[str] = mapped_column(String(20))
    ernst: Mapped[str] = mapped_column(String(10), default="normaal")
    kanaal: Mapped[str] = mapped_column(String(20))
    omschrijving: Mapped[str | None] = mapped_column(Text)
    ontvangen_op: Mapped[dt.datetime] = mapped_column(DateTime(timezone=False))
    afgehandeld_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=False))
    afhandeltijd_werkdagen: Mapped[int | None] = mapped_column(Integer)
    verantwoordelijke: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="open")
    aanpak: Mapped[str | None] = mapped_column(Text)
    rol_bewoners: Mapped[str | None] = mapped_column(Text)
    kerngroep_betrokken: Mapped[bool] = mapped_column(Boolean, default=False)
    gemeld_aan_regiegroep_op: Mapped[dt.date | None] = mapped_column(Date)

    wijk: Mapped[Wijk] = relationship()


# --------------------------------------------------------------------------- evaluatie


class Evaluatie(Muteerbaar, Base):
    """Jaarlijkse evaluatie van een wijkplan door de regiegroep (§3.9, bijlage 9)."""

    __tablename__ = "evaluatie"
    __table_args__ = (
        UniqueConstraint("wijk_id", "jaar"),
        CheckConstraint(_in("status", EVALUATIE_STATUSSEN), name="status"),
        CheckConstraint(_cijfer("klanttevredenheid_cijfer"), name="klanttevredenheid"),
        CheckConstraint("klanttevredenheid_respons IS NULL OR klanttevredenheid_respons >= 0", name="respons"),
        CheckConstraint("extra_budget_bedrag IS NULL OR extra_budget_bedrag >= 0", name="extra_budget"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wijk_id: Mapped[int] = mapped_column(ForeignKey("wijk.id"))
    wijkplan_id: Mapped[int | None] = mapped_column(ForeignKey("wijkplan.id"), index=True)
    jaar: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="concept")
    klanttevredenheid_cijfer: Mapped[Decimal | None] = mapped_column(Rapportcijfer)
    klanttevredenheid_respons: Mapped[int | None] = mapped_column(Integer)
    extra_budget_bedrag: Mapped[Decimal | None] = mapped_column(Bedrag)
    extra_budget_motivering: Mapped[str | None] = mapped_column(Text)
    raadsbesluit: Mapped[str | None] = mapped_column(Text)
    raadsbesluit_datum: Mapped[dt.date | None] = mapped_column(Date)
    ingediend_op: Mapped[dt.date | None] = mapped_column(Date)
    vastgesteld_op: Mapped[dt.date | None] = mapped_column(Date)

    wijk: Mapped[Wijk] = relationship()
    regels: Mapped[list[EvaluatieAmbitie]] = relationship(back_populates="evaluatie")


class EvaluatieAmbitie(Muteerbaar, Base):
    __tablename__ = "evaluatie_ambitie"
    __table_args__ = (
        UniqueConstraint("evaluatie_id", "ambitie_id"),
        CheckConstraint(_cijfer("waardering"), name="waardering"),
        CheckConstraint("schatting_kosten IS NULL OR schatting_kosten >= 0", name="kosten"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluatie_id: Mapped[int] = mapped_column(ForeignKey("evaluatie.id", ondelete="CASCADE"))
    ambitie_id: Mapped[int] = mapped_column(ForeignKey("ambitie.id"), index=True)
    doelstelling: Mapped[str | None] = mapped_column(Text)
    gerealiseerde_doelstelling: Mapped[str | None] = mapped_column(Text)
    waardering: Mapped[Decimal | None] = mapped_column(Rapportcijfer)
    aanvullende_maatregelen: Mapped[str | None] = mapped_column(Text)
    schatting_kosten: Mapped[Decimal | None] = mapped_column(Bedrag)
    opmerkingen: Mapped[str | None] = mapped_column(Text)

    evaluatie: Mapped[Evaluatie] = relationship(back_populates="regels")
    ambitie: Mapped[Ambitie] = relationship()


# --------------------------------------------------------------------------- toezeggingen


class Toezegging(Muteerbaar, Base):
    """Toezegging van het college aan de raad (aanbeveling 5 van de Rekenkamercommissie)."""

    __tablename__ = "toezegging"
    __table_args__ = (
        CheckConstraint(_in("status", TOEZEGGING_STATUSSEN), name="status"),
        CheckConstraint("status <> 'afgedaan' OR afgedaan_op IS NOT NULL", name="afgedaan"),
        CheckConstraint("status <> 'vervallen' OR vervallen_op IS NOT NULL", name="vervallen"),
        Index("ix_toezegging_status_termijn", "status", "termijn"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nummer: Mapped[str] = mapped_column(String(30), unique=True)
    datum: Mapped[dt.date] = mapped_column(Date)
    vergadering: Mapped[str] = mapped_column(String(200))
    portefeuillehouder: Mapped[str] = mapped_column(String(200), index=True)
    onderwerp: Mapped[str] = mapped_column(Text)
    wijk_id: Mapped[int | None] = mapped_column(ForeignKey("wijk.id"), index=True)
    termijn: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")
    voorstel_afdoening: Mapped[str | None] = mapped_column(Text)
    afdoening: Mapped[str | None] = mapped_column(Text)
    afgedaan_op: Mapped[dt.date | None] = mapped_column(Date)
    vervallen_op: Mapped[dt.date | None] = mapped_column(Date)
    document: Mapped[str | None] = mapped_column(String(500))

    wijk: Mapped[Wijk | None] = relationship()
