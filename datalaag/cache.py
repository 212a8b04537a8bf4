"""Een read-through cache in Redis voor de leesfuncties van de pagina's, correct over alle workers.

Alleen als er een Redis-URL is (``REDIS_URL``; de app zet haar via :func:`configureer` bij de start). Zonder
Redis wordt er niets gecachet: een cache per proces zou in de ene gunicorn-worker een ander cijfer tonen dan
in de andere.

Sleutel van een resultaat::

    <voorvoegsel>:w:<database>:<generatie>:<vandaag>:<functie>:<hash van de argumenten>

- **database**: backend, host, poort, database en opties van de URL (dus ook het schema); geen wachtwoord.
- **generatie**: een teller per database in Redis (``<voorvoegsel>:generatie:<database>``). Elke transactie
  die iets schreef, verhoogt haar ná de commit (sessie-events hieronder; schrijvers buiten een ORM-sessie
  om — backup terugzetten, bulkladen — roepen :func:`verhoog_generatie` zelf aan). Een cijfer van vóór
  een wijziging hoort zo bij een oude generatie en wordt nooit meer gelezen. De generatie wordt gelezen
  vóór de query: een lezer die nog de oude stand zag, bewaart die onder de oude generatie.
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

Redis onbereikbaar: de functie draait tegen de database (één waarschuwing in het log), nooit een fout. Na
een storing verhoogt dit proces de generatie zodra Redis terug is (een schrijfactie tijdens de storing
kon haar niet verhogen).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import logging
import os
import pickle
import threading
import time
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import Engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

from datalaag.redisklant import redis_klant

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

#: Hoe lang een resultaat hooguit blijft staan (vangnet naast de generatie).
STANDAARD_TTL_S = 3600
#: Na een fout met Redis: zo lang niet opnieuw proberen (geen seconde wachten per verzoek).
PAUZE_NA_FOUT_S = 15
#: Grotere resultaten worden niet bewaard (Redis is geen opslag voor hele tabellen).
MAX_BYTES = 8 * 1024 * 1024

_GESCHREVEN = "wijk_cache_geschreven"


@dataclasses.dataclass
class _Toestand:
    url: str | None = None
    voorvoegsel: str = "wijk"
    ttl: int = STANDAARD_TTL_S
    geconfigureerd: bool = False
    pauze_tot: float = 0.0
    storing: bool = False  # een fout gezien: bij herstel eerst de generatie verhogen
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
        naam = f"{backend}://{u.host or ''}:{u.port or ''}/{u.database or ''}?{opties}"
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
    """Eerste geslaagde contact na een storing: alle generaties zijn verdacht → verhoog ze."""
    if not t.storing:
        return
    for sleutel in klant.scan_iter(match=f"{t.voorvoegsel}:generatie:*", count=100):
        klant.incr(sleutel)
    if db is not None:
        klant.incr(_generatiesleutel(t, db))
    t.storing = False
    t.gemeld = False
    log.info("Redis weer bereikbaar: cache-generaties verhoogd.")


def _generatiesleutel(t: _Toestand, db: str) -> str:
    return f"{t.voorvoegsel}:generatie:{db}"


def generatie(bind: Engine | Connection | Session | str | URL) -> int | None:
    """De huidige generatie voor de database (``None`` zonder Redis of als Redis niet bereikbaar is)."""
    t = _actief()
    klant = _klant(t)
    if klant is None:
        return None
    db = database_id(bind)
    try:
        _herstel(t, klant, None)
        waarde = klant.get(_generatiesleutel(t, db))
    except Exception as exc:  # noqa: BLE001 - elke Redis-fout: terugvallen op de database
        _fout(t, exc)
        return None
    return int(waarde or 0)


def verhoog_generatie(bind: Engine | Connection | Session | str | URL) -> None:
    """Na een commit die iets schreef: alle gecachete resultaten van deze database zijn vanaf nu oud."""
    t = _actief()
    if t.url is None:
        return
    db = database_id(bind)
    klant = redis_klant(t.url)  # ook tijdens een pauze proberen: een verhoging mag niet wegvallen
    try:
        _herstel(t, klant, None)
        klant.incr(_generatiesleutel(t, db))
    except Exception as exc:  # noqa: BLE001
        _fout(t, exc)


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


def _sleutel(t: _Toestand, db: str, gen: int, functie: str, args: tuple, kwargs: dict) -> str:
    deel = repr((_sleuteldeel(args), _sleuteldeel(kwargs)))
    h = hashlib.sha256(deel.encode()).hexdigest()[:32]
    return f"{t.voorvoegsel}:w:{db}:{gen}:{dt.date.today().isoformat()}:{functie}:{h}"


# --------------------------------------------------------------------------- de decorator


def gecachet(functie: Callable[P, T]) -> Callable[P, T]:
    """Read-through cache voor een leesfunctie ``functie(sessie, *args, **kwargs)`` (zie de moduletekst).

    Het resultaat moet te picklen zijn en mag geen ORM-objecten bevatten (alleen dataclasses, DataFrames,
    lijsten, getallen…). Naam en handtekening blijven gelijk (``functools.wraps``); ``__wrapped__`` is de
    functie zonder cache.
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
            _herstel(t, klant, db)
            gen = int(klant.get(_generatiesleutel(t, db)) or 0)
            sleutel = _sleutel(t, db, gen, naam, args[1:], kwargs)
            opgeslagen = klant.get(sleutel)
        except _NietCachebaar:
            return functie(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - Redis weg of traag: uit de database
            _fout(t, exc)
            return functie(*args, **kwargs)
        if opgeslagen is not None:
            try:
                uitkomst = pickle.loads(opgeslagen)
            except Exception:  # noqa: BLE001 - oude klasse na een update: opnieuw berekenen
                log.warning("Onleesbaar cache-item %s; opnieuw berekend.", naam)
            else:
                t.treffers += 1
                return uitkomst
        t.missers += 1
        uitkomst = functie(*args, **kwargs)
        if not _sessie_cachebaar(sessie):  # de functie zelf schreef (zou niet moeten): niet bewaren
            return uitkomst
        try:
            data = pickle.dumps(uitkomst, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001
            log.warning("Resultaat van %s is niet te cachen: %s", naam, exc)
            return uitkomst
        if len(data) <= MAX_BYTES:
            try:
                klant.set(sleutel, data, ex=t.ttl)
            except Exception as exc:  # noqa: BLE001
                _fout(t, exc)
        return uitkomst

    omhulsel.cache_naam = naam  # type: ignore[attr-defined]
    return omhulsel


# --------------------------------------------------------------------------- invalidatie via sessie-events


def _is_schrijfopdracht(toestand) -> bool:
    if toestand.is_insert or toestand.is_update or toestand.is_delete:
        return True
    opdracht = toestand.statement
    if isinstance(opdracht, TextClause):
        woord = opdracht.text.lstrip().split(None, 1)[:1]
        return bool(woord) and woord[0].lower() in {"insert", "update", "delete", "truncate", "copy", "merge",
                                                    "alter", "drop", "create"}
    return False


@event.listens_for(Session, "do_orm_execute")
def _let_op_schrijven(toestand) -> None:
    if _is_schrijfopdracht(toestand):
        toestand.session.info[_GESCHREVEN] = True


@event.listens_for(Session, "after_flush")
def _na_flush(sessie: Session, _context) -> None:
    if sessie.new or sessie.dirty or sessie.deleted:
        sessie.info[_GESCHREVEN] = True


@event.listens_for(Session, "after_commit")
def _na_commit(sessie: Session) -> None:
    if sessie.info.pop(_GESCHREVEN, False):
        try:
            bind = sessie.get_bind()
        except Exception:  # noqa: BLE001 - geen bind: niets te verhogen
            return
        verhoog_generatie(bind)


@event.listens_for(Session, "after_rollback")
def _na_rollback(sessie: Session) -> None:
    # Een echte rollback (de buitenste transactie): er is niets geschreven.
    sessie.info.pop(_GESCHREVEN, None)


def markeer_geschreven(sessie: Session) -> None:
    """Voor schrijvers die buiten de ORM om schrijven (COPY op de ruwe verbinding) maar wel via deze sessie
    committen: na de commit wordt de generatie verhoogd."""
    sessie.info[_GESCHREVEN] = True
