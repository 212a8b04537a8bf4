"""Een read-through cache in Redis voor de leesfuncties van de pagina's, correct over alle workers.

Alleen als er een Redis-URL is (``REDIS_URL``; de app zet haar via :func:`configureer` bij de start). Zonder
Redis wordt er niets gecachet: een cache per proces zou in de ene gunicorn-worker een ander cijfer tonen dan
in de andere.

Invalidatie per tabel
---------------------
Per database en per tabel houdt Redis een generatieteller bij (``<voorvoegsel>:gen:<database>:<tabel>``),
plus twee bijzondere tellers:

- ``alles``: verhoogd door bulkschrijvers buiten de ORM-sessie om (seed, backup terugzetten, COPY,
  opdrachtregel) via :func:`verhoog_generatie` of :func:`markeer_geschreven`. Elk resultaat hangt ervan af.
- ``*``: verhoogd door *elke* schrijvende commit. Alleen resultaten die een query deden die niet tot tabellen
  te herleiden is (ruwe SQL met ``FROM``/``JOIN``, ``text()``), hangen ervan af — voor hen geldt dus het oude
  gedrag: elke schrijfactie maakt ze oud.

**Schrijvers.** Een sessie verzamelt welke tabellen ze schrijft: bij ``after_flush`` de tabellen van
``session.new/dirty/deleted`` (alle tabellen van de mapper, dus ook bij joined inheritance, en de
koppeltabellen van veel-op-veel-relaties), bij ``do_orm_execute`` de tabellen van elke insert/update/delete
(ORM-bulk en Core via de sessie; ruwe SQL die schrijft → ``alles``). Tabellen die via een foreign key met
``ON DELETE``/``ON UPDATE``-actie meeveranderen, komen erbij. Ná de commit van de buitenste transactie verhoogt
één Redis-transactie (MULTI) de teller van elke geschreven tabel en ``*``. Rollback → niets; het vrijgeven van
een savepoint telt niet als commit (de buitenste transactie kan nog terugdraaien).

**Lezers.** Een gecachete functie die niet in de cache staat, leest eerst (één MGET) de huidige generaties
van alle tabellen, ``alles`` en ``*``, en rekent dan in een verse sessie op dezelfde verbinding en
transactie (een lege identity map: elk ORM-object komt via SQL binnen, ook bij ``Session.get()`` en lazy
loads, dus niets van vóór de momentopname). Elke SQL-opdracht die daarbij naar de database gaat (ORM, Core,
pandas, lazy loads, joinedload) wordt op cursorniveau bekeken: de tabelnamen in de SQL en alle tabellen in de
opdrachtboom (subqueries, CTE's, ``exists()``) zijn de afhankelijkheden. Het resultaat wordt bewaard als
``(tabellen, generaties van die tabellen in de momentopname, waarde)`` onder::

    <voorvoegsel>:w:<database>:<vandaag>:<functie>:<hash van de argumenten>

Lezen: GET het item, MGET de huidige generaties van zijn tabellen (+ ``alles``); gelijk → treffer, anders
opnieuw berekenen. Een commit die tijdens de berekening plaatsvindt, verhoogt een teller ná de momentopname:
het bewaarde item is dan meteen oud en wordt de volgende keer opnieuw berekend. Een geneste gecachete functie
geeft haar afhankelijkheden door aan de buitenste (ook bij een treffer).

- **database**: backend, host, poort, database en opties van de URL (dus ook het schema); geen wachtwoord.
- **vandaag**: ``date.today()``; functies die "vandaag" gebruiken, krijgen zo elke dag een verse uitkomst.
- Een TTL (standaard een uur) als vangnet.

Nooit gecachet:

- een sessie met eigen ``do_orm_execute``-luisteraars: zo'n sessie herschrijft zijn queries, zoals
  :func:`datalaag.presentatie.bevroren` (rijen tot een peildatum). Een bevroren presentatie krijgt dus
  nooit ontdooide cijfers uit de cache, en vult de cache ook niet met bevroren cijfers;
- een sessie die in deze transactie al schreef of wijzigingen klaar heeft staan (schrijfservices);
- argumenten die niet eenduidig in een sleutel passen (een onbekend type, zoals een ``Actor``): de
  functie draait dan gewoon tegen de database. Functies die van de aangemelde gebruiker afhangen,
  krijgen de decorator niet.

Schrijvers langs de sessie heen (ruwe DBAPI-cursor, ``engine.begin()``) roepen zelf :func:`verhoog_generatie`
aan (of :func:`markeer_geschreven` als ze via de sessie committen).

Redis onbereikbaar: de functie draait tegen de database (één waarschuwing in het log), nooit een fout. Na
een storing verhoogt dit proces ``alles`` zodra Redis terug is (een schrijfactie tijdens de storing kon haar
tellers niet verhogen).
"""

