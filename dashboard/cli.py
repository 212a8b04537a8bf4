"""Opdrachtregel: ``python -m dashboard run | db upgrade | seed --demo [--schaal N|g4] | kaart laden BESTAND |
norm [CATEGORIE WERKDAGEN] | gebruiker toevoegen … | gebruiker demo-uitschakelen |
importeer SOORT BESTAND [--proef] [--als EMAIL] | rapport <slug|stad> --pdf BESTAND [--peildatum dd-mm-jjjj] |
backup BESTAND [--overschrijf] | restore BESTAND --ja``.

Fouten in configuratie of database geven één Nederlandse regel op stderr en exitcode 2,
geen traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from dashboard.config import Config, ConfigFout
from datalaag.db import DatabaseFout


def _schaal(waarde: str) -> int | str:
    """``--schaal``: een geheel getal (1 = Almelo) of ``g4`` (een G4-gemeente, zie seed/groot.py)."""
    if waarde.strip().lower() == "g4":
        return "g4"
    try:
        return int(waarde)
    except ValueError:
        raise argparse.ArgumentTypeError(f"geef een geheel getal (1 = Almelo) of g4, niet {waarde!r}") from None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m dashboard", description="Wijkaanpak-dashboard Almelo")
    sub = p.add_subparsers(dest="opdracht", required=True)

    run = sub.add_parser("run", help="start de ontwikkelserver (demo: vult een lege database eerst)")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8050)
    run.add_argument("--debug", action="store_true")

    db = sub.add_parser("db", help="databasebeheer")
    db_sub = db.add_subparsers(dest="db_opdracht", required=True)
    db_sub.add_parser("upgrade", help="breng het schema naar de nieuwste migratie")

    seed = sub.add_parser("seed", help="vul de database")
    seed.add_argument("--demo", action="store_true", required=True, help="demonstratiegegevens (verzonnen)")
    seed.add_argument("--schaal", type=_schaal, default=1,
                      help="grootte: 1 = Almelo (standaard); g4 = een G4-gemeente: 100 wijken, 20 jaar, "
                           "3 miljoen meldingen (in bulk, enkele minuten)")
    seed.add_argument("--seed", type=int, default=2008, help="startwaarde van de toevalsgenerator")
    seed.add_argument("--opnieuw", action="store_true", help="leeg eerst alle tabellen")

    kaart = sub.add_parser("kaart", help="wijkgrenzen voor de kaart")
    kaart_sub = kaart.add_subparsers(dest="kaart_opdracht", required=True)
    laden = kaart_sub.add_parser(
        "laden", help="lees wijkgrenzen uit een GeoJSON-bestand van de CBS wijk- en buurtkaart (WGS84 of RD New)"
    )
    laden.add_argument("bestand", help="GeoJSON FeatureCollection met wijkcode/wijknaam per feature")

    norm = sub.add_parser("norm", help="afhandelnormen van meldingen tonen of instellen (in werkdagen)")
    norm.add_argument("categorie", nargs="?", help="bijv. schoon, heel, veilig, overlast, sociaal, overig")
    norm.add_argument("werkdagen", nargs="?", help="de nieuwe norm in werkdagen")

    gebruiker = sub.add_parser("gebruiker", help="gebruikers beheren (de eerste beheerder, productie)")
    gebruiker_sub = gebruiker.add_subparsers(dest="gebruiker_opdracht", required=True)
    toevoegen = gebruiker_sub.add_parser(
        "toevoegen", help="nieuwe gebruiker; het wachtwoord komt uit WIJK_WACHTWOORD of wordt gevraagd")
    toevoegen.add_argument("--naam", required=True)
    toevoegen.add_argument("--email", required=True)
    toevoegen.add_argument("--rol", required=True, help="raadslid, wethouder, griffie, coordinator of beheerder")
    toevoegen.add_argument("--wijk", action="append", default=[], help="slug van een wijk (coördinator; herhaalbaar)")
    toevoegen.add_argument("--portefeuillehouder", help="naam van de portefeuillehouder (wethouder)")
    gebruiker_sub.add_parser("demo-uitschakelen", help="schakel alle demo-accounts uit (voor de overstap naar productie)")

    importeer = sub.add_parser("importeer", help="importeer metingen, meldingen of uitgaven uit CSV of Excel (alles of niets)")
    importeer.add_argument("soort", choices=["metingen", "meldingen", "uitgaven"])
    importeer.add_argument("bestand", help=".csv (UTF-8, ; of ,) of .xlsx; zie README, Importeren")
    importeer.add_argument("--proef", action="store_true", help="alleen controleren; er wordt niets opgeslagen")
    importeer.add_argument("--als", metavar="EMAIL", help="importeer als deze gebruiker (standaard: beheer via de opdrachtregel)")

    rapport = sub.add_parser("rapport", help="voortgangsrapportage van een wijk of de stad als PDF (A4), buiten de webserver")
    rapport.add_argument("onderwerp", help="slug van een wijk (bijv. de-riet) of 'stad'")
    rapport.add_argument("--pdf", required=True, metavar="BESTAND", help="het PDF-bestand dat wordt geschreven")
    rapport.add_argument("--peildatum", help="dd-mm-jjjj (standaard vandaag)")

    backup = sub.add_parser("backup", help="consistente kopie van de database naar een bestand, ook terwijl de app draait")
    backup.add_argument("bestand", help="het backupbestand dat wordt geschreven (bijv. wijkaanpak-2026-11-27.backup.gz)")
    backup.add_argument("--overschrijf", action="store_true", help="een bestaand bestand vervangen")
    restore = sub.add_parser("restore", help="zet een backup terug; vervangt ALLE gegevens (alleen met --ja)")
    restore.add_argument("bestand", help="een bestand van 'python -m dashboard backup'")
    restore.add_argument("--ja", action="store_true", help="bevestig dat alle gegevens in de database worden vervangen")
    return p


def _sessiefabriek(config: Config):
    """Verbinding controleren, schema naar de nieuwste migratie, en een sessiefabriek."""
    from datalaag import cache
    from datalaag.db import (
        controleer_verbinding,
        maak_engine,
        maak_sessiefabriek,
        upgrade_head,
    )

    # Elke schrijfactie van de opdrachtregel maakt na haar commit de gedeelde cache van de webworkers ongeldig.
    cache.configureer(config.redis_url)
    engine = maak_engine(config.database_url)
    controleer_verbinding(engine)
    upgrade_head(engine)
    return maak_sessiefabriek(engine)


def _fout(tekst: str) -> int:
    print(f"Fout: {tekst}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        config = Config.uit_omgeving()
        config.controleer()
        if args.opdracht == "run":
            return _run(config, args)
        if args.opdracht == "db":
            return _db_upgrade(config)
        if args.opdracht == "seed":
            return _seed(config, args)
        if args.opdracht == "kaart":
            return _kaart_laden(config, args)
        if args.opdracht == "norm":
            return _norm(config, args)
        if args.opdracht == "gebruiker":
            return _gebruiker(config, args)
        if args.opdracht == "importeer":
            return _importeer(config, args)
        if args.opdracht == "rapport":
            return _rapport(config, args)
        if args.opdracht == "backup":
            return _backup(config, args)
        if args.opdracht == "restore":
            return _restore(config, args)
    except (ConfigFout, DatabaseFout) as exc:
        return _fout(str(exc))
    return 1


def _norm(config: Config, args) -> int:
    from datalaag.autorisatie import Actor
    from datalaag.beheer import Invoerfout, afhandelnormen, zet_afhandelnorm

    if args.categorie is not None and args.werkdagen is None:
        return _fout("Geef de categorie én het aantal werkdagen, bijv.: python -m dashboard norm schoon 5")
    fabriek = _sessiefabriek(config)
    if args.categorie is not None:
        try:
            with fabriek() as sessie, sessie.begin():
                nieuw = zet_afhandelnorm(sessie, Actor.opdrachtregel(), args.categorie, args.werkdagen)
        except Invoerfout as exc:
            return _fout(f"{exc} Er is niets opgeslagen.")
        print(f"Norm voor {nieuw.categorie}: {nieuw.werkdagen} werkdagen.")
    with fabriek() as sessie:
        for n in afhandelnormen(sessie):
            print(f"{n.categorie:<10} {n.werkdagen:>3} werkdagen")
    return 0


def _db_upgrade(config: Config) -> int:
    from datalaag.db import controleer_verbinding, maak_engine, upgrade_head

    engine = maak_engine(config.database_url)
    controleer_verbinding(engine)
    upgrade_head(engine)
    print("Schema bijgewerkt tot de nieuwste migratie.")
    return 0


def _seed(config: Config, args) -> int:
    from datalaag.wijken import aantal_wijken
    from seed.demo import genereer_demo

    if args.schaal != "g4" and args.schaal < 1:
        return _fout("--schaal moet 1 of groter zijn.")
    if config.modus == "productie":
        return _fout("Demonstratiegegevens horen niet in een productiedatabase (WIJK_MODE=productie).")
    fabriek = _sessiefabriek(config)
    if args.schaal == "g4":
        return _seed_g4(fabriek, args)
    with fabriek() as sessie, sessie.begin():
        if args.opnieuw:
            from datalaag.models import Base

            for tabel in reversed(Base.metadata.sorted_tables):
                sessie.execute(tabel.delete())
        elif aantal_wijken(sessie):
            return _fout("De database bevat al wijken. Gebruik --opnieuw om alles te vervangen.")
        aantallen = genereer_demo(sessie, schaal=args.schaal, seed=args.seed, vandaag=dt.date.today())
    totaal = sum(aantallen.values())
    print(f"Demonstratiegegevens geladen: {totaal:,} rijen.".replace(",", "."))
    return 0


def _seed_g4(fabriek, args) -> int:
    """De G4-dataset in bulk (seed/groot.py): eigen transactie met commit, op SQLite zonder WAL tijdens het laden."""
    from datalaag.wijken import aantal_wijken
    from seed.groot import laad_groot

    with fabriek() as sessie:
        engine = sessie.get_bind()
        if not args.opnieuw and aantal_wijken(sessie):
            return _fout("De database bevat al wijken. Gebruik --opnieuw om alles te vervangen.")
    print("G4-dataset genereren (100 wijken, 20 jaar, 3 miljoen meldingen); dit duurt enkele minuten …", flush=True)
    aantallen = laad_groot(engine, seed=args.seed, vandaag=dt.date.today(), leeg_eerst=args.opnieuw,
                           voortgang=lambda stap: print(f"  {stap}: klaar", flush=True))
    totaal = sum(aantallen.values())
    print(f"Demonstratiegegevens (G4) geladen: {totaal:,} rijen.".replace(",", "."))
    return 0


def _kaart_laden(config: Config, args) -> int:
    import json

    from datalaag.kaart import GrensFout, laad_grenzen

    try:
        with open(args.bestand, encoding="utf-8") as bestand:
            geojson = json.load(bestand)
    except FileNotFoundError:
        return _fout(f"Het bestand {args.bestand} bestaat niet.")
    except (json.JSONDecodeError, UnicodeDecodeError):
        return _fout(f"{args.bestand} is geen geldig JSON-bestand; verwacht een GeoJSON FeatureCollection.")
    except OSError as exc:
        return _fout(f"Het bestand {args.bestand} is niet te lezen ({exc.strerror}).")
    fabriek = _sessiefabriek(config)
    try:
        # Eén transactie: bij een fout wordt niets opgeslagen.
        with fabriek() as sessie, sessie.begin():
            verslag = laad_grenzen(sessie, geojson, door="beheerder (opdrachtregel)")
    except GrensFout as exc:
        return _fout(f"{exc} Er is niets opgeslagen.")
    wijken = "wijk" if len(verslag.gekoppeld) == 1 else "wijken"
    print(f"{len(verslag.gekoppeld)} {wijken} gekoppeld ({len(verslag.gewijzigd)} met een nieuwe of gewijzigde grens).")
    if verslag.omgerekend_uit_rd:
        print("De coördinaten stonden in RD New (EPSG:28992) en zijn omgerekend naar WGS84 (nauwkeurig tot ca. 1 m).")
    if verslag.features_zonder_wijk:
        print("Niet gekoppeld, geen wijk met deze naam of code: " + ", ".join(verslag.features_zonder_wijk) + ".")
    if verslag.wijken_zonder_feature:
        print("Wijken zonder grens in het bestand: " + ", ".join(verslag.wijken_zonder_feature) + ".")
    if verslag.andere_gemeenten:
        print(f"{verslag.andere_gemeenten} features van andere gemeenten overgeslagen.")
    return 0


def _gebruiker(config: Config, args) -> int:
    import getpass
    import os

    from datalaag.autorisatie import Actor
    from datalaag.gebruikers import maak_gebruiker, schakel_demo_accounts_uit
    from datalaag.validatie import Invoerfout

    fabriek = _sessiefabriek(config)
    actor = Actor.opdrachtregel()
    try:
        with fabriek() as sessie, sessie.begin():
            if args.gebruiker_opdracht == "demo-uitschakelen":
                aantal = schakel_demo_accounts_uit(sessie, actor)
                print(f"{aantal} demo-account{'' if aantal == 1 else 's'} uitgeschakeld.")
                return 0
            wachtwoord = os.environ.get("WIJK_WACHTWOORD")
            if wachtwoord is None:
                wachtwoord = getpass.getpass("Wachtwoord (minstens 12 tekens): ")
                if getpass.getpass("Nogmaals: ") != wachtwoord:
                    return _fout("De wachtwoorden verschillen. Er is niets opgeslagen.")
            maak_gebruiker(sessie, actor, naam=args.naam, email=args.email, rol=args.rol, wachtwoord=wachtwoord,
                           wijk_slugs=args.wijk, portefeuillehouder=args.portefeuillehouder)
    except Invoerfout as exc:
        return _fout(f"{exc} Er is niets opgeslagen.".replace("\n", " "))
    print(f"Gebruiker {args.email.strip().lower()} ({args.rol}) toegevoegd.")
    return 0


def _importeer(config: Config, args) -> int:
    from sqlalchemy import func, select

    from datalaag.autorisatie import Actor, actor_voor_gebruiker
    from datalaag.importeren import Bestandsfout, importeer, lees_bestand
    from datalaag.models import Gebruiker

    try:
        gelezen = lees_bestand(args.bestand)
    except Bestandsfout as exc:
        return _fout(f"{exc} Er is niets opgeslagen.")
    fabriek = _sessiefabriek(config)

    def voortgang(gedaan: int, totaal: int) -> None:
        if len(gelezen.rijen) >= 10_000:
            print(f"\r{gedaan * 100 // max(totaal, 1):3d}% ", end="", file=sys.stderr, flush=True)

    with fabriek() as sessie, sessie.begin():
        actor = Actor.opdrachtregel()
        if args.als:
            gebruiker_id = sessie.scalar(select(Gebruiker.id).where(func.lower(Gebruiker.email) == args.als.strip().lower()))
            actor = None if gebruiker_id is None else actor_voor_gebruiker(sessie, gebruiker_id)
            if actor is None:
                return _fout(f"Er is geen actieve gebruiker met e-mailadres {args.als}. Er is niets opgeslagen.")
        verslag = importeer(sessie, actor, args.soort, gelezen, proef=args.proef, voortgang=voortgang)
        if len(gelezen.rijen) >= 10_000:
            print(file=sys.stderr)
        if verslag.fouten:  # importeer heeft dan niets geschreven
            for fout in verslag.fouten[:100]:
                print(str(fout), file=sys.stderr)
            if len(verslag.fouten) > 100:
                print(f"… en nog {len(verslag.fouten) - 100} fouten.", file=sys.stderr)
            return _fout(verslag.samenvatting())
    print(verslag.samenvatting())
    return 0


def _rapport(config: Config, args) -> int:
    from dashboard.rapport_pdf import RapportFout, schrijf_pdf

    fabriek = _sessiefabriek(config)
    try:
        verslag = schrijf_pdf(fabriek, args.onderwerp, args.pdf, peildatum=args.peildatum, demo=config.is_demo)
    except RapportFout as exc:
        return _fout(f"{exc} Er is geen PDF geschreven.")
    print(f"{verslag.titel} (peildatum {verslag.peildatum:%d-%m-%Y}): {verslag.paginas} pagina's in {verslag.bestand}.")
    return 0


def _database_naam(config: Config) -> str:
    from sqlalchemy.engine import make_url

    return make_url(config.database_url).render_as_string(hide_password=True)


def _backup(config: Config, args) -> int:
    from dashboard.backup import BackupFout, maak_backup

    try:
        verslag = maak_backup(config.database_url, args.bestand, overschrijf=args.overschrijf)
    except BackupFout as exc:
        return _fout(f"{exc} Er is geen backup gemaakt.")
    print(f"Backup van {_database_naam(config)} geschreven naar {verslag.bestand}: "
          f"{verslag.rijen:,} rijen in {len(verslag.aantallen)} tabellen (migratie {verslag.revisie}).".replace(",", "."))
    return 0


def _restore(config: Config, args) -> int:
    from dashboard.backup import BackupFout, herstel_backup, lees_kop

    try:
        kop = lees_kop(args.bestand)
    except BackupFout as exc:
        return _fout(f"{exc} Er is niets veranderd.")
    print(f"{args.bestand}: {kop.omschrijving()}.")
    if not args.ja:
        return _fout(f"Herstellen vervangt alle gegevens in {_database_naam(config)} door die uit de backup. "
                     "Er is niets veranderd; bevestig met --ja.")
    try:
        verslag = herstel_backup(config.database_url, args.bestand, kop=kop)
    except BackupFout as exc:
        return _fout(str(exc))
    print(f"Hersteld in {_database_naam(config)}: {verslag.rijen:,} rijen in {len(verslag.aantallen)} tabellen; "
          f"schema op migratie {verslag.revisie}.".replace(",", "."))
    if not config.is_demo:
        from datalaag.db import maak_engine, maak_sessiefabriek
        from datalaag.gebruikers import aantal_demo_accounts

        engine = maak_engine(config.database_url)
        with maak_sessiefabriek(engine)() as sessie:
            demo = aantal_demo_accounts(sessie)
        engine.dispose()
        if demo:
            print("Let op: de herstelde gegevens bevatten actieve demo-accounts; productie start zo niet. Schakel ze uit "
                  "met 'python -m dashboard gebruiker demo-uitschakelen'.", file=sys.stderr)
    return 0


def _run(config: Config, args) -> int:
    from dashboard import create_app

    server = create_app(config)
    app = server.extensions["dash_app"]
    print(f"Wijkaanpak-dashboard op http://{args.host}:{args.port} ({config.modus})", flush=True)
    app.run(host=args.host, port=args.port, debug=args.debug)
    return 0