from __future__ import annotations

import contextvars
import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import logging
import os
import pickle
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import Engine, Table, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.orm import ONETOMANY, Session, object_mapper
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.sql.expression import TableClause

from datalaag.redisklant import redis_klant

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

#: Hoe lang een resultaat hooguit blijft staan (vangnet naast de generaties).
STANDAARD_TTL_S = 3600
#: Na een fout met Redis: zo lang niet opnieuw proberen (geen seconde wachten per verzoek).
PAUZE_NA_FOUT_S = 15
#: Grotere resultaten worden niet bewaard (Redis is geen opslag voor hele tabellen).
MAX_BYTES = 8 * 1024 * 1024

#: Teller die bulkschrijvers verhogen; elk resultaat hangt ervan af.
ALLES = "alles"
#: Teller die elke schrijvende commit verhoogt; voor resultaten met niet-herleidbare (ruwe) SQL.
ELKE = "*"

_GESCHREVEN = "wijk_cache_geschreven"  # sessie.info: set met geschreven tabellen (en eventueel ALLES)
_FORMAAT = 2  # versie van het opgeslagen item


@dataclasses.dataclass
class _Toestand:
    url: str | None = None
    voorvoegsel: str = "wijk"
    ttl: int = STANDAARD_TTL_S
    geconfigureerd: bool = False
    pauze_tot: float = 0.0
    storing: bool = False  # een fout gezien: bij herstel eerst 'alles' verhogen
    gemeld: bool = False
    treffers: int = 0
    missers: int = 0


_toestand = _Toestand()
_slot = threading.Lock()


# --------------------------------------------------------------------------- instellen


def configureer(redis_url: str | None, voorvoegsel: str = "wijk", ttl: int = STANDAARD_TTL_S) -> None:
    """Zet de cache aan (met een Redis-URL) of uit (``None``). De app doet dit bij de start."""
    global _toestand
    with _slot:
        _toestand = _Toestand(url=(redis_url or "").strip() or None, voorvoegsel=voorvoegsel, ttl=ttl,
                              geconfigureerd=True)


def _actief() -> _Toestand:
    """De instellingen; zonder :func:`configureer` (opdrachtregel, scripts) uit ``REDIS_URL``."""
    global _toestand
    if not _toestand.geconfigureerd:
        with _slot:
            if not _toestand.geconfigureerd:
                _toestand = _Toestand(url=(os.environ.get("REDIS_URL") or "").strip() or None, geconfigureerd=True)
    return _toestand


def is_actief() -> bool:
    return _actief().url is not None


def statistiek() -> dict[str, int]:
    """Treffers en missers in dit proces (voor tests en de benchmark)."""
    t = _actief()
    return {"treffers": t.treffers, "missers": t.missers}


# --------------------------------------------------------------------------- database-identiteit


_STANDAARDPOORTEN = {"postgresql": 5432, "mysql": 3306, "mariadb": 3306}


@functools.lru_cache(maxsize=1)
def codeversie() -> str:
    """Vingerafdruk van de code die de gecachete resultaten maakt (de bronbestanden van ``datalaag``). Staat in
    elke sleutel: na een nieuwe versie (andere velden in een dataclass, andere berekening) wordt niets uit de
    vorige versie gelezen — ook niet als oude en nieuwe workers even naast elkaar draaien."""
    h = hashlib.sha256()
    for pad in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        h.update(pad.name.encode())
        h.update(pad.read_bytes())
    return h.hexdigest()[:12]


@functools.lru_cache(maxsize=64)
def _database_id_van_url(url: str) -> str:
    u: URL = make_url(url)
    backend = u.get_backend_name()
    if backend == "sqlite":
        db = u.database or ""
        if db and db != ":memory:" and not db.startswith("file:"):
            db = str(Path(db).resolve())
        naam = f"sqlite:{db}"
    else:
        opties = "&".join(f"{k}={v}" for k, v in sorted(u.query.items()) if k != "connect_timeout")
        # Dezelfde database met of zonder standaardpoort, of met een andere schrijfwijze van de host, is dezelfde:
        # anders zou een schrijver (opdrachtregel) met een net andere DATABASE_URL de cache van de workers missen.
        poort = u.port or _STANDAARDPOORTEN.get(backend, "")
        naam = f"{backend}://{(u.host or 'localhost').lower()}:{poort}/{u.database or ''}?{opties}"
    return hashlib.sha256(naam.encode()).hexdigest()[:16]


def database_id(bind: Engine | Connection | Session | str | URL) -> str:
    """Korte, stabiele naam van de database achter ``bind`` (zelfde database → zelfde naam in elk proces)."""
    if isinstance(bind, Session):
        bind = bind.get_bind()
    if isinstance(bind, Connection):
        bind = bind.engine
    if isinstance(bind, Engine):
        bind = bind.url
    if isinstance(bind, URL):
        bind = bind.render_as_string(hide_password=False)
    return _database_id_van_url(str(bind))


# --------------------------------------------------------------------------- tabellen van het schema


@functools.lru_cache(maxsize=1)
def _schema() -> tuple[frozenset[str], dict[str, frozenset[str]], re.Pattern[str]]:
    """(alle tabelnamen, per tabel de tabellen die via een FK-actie meeveranderen, patroon voor tabelnamen in SQL)."""
    from datalaag.models import Base

    tabellen = Base.metadata.tables.values()
    namen = frozenset(t.name for t in tabellen)
    direct: dict[str, set[str]] = {n: set() for n in namen}
    for tabel in tabellen:
        for fk in tabel.foreign_keys:
            acties = {(fk.ondelete or "").upper(), (fk.onupdate or "").upper()} - {"", "NO ACTION", "RESTRICT"}
            if acties:
                direct.setdefault(fk.column.table.name, set()).add(tabel.name)
    gevolg: dict[str, frozenset[str]] = {}
    for naam in direct:
        gezien, rij = set(), [naam]
        while rij:
            for volgende in direct.get(rij.pop(), ()):
                if volgende not in gezien:
                    gezien.add(volgende)
                    rij.append(volgende)
        gevolg[naam] = frozenset(gezien)
    alternatief = "|".join(re.escape(n) for n in sorted(namen, key=len, reverse=True))
    patroon = re.compile(rf"(?<![\w$])({alternatief})(?![\w$])", re.IGNORECASE)
    return namen, gevolg, patroon


def _met_gevolgen(tabellen: Iterable[str]) -> set[str]:
    _, gevolg, _ = _schema()
    uit = set(tabellen)
    for naam in list(uit):
        uit |= gevolg.get(naam, frozenset())
    return uit


_LEEST_RUW = re.compile(r"\b(from|join)\b", re.IGNORECASE)
_leescache: dict[str, frozenset[str]] = {}


def _gelezen_tabellen(sql: str, opdracht: Any) -> frozenset[str]:
    """De tabellen waarvan een uitgevoerde SQL-opdracht afhangt (per SQL-tekst onthouden).

    De tabelnamen van het schema die in de SQL staan (dus ook wat de ORM er bij het compileren bij zette:
    joinedload, lazy loads) plus elke tabel in de opdrachtboom. Ruwe SQL (``text()``, ``exec_driver_sql``) die
    uit iets leest (``FROM``/``JOIN``), en tabellen buiten het schema: ``*``."""
    bekend = _leescache.get(sql)
    if bekend is not None:
        return bekend
    namen_schema, _, patroon = _schema()
    namen = {m.lower() for m in patroon.findall(sql)}
    if opdracht is None:
        if _LEEST_RUW.search(sql):
            namen.add(ELKE)
    else:
        for element in visitors.iterate(opdracht):
            if isinstance(element, TableClause):
                namen.add(element.name if element.name in namen_schema else ELKE)
            elif isinstance(element, TextClause) and _LEEST_RUW.search(element.text):
                namen.add(ELKE)
    uitkomst = frozenset(namen)
    if len(_leescache) > 4096:
        _leescache.clear()
    _leescache[sql] = uitkomst
    return uitkomst


# --------------------------------------------------------------------------- Redis met terugval


def _klant(t: _Toestand):
    if t.url is None or time.monotonic() < t.pauze_tot:
        return None
    return redis_klant(t.url)


def _fout(t: _Toestand, exc: BaseException) -> None:
    t.pauze_tot = time.monotonic() + PAUZE_NA_FOUT_S
    t.storing = True
    if not t.gemeld:
        t.gemeld = True
        log.warning("Redis niet bereikbaar (%s): de pagina's lezen direct uit de database.", exc)


def _herstel(t: _Toestand, klant, db: str | None) -> None:
    """Eerste geslaagde contact na een storing: alle generaties zijn verdacht → verhoog 'alles' overal."""
    if not t.storing:
        return
    for sleutel in klant.scan_iter(match=f"{t.voorvoegsel}:gen:*:{ALLES}", count=100):
        klant.incr(sleutel)
    if db is not None:
        klant.incr(_generatiesleutel(t, db, ALLES))
    t.storing = False
    t.gemeld = False
    t.pauze_tot = 0.0  # Redis antwoordt weer: niet langer wachten
    log.info("Redis weer bereikbaar: cache-generaties verhoogd.")


def _generatiesleutel(t: _Toestand, db: str, tabel: str) -> str:
    return f"{t.voorvoegsel}:gen:{db}:{tabel}"


def generatie(bind: Engine | Connection | Session | str | URL, tabel: str | None = None) -> int | None:
    """De huidige generatie voor de database (``None`` zonder Redis of als Redis niet bereikbaar is).

    Zonder ``tabel``: ``*`` + ``alles`` (stijgt bij elke schrijvende commit en elke bulkverhoging); met
    ``tabel``: de teller van die tabel + ``alles``."""
    t = _actief()
    klant = _klant(t)
    if klant is None:
        return None
    db = database_id(bind)
    try:
        _herstel(t, klant, None)
        waarden = klant.mget([_generatiesleutel(t, db, tabel or ELKE), _generatiesleutel(t, db, ALLES)])
    except Exception as exc:  # noqa: BLE001 - elke Redis-fout: terugvallen op de database
        _fout(t, exc)
        return None
    return sum(int(w or 0) for w in waarden)


def _verhoog(bind: Any, tabellen: Iterable[str]) -> None:
    t = _actief()
    if t.url is None:
        return
    db = database_id(bind)
    klant = redis_klant(t.url)  # ook tijdens een pauze proberen: een verhoging mag niet wegvallen
    # Een verhoging die wegvalt, laat andere processen een oud cijfer tonen (tot de TTL): bij een kortstondige
    # fout daarom nog twee keer proberen, en anders luid melden.
    for poging, wacht in enumerate((0.05, 0.25, None), start=1):
        try:
            _herstel(t, klant, None)
            pijp = klant.pipeline(transaction=True)
            for tabel in sorted(set(tabellen)):
                pijp.incr(_generatiesleutel(t, db, tabel))
            pijp.execute()
            return
        except Exception as exc:  # noqa: BLE001
            _fout(t, exc)
            if wacht is None:
                log.error("Cache-generatie niet verhoogd na %d pogingen (%s): andere processen kunnen tot %d s "
                          "een oud cijfer tonen. Verhelp Redis, of leeg de cache met 'redis-cli FLUSHDB'.",
                          poging, exc, t.ttl)
                return
            time.sleep(wacht)


def verhoog_generatie(bind: Engine | Connection | Session | str | URL) -> None:
    """Na een schrijfactie buiten de ORM-sessie om (seed, backup, COPY): álle gecachete resultaten van deze
    database zijn vanaf nu oud (verhoogt ``alles``)."""
    _verhoog(bind, [ALLES, ELKE])


def leeg_voorvoegsel(voorvoegsel: str | None = None) -> int:
    """Verwijder alle sleutels met dit voorvoegsel (tests; beheer). Geeft het aantal verwijderde sleutels."""
    t = _actief()
    klant = _klant(t)
    if klant is None:
        return 0
    aantal = 0
    for sleutel in klant.scan_iter(match=f"{voorvoegsel or t.voorvoegsel}:*", count=500):
        aantal += klant.delete(sleutel)
    return aantal


# --------------------------------------------------------------------------- sleutels


class _NietCachebaar(Exception):
    pass


def _sleuteldeel(waarde: Any) -> Any:
    """Een eenduidige, deterministische weergave van een argument; anders :class:`_NietCachebaar`."""
    if waarde is None or isinstance(waarde, bool | int | float | str | bytes | Decimal):
        return (type(waarde).__name__, waarde)
    if isinstance(waarde, dt.date | dt.datetime | dt.time):
        return (type(waarde).__name__, waarde.isoformat())
    if isinstance(waarde, enum.Enum):
        return ("enum", type(waarde).__qualname__, _sleuteldeel(waarde.value))
    if isinstance(waarde, list | tuple):
        return (type(waarde).__name__, tuple(_sleuteldeel(w) for w in waarde))
    if isinstance(waarde, frozenset | set):
        return ("set", tuple(sorted(repr(_sleuteldeel(w)) for w in waarde)))
    if isinstance(waarde, Mapping):
        return ("map", tuple(sorted((repr(_sleuteldeel(k)), _sleuteldeel(v)) for k, v in waarde.items())))
    if dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
        naam = f"{type(waarde).__module__}.{type(waarde).__qualname__}"
        if naam in _NOOIT_IN_SLEUTEL:
            raise _NietCachebaar(naam)
        return (naam, tuple((f.name, _sleuteldeel(getattr(waarde, f.name))) for f in dataclasses.fields(waarde)))
    raise _NietCachebaar(type(waarde).__qualname__)


#: Typen die nooit in een sleutel mogen: wat de aangemelde gebruiker is of mag.
_NOOIT_IN_SLEUTEL = frozenset({"datalaag.autorisatie.Actor"})


def _sessie_cachebaar(sessie: Any) -> bool:
    if not isinstance(sessie, Session):
        return False
    if sessie.info.get(_GESCHREVEN) or sessie.new or sessie.dirty or sessie.deleted:
        return False
    # Eigen do_orm_execute-luisteraars op deze sessie (bevroren presentatie): niet cachen.
    luisteraars = getattr(sessie.dispatch.do_orm_execute, "listeners", ())
    return not luisteraars


def _sleutel(t: _Toestand, db: str, functie: str, args: tuple, kwargs: dict) -> str:
    deel = repr((_sleuteldeel(args), _sleuteldeel(kwargs)))
    h = hashlib.sha256(deel.encode()).hexdigest()[:32]
    return f"{t.voorvoegsel}:w:{codeversie()}:{db}:{dt.date.today().isoformat()}:{functie}:{h}"


# --------------------------------------------------------------------------- afhankelijkheden van een berekening


@dataclasses.dataclass
class _Berekening:
    """Eén lopende berekening van een gecachete functie: de momentopname en de gelezen tabellen."""

    momentopname: dict[str, int]
    tabellen: set[str] = dataclasses.field(default_factory=set)


_berekeningen: contextvars.ContextVar[tuple[_Berekening, ...]] = contextvars.ContextVar("wijk_cache_berekeningen",
                                                                                        default=())


def _noteer(tabellen: Iterable[str]) -> None:
    """Tabellen horen bij alle lopende berekeningen (de buitenste hangt ook af van wat een binnenste las)."""
    lopend = _berekeningen.get()
    if lopend:
        tabellen = tuple(tabellen)
        for b in lopend:
            b.tabellen.update(tabellen)


@event.listens_for(Engine, "before_cursor_execute")
def _let_op_lezen(_conn, _cursor, sql, _parameters, context, _executemany) -> None:
    if not _berekeningen.get():
        return
    compiled = getattr(context, "compiled", None)
    _noteer(_gelezen_tabellen(sql, getattr(compiled, "statement", None) if compiled is not None else None))


def _momentopname(t: _Toestand, klant, db: str) -> dict[str, int]:
    """De huidige generaties van alle tabellen + 'alles' + '*' (één MGET)."""
    namen = [*sorted(_schema()[0]), ALLES, ELKE]
    waarden = klant.mget([_generatiesleutel(t, db, n) for n in namen])
    return {n: int(w or 0) for n, w in zip(namen, waarden, strict=True)}


def _item(tabellen: tuple[str, ...], generaties: tuple[int, ...], data: bytes) -> bytes:
    return pickle.dumps((_FORMAAT, tabellen, generaties, data), protocol=pickle.HIGHEST_PROTOCOL)


# --------------------------------------------------------------------------- de decorator


def gecachet(functie: Callable[P, T]) -> Callable[P, T]:
    """Read-through cache voor een leesfunctie ``functie(sessie, *args, **kwargs)`` (zie de moduletekst).

    Het resultaat moet te picklen zijn en mag geen ORM-objecten bevatten (alleen dataclasses, DataFrames,
    lijsten, getallen…): de berekening krijgt een verse sessie op dezelfde verbinding en transactie. Naam en
    handtekening blijven gelijk (``functools.wraps``); ``__wrapped__`` is de functie zonder cache.
    """
    naam = f"{functie.__module__}.{functie.__qualname__}"

    @functools.wraps(functie)
    def omhulsel(*args: P.args, **kwargs: P.kwargs) -> T:
        t = _actief()
        if t.url is None or not args or not _sessie_cachebaar(args[0]):
            return functie(*args, **kwargs)
        sessie: Session = args[0]  # type: ignore[assignment]
        klant = _klant(t)
        if klant is None:
            return functie(*args, **kwargs)
        try:
            db = database_id(sessie)
            sleutel = _sleutel(t, db, naam, args[1:], kwargs)
            _herstel(t, klant, db)
            opgeslagen = klant.get(sleutel)
            treffer = _geldig(t, klant, db, opgeslagen) if opgeslagen is not None else None
            if treffer is None:  # vóór de berekening: de generaties waar het resultaat bij hoort
                lopend = _berekeningen.get()
                momentopname = lopend[-1].momentopname if lopend else _momentopname(t, klant, db)
        except _NietCachebaar:
            return functie(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - Redis weg of traag: uit de database
            _fout(t, exc)
            return functie(*args, **kwargs)
        if treffer is not None:
            tabellen, uitkomst = treffer
            _noteer(tabellen)
            t.treffers += 1
            return uitkomst
        t.missers += 1
        uitkomst, tabellen, schoon = _bereken(functie, sessie, args[1:], kwargs, momentopname)
        if not (schoon and _sessie_cachebaar(sessie)):  # de functie schreef: niet bewaren
            return uitkomst
        onbekend = tabellen - momentopname.keys()
        if onbekend:  # (kan niet: _gelezen_tabellen geeft alleen schematabellen of '*')
            tabellen = (tabellen - onbekend) | {ELKE}
        afhankelijk = tuple(sorted(tabellen | {ALLES}))
        try:
            data = pickle.dumps(uitkomst, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001
            log.warning("Resultaat van %s is niet te cachen: %s", naam, exc)
            return uitkomst
        if len(data) <= MAX_BYTES:
            item = _item(afhankelijk, tuple(momentopname[n] for n in afhankelijk), data)
            try:
                pijp = klant.pipeline(transaction=False)
                pijp.set(sleutel, item, ex=t.ttl)
                # Zo vindt het herstel na een storing ('alles' overal verhogen) deze database terug.
                pijp.set(_generatiesleutel(t, db, ALLES), 0, nx=True)
                pijp.execute()
            except Exception as exc:  # noqa: BLE001
                _fout(t, exc)
        return uitkomst

    omhulsel.cache_naam = naam  # type: ignore[attr-defined]
    return omhulsel


def _geldig(t: _Toestand, klant, db: str, opgeslagen: bytes) -> tuple[tuple[str, ...], Any] | None:
    """(tabellen, waarde) als het item bij de huidige generaties hoort, anders ``None``."""
    try:
        formaat, tabellen, generaties, data = pickle.loads(opgeslagen)
        if formaat != _FORMAAT:
            return None
    except Exception:  # noqa: BLE001 - ander formaat: opnieuw berekenen
        return None
    nu = klant.mget([_generatiesleutel(t, db, n) for n in tabellen])
    if tuple(int(w or 0) for w in nu) != tuple(generaties):
        return None
    try:
        return tabellen, pickle.loads(data)
    except Exception:  # noqa: BLE001 - oude klasse na een update: opnieuw berekenen
        log.warning("Onleesbaar cache-item; opnieuw berekend.")
        return None


def _bereken(functie: Callable, sessie: Session, args: tuple, kwargs: dict,
             momentopname: dict[str, int]) -> tuple[Any, set[str], bool]:
    """Reken in een verse sessie op dezelfde verbinding en transactie, en noteer welke tabellen ze las.

    Een lege identity map: geen ORM-object van vóór de momentopname (``Session.get()``, een lazy load die de
    identity map beantwoordt) kan ongemerkt in het resultaat komen; alles gaat via SQL en wordt gezien."""
    vers = Session(bind=sessie.connection(), join_transaction_mode="rollback_only", autoflush=False,
                   expire_on_commit=False)
    berekening = _Berekening(momentopname)
    token = _berekeningen.set((*_berekeningen.get(), berekening))
    try:
        uitkomst = functie(vers, *args, **kwargs)
        schoon = _sessie_cachebaar(vers)
        geschreven = vers.info.get(_GESCHREVEN)
        if geschreven:  # (een leesfunctie hoort niet te schrijven) de buitenste sessie commit het
            _geschreven(sessie).update(geschreven)
    finally:
        _berekeningen.reset(token)
        vers.close()
    return uitkomst, berekening.tabellen, schoon


# --------------------------------------------------------------------------- invalidatie via sessie-events


_SCHRIJFWOORDEN = {"insert", "update", "delete", "truncate", "copy", "merge", "alter", "drop", "create", "replace"}


def _is_ruwe_schrijfopdracht(opdracht: Any) -> bool:
    if isinstance(opdracht, TextClause):
        woord = opdracht.text.lstrip().split(None, 1)[:1]
        return bool(woord) and woord[0].lower() in _SCHRIJFWOORDEN
    return False


def _geschreven(sessie: Session) -> set[str]:
    return sessie.info.setdefault(_GESCHREVEN, set())


@functools.lru_cache(maxsize=None)
def _tabellen_van_mapper(mapper) -> frozenset[str]:
    """De tabellen die een flush van een object van deze mapper kan schrijven: zijn eigen tabellen (joined
    inheritance: alle), koppeltabellen van veel-op-veel, en (doorlopend) de tabellen aan de veel-kant van
    een-op-veel-relaties (cascade delete, of de foreign key op NULL bij verwijderen/loskoppelen)."""
    namen: set[str] = set()
    rij, gezien = [mapper], set()
    while rij:
        m = rij.pop()
        if m in gezien:
            continue
        gezien.add(m)
        namen |= {t.name for t in m.tables}
        for relatie in m.relationships:
            if relatie.viewonly:
                continue
            if isinstance(relatie.secondary, Table):
                namen.add(relatie.secondary.name)
            if relatie.direction is ONETOMANY:
                rij.append(relatie.mapper)
    return frozenset(namen)


@event.listens_for(Session, "do_orm_execute")
def _let_op_schrijven(toestand) -> None:
    if toestand.is_insert or toestand.is_update or toestand.is_delete:
        namen = {e.name for e in visitors.iterate(toestand.statement) if isinstance(e, TableClause)}
        for mapper in toestand.all_mappers:
            namen |= _tabellen_van_mapper(mapper)
        _geschreven(toestand.session).update(_met_gevolgen(namen) if namen else {ALLES})
    elif _is_ruwe_schrijfopdracht(toestand.statement):
        _geschreven(toestand.session).add(ALLES)


@event.listens_for(Session, "after_flush")
def _na_flush(sessie: Session, _context) -> None:
    namen: set[str] = set()
    mappers = {object_mapper(o) for o in (*sessie.new, *sessie.dirty, *sessie.deleted)}
    for mapper in mappers:
        namen |= _tabellen_van_mapper(mapper)
    if namen:
        _geschreven(sessie).update(_met_gevolgen(namen))


@event.listens_for(Session, "after_commit")
def _na_commit(sessie: Session) -> None:
    if sessie.in_nested_transaction():  # een savepoint vrijgegeven: de buitenste transactie kan nog terug
        return
    tabellen = sessie.info.pop(_GESCHREVEN, None)
    if not tabellen:
        return
    try:
        bind = sessie.get_bind()
    except Exception:  # noqa: BLE001 - geen bind: niets te verhogen
        return
    _verhoog(bind, tabellen | {ELKE})


@event.listens_for(Session, "after_soft_rollback")
def _na_rollback(sessie: Session, vorige) -> None:
    # Alleen de buitenste transactie: na een teruggedraaid savepoint kan de rest nog committen.
    if vorige.parent is None:
        sessie.info.pop(_GESCHREVEN, None)


@event.listens_for(Session, "after_transaction_end")
def _na_einde(sessie: Session, transactie) -> None:
    # Einde van de buitenste transactie zonder commit (close): niets meer te verhogen.
    if transactie.parent is None:
        sessie.info.pop(_GESCHREVEN, None)


def markeer_geschreven(sessie: Session) -> None:
    """Voor schrijvers die buiten de ORM om schrijven (COPY op de ruwe verbinding) maar wel via deze sessie
    committen: na de commit wordt ``alles`` verhoogd."""
    _geschreven(sessie).add(ALLES)
