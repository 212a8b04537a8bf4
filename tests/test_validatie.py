"""Controle van invoer (datalaag.validatie): Nederlandse getallen, bedragen, cijfers, datums en teksten.

Eerst voorbeelden met de hand, dan eigenschappen (hypothesis): wat er ook binnenkomt — enorme
teksten, HTML, SQL, vreemde unicode, NaN/oneindig, enorme getallen, bools, lijsten — elke controle
geeft óf een geldige waarde binnen het bereik, óf een Nederlandse fout die het veld bij naam noemt.
Nooit een andere uitzondering.

De strategieën onderaan (``VIJANDIG``, ``VIJANDIGE_TEKST`` …) gebruikt ook tests/test_evaluaties.py.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datalaag.validatie import (
    KORTE_TEKST,
    MAX_BEDRAG,
    Controle,
    Invoerfout,
    Validatiefout,
    formatteer_bedrag_invoer,
    formatteer_decimaal,
)

D = Decimal
# Een label met een komma: een melding mag het label nooit verminken.
LABEL = "Klanttevredenheid (respons, aantal bewoners)"
NEDERLANDS = re.compile(r"\b(vul|kies|schrijf|maak|geef|controleer|typ|een|de|het|dit|ligt|kan|niet)\b")


def _een(methode: str, waarde: Any, **opties: Any) -> tuple[Any, str | None]:
    """Roep één controle aan op een verse ``Controle``: (waarde, melding of None)."""
    c = Controle()
    uit = getattr(c, methode)("veld", LABEL, waarde, **opties)
    assert set(c.fouten) <= {"veld"}
    return uit, c.fouten.get("veld")


def _fout(methode: str, waarde: Any, **opties: Any) -> str:
    uit, melding = _een(methode, waarde, **opties)
    assert uit is None, f"{waarde!r} gaf {uit!r} in plaats van een fout"
    assert melding is not None
    assert melding.startswith(LABEL + ": "), melding
    return melding


def _goed(methode: str, waarde: Any, **opties: Any) -> Any:
    uit, melding = _een(methode, waarde, **opties)
    assert melding is None, melding
    return uit


# --------------------------------------------------------------------------- rapportcijfer


@pytest.mark.parametrize(
    ("invoer", "verwacht"),
    [
        ("7,5", D("7.5")), ("7.5", D("7.5")), (" 8 ", D("8.0")), ("10", D("10.0")), ("1", D("1.0")),
        ("10,0", D("10.0")), ("7,50", D("7.5")), ("+6,5", D("6.5")), (7, D("7.0")), (7.5, D("7.5")),
        (6.1, D("6.1")), (D("9.9"), D("9.9")),
    ],
)
def test_rapportcijfer_geldig(invoer, verwacht):
    uit = _goed("rapportcijfer", invoer)
    assert uit == verwacht
    assert uit.as_tuple().exponent == -1  # altijd één decimaal, zoals Numeric(3, 1)


@pytest.mark.parametrize(
    ("invoer", "melding"),
    [
        ("0,9", "een rapportcijfer ligt tussen 1 en 10; 0,9 kan niet."),
        ("10,1", "een rapportcijfer ligt tussen 1 en 10; 10,1 kan niet."),
        ("-3", "een rapportcijfer ligt tussen 1 en 10; -3,0 kan niet."),
        ("0", "een rapportcijfer ligt tussen 1 en 10; 0,0 kan niet."),
        ("1" + "0" * 20, "een rapportcijfer ligt tussen 1 en 10; dit getal kan niet."),
        ("7,55", "geef het cijfer met ten hoogste één cijfer achter de komma, bijvoorbeeld 7,5."),
        (7.25, "geef het cijfer met ten hoogste één cijfer achter de komma, bijvoorbeeld 7,5."),
        ("zeven", "vul een getal in, bijvoorbeeld 7,5."),
        ("7,5,1", "vul een getal in, bijvoorbeeld 7,5."),
        ("1.234,5", "vul een getal in, bijvoorbeeld 7,5."),  # geen duizendtallen in een cijfer
        ("NaN", "vul een getal in, bijvoorbeeld 7,5."),
        ("inf", "vul een getal in, bijvoorbeeld 7,5."),
        ("-inf", "vul een getal in, bijvoorbeeld 7,5."),
        ("1e1", "vul een getal in, bijvoorbeeld 7,5."),
        (float("nan"), "vul een getal in, bijvoorbeeld 7,5."),
        (float("inf"), "vul een getal in, bijvoorbeeld 7,5."),
        (D("NaN"), "vul een getal in, bijvoorbeeld 7,5."),
        (D("sNaN"), "vul een getal in, bijvoorbeeld 7,5."),
        (D("1E+999999999"), "een rapportcijfer ligt tussen 1 en 10; dit getal kan niet."),  # gaf decimal.Overflow
        (D("-1E+999999999"), "een rapportcijfer ligt tussen 1 en 10; dit getal kan niet."),
        (D("1E-999999999"), "een rapportcijfer ligt tussen 1 en 10; 0,0 kan niet."),
        (True, "vul een getal in, bijvoorbeeld 7,5."),
        ([7], "vul een getal in, bijvoorbeeld 7,5."),
        ({"cijfer": 7}, "vul een getal in, bijvoorbeeld 7,5."),
        ("\u0667,\u0665", "vul een getal in, bijvoorbeeld 7,5."),  # Arabisch-Indische cijfers ٧,٥
        ("7\n€", "vul een getal in, bijvoorbeeld 7,5."),
        ("1,0.0", "vul een getal in, bijvoorbeeld 7,5."),
    ],
)
def test_rapportcijfer_ongeldig(invoer, melding):
    assert _fout("rapportcijfer", invoer) == f"{LABEL}: {melding}"


def test_rapportcijfer_leeg():
    for leeg in (None, "", "   ", "\t\n"):
        assert _een("rapportcijfer", leeg) == (None, None)
        assert _fout("rapportcijfer", leeg, verplicht=True) == (
            f"{LABEL}: vul een rapportcijfer in van 1 tot en met 10, bijvoorbeeld 7,5.")


# --------------------------------------------------------------------------- bedrag


@pytest.mark.parametrize(
    ("invoer", "verwacht"),
    [
        ("€ 12.500", D("12500.00")), ("12.500", D("12500")), ("12500", D("12500")), ("1.234,56", D("1234.56")),
        ("12500,50", D("12500.50")), ("12.500,5", D("12500.5")), ("€\u00a012.500", D("12500")),
        ("12 500", D("12500")), ("1.000.000", D("1000000")), ("0", D("0")), ("0,01", D("0.01")),
        ("12.5", D("12.5")),  # één punt met één of twee cijfers erna is een decimaalpunt
        (2500, D("2500")), (99.95, D("99.95")), (MAX_BEDRAG, MAX_BEDRAG), ("100.000.000", MAX_BEDRAG),
    ],
)
def test_bedrag_geldig(invoer, verwacht):
    uit = _goed("bedrag", invoer)
    assert uit == verwacht
    assert uit.as_tuple().exponent == -2  # in centen, zoals Numeric(14, 2)


@pytest.mark.parametrize(
    ("invoer", "melding"),
    [
        ("-1", "een bedrag kan niet negatief zijn. Vul 0 of meer in."),
        ("€ -12.500", "een bedrag kan niet negatief zijn. Vul 0 of meer in."),
        ("100.000.000,01", "het bedrag is hoger dan € 100.000.000. Controleer het aantal nullen."),
        pytest.param(10**5000, "het bedrag is hoger dan € 100.000.000. Controleer het aantal nullen.", id="10**5000"),
        ("12,345", "is 12,345 bedoeld als duizendtallen of als decimalen? Schrijf duizendtallen met een punt "
                   "(12.500) en decimalen met een komma (12,50)."),
        ("12,3456", "een bedrag heeft ten hoogste twee cijfers achter de komma."),
        ("1.2345", "een bedrag heeft ten hoogste twee cijfers achter de komma."),
        ("12.5,00", "vul een getal in, bijvoorbeeld 12.500 of 12500,50."),   # was 125,00
        ("1.23,45", "vul een getal in, bijvoorbeeld 12.500 of 12500,50."),   # was 123,45
        ("12,500,00", "vul een getal in, bijvoorbeeld 12.500 of 12500,50."),
        ("12,50.3", "vul een getal in, bijvoorbeeld 12.500 of 12500,50."),
        ("€", "vul een getal in, bijvoorbeeld 12.500 of 12500,50."),
        ("twaalf", "vul een getal in, bijvoorbeeld 12.500 of 12500,50."),
        ("0x10", "vul een getal in, bijvoorbeeld 12.500 of 12500,50."),
        ("Infinity", "vul een getal in, bijvoorbeeld 12.500 of 12500,50."),
        (float("-inf"), "vul een getal in, bijvoorbeeld 12.500 of 12500,50."),
        (D("1E-999999999"), "een bedrag heeft ten hoogste twee cijfers achter de komma."),
        (D("1E+999999999"), "het bedrag is hoger dan € 100.000.000. Controleer het aantal nullen."),
        (False, "vul een getal in, bijvoorbeeld 12.500 of 12500,50."),
    ],
)
def test_bedrag_ongeldig(invoer, melding):
    assert _fout("bedrag", invoer) == f"{LABEL}: {melding}"


def test_bedrag_eigen_maximum_en_verplicht():
    assert _fout("bedrag", "501", maximum=D(500)) == f"{LABEL}: het bedrag is hoger dan € 500. Controleer het aantal nullen."
    assert _fout("bedrag", " ", verplicht=True) == f"{LABEL}: vul een bedrag in euro's in, bijvoorbeeld 12.500."


# --------------------------------------------------------------------------- geheel getal


@pytest.mark.parametrize(
    ("invoer", "verwacht"),
    [("312", 312), ("1.000", 1000), ("1.000.000", 1_000_000), ("12,0", 12), (0, 0), (7.0, 7), (D("5"), 5)],
)
def test_geheel_getal_geldig(invoer, verwacht):
    uit = _goed("geheel_getal", invoer, minimum=0, maximum=1_000_000)
    assert uit == verwacht and type(uit) is int


@pytest.mark.parametrize(
    ("invoer", "melding"),
    [
        ("1.000.001", "vul een getal in van 0 tot en met 1.000.000."),
        ("-1", "vul een getal in van 0 tot en met 1.000.000."),
        pytest.param(10**5000, "vul een getal in van 0 tot en met 1.000.000.", id="10**5000"),
        (-(10**30), "vul een getal in van 0 tot en met 1.000.000."),
        ("12,5", "vul een geheel getal in, zonder cijfers achter de komma."),
        (0.5, "vul een geheel getal in, zonder cijfers achter de komma."),
        ("veel", "vul een getal in, bijvoorbeeld 0."),
        (True, "vul een getal in, bijvoorbeeld 0."),
        (float("nan"), "vul een getal in, bijvoorbeeld 0."),
    ],
)
def test_geheel_getal_ongeldig(invoer, melding):
    # Het label bevat een komma: die bleef eerst niet heel (", " werd ". " in de hele melding).
    assert _fout("geheel_getal", invoer, minimum=0, maximum=1_000_000) == f"{LABEL}: {melding}"


def test_jaartallen_zonder_duizendtalpunt():
    assert _fout("geheel_getal", "2027", minimum=2000, maximum=2026) == f"{LABEL}: vul een getal in van 2000 tot en met 2026."


# --------------------------------------------------------------------------- datum


@pytest.mark.parametrize(
    ("invoer", "verwacht"),
    [
        ("27-11-2026", dt.date(2026, 11, 27)), ("1-2-2026", dt.date(2026, 2, 1)), (" 29-02-2024 ", dt.date(2024, 2, 29)),
        ("2026-11-27", dt.date(2026, 11, 27)), ("2026-11-27T14:03:00", dt.date(2026, 11, 27)),
        (dt.date(2026, 1, 5), dt.date(2026, 1, 5)), (dt.datetime(2026, 1, 5, 23, 59), dt.date(2026, 1, 5)),
    ],
)
def test_datum_geldig(invoer, verwacht):
    assert _goed("datum", invoer) == verwacht


@pytest.mark.parametrize(
    ("invoer", "melding"),
    [
        ("31-02-2026", "de datum 31-02-2026 bestaat niet. Controleer dag en maand."),
        ("29-02-2025", "de datum 29-02-2025 bestaat niet. Controleer dag en maand."),
        ("2026-13-01", "de datum 2026-13-01 bestaat niet. Controleer dag en maand."),
        ("00-01-2026", "de datum 00-01-2026 bestaat niet. Controleer dag en maand."),
        ("27/11/2026", "schrijf de datum als dd-mm-jjjj, bijvoorbeeld 27-11-2026."),
        ("27-11-26", "schrijf de datum als dd-mm-jjjj, bijvoorbeeld 27-11-2026."),
        ("morgen", "schrijf de datum als dd-mm-jjjj, bijvoorbeeld 27-11-2026."),
        ("\u0662\u0660\u0662\u0666-01-01", "schrijf de datum als dd-mm-jjjj, bijvoorbeeld 27-11-2026."),
        (20261127, "schrijf de datum als dd-mm-jjjj, bijvoorbeeld 27-11-2026."),
        ("31-12-1999", "de datum moet op of na 01-01-2000 liggen."),
    ],
)
def test_datum_ongeldig(invoer, melding):
    assert _fout("datum", invoer) == f"{LABEL}: {melding}"


def test_datum_grenzen():
    vroegst, laatst = dt.date(2020, 1, 1), dt.date(2026, 11, 27)
    assert _goed("datum", "27-11-2026", vroegst=vroegst, laatst=laatst) == laatst
    assert _fout("datum", "28-11-2026", vroegst=vroegst, laatst=laatst) == (
        f"{LABEL}: de datum moet tussen 01-01-2020 en 27-11-2026 liggen.")
    assert _fout("datum", "", verplicht=True) == f"{LABEL}: vul een datum in als dd-mm-jjjj, bijvoorbeeld 27-11-2026."


# --------------------------------------------------------------------------- tekst


@pytest.mark.parametrize(
    ("invoer", "verwacht"),
    [
        ("  Meer groen in de wijk \n", "Meer groen in de wijk"),
        ("e\u0301e\u0301n", "één"),  # NFC: e + combinerend accent → é
        ("regel 1\nregel 2\ttab\r\n", "regel 1\nregel 2\ttab"),
        ("<script>alert('x')</script>", "<script>alert('x')</script>"),
        ("'; DROP TABLE evaluatie; --", "'; DROP TABLE evaluatie; --"),
        ("\u202eRTL\u200f en zero\u200bwidth \u2060", "\u202eRTL\u200f en zero\u200bwidth \u2060"),
        ("👩‍👩‍👧 🏘️", "👩‍👩‍👧 🏘️"),
        ("x" * KORTE_TEKST, "x" * KORTE_TEKST),
    ],
)
def test_tekst_geldig(invoer, verwacht):
    assert _goed("tekst", invoer, max_lengte=KORTE_TEKST) == verwacht


@pytest.mark.parametrize(
    ("invoer", "melding"),
    [
        ("x" * (KORTE_TEKST + 1), "de tekst is 301 tekens lang; het maximum is 300. Maak hem korter."),
        ("y" * 5000, "de tekst is 5000 tekens lang; het maximum is 300. Maak hem korter."),
        ("z" * 12345, "de tekst is 12.345 tekens lang; het maximum is 300. Maak hem korter."),
        ("a\x00b", "de tekst bevat onzichtbare stuurtekens. Typ de tekst opnieuw in plaats van hem te plakken."),
        ("kleur \x1b[31m", "de tekst bevat onzichtbare stuurtekens. Typ de tekst opnieuw in plaats van hem te plakken."),
        ("bel\x07", "de tekst bevat onzichtbare stuurtekens. Typ de tekst opnieuw in plaats van hem te plakken."),
        ("half \ud800 teken", "de tekst bevat ongeldige tekens. Typ de tekst opnieuw in plaats van hem te plakken."),
        ("\udfff", "de tekst bevat ongeldige tekens. Typ de tekst opnieuw in plaats van hem te plakken."),
        (42, "vul hier tekst in."),
        (["a"], "vul hier tekst in."),
    ],
)
def test_tekst_ongeldig(invoer, melding):
    assert _fout("tekst", invoer, max_lengte=KORTE_TEKST) == f"{LABEL}: {melding}"


def test_tekst_lengte_telt_na_nfc():
    # 300 × (e + combinerend accent) is 600 code points, maar na NFC 300 tekens: past precies.
    assert _goed("tekst", "e\u0301" * KORTE_TEKST, max_lengte=KORTE_TEKST) == "é" * KORTE_TEKST


def test_tekst_leeg_en_verplicht():
    assert _een("tekst", "  \n ") == (None, None)
    assert _fout("tekst", None, verplicht=True) == f"{LABEL}: dit veld is verplicht. Vul het in."


# --------------------------------------------------------------------------- keuze, klaar


def test_keuze():
    opties = {"wop": "WOP", 3: "drie"}
    assert _goed("keuze", " wop ", opties=opties) == "wop"
    assert _goed("keuze", "3", opties=opties) == 3
    assert _fout("keuze", "awa", opties=opties) == f"{LABEL}: kies een van de mogelijkheden in de lijst."
    assert _fout("keuze", "", opties=opties) == f"{LABEL}: maak een keuze."
    assert _een("keuze", None, opties=opties, verplicht=False) == (None, None)


def test_klaar_geeft_alle_fouten_tegelijk_en_de_eerste_per_veld():
    c = Controle()
    c.klaar()  # zonder fouten: niets
    c.rapportcijfer("a", "Waardering", "12")
    c.bedrag("b", "Kosten", "-5")
    c.fout("a", "tweede melding voor a")
    with pytest.raises(Validatiefout) as fout:
        c.klaar()
    assert fout.value.fouten == {
        "a": "Waardering: een rapportcijfer ligt tussen 1 en 10; 12,0 kan niet.",
        "b": "Kosten: een bedrag kan niet negatief zijn. Vul 0 of meer in.",
    }
    assert str(fout.value) == "\n".join(fout.value.fouten.values())
    assert isinstance(fout.value, Invoerfout) and isinstance(fout.value, ValueError)


# --------------------------------------------------------------------------- strategieën (ook voor test_evaluaties)

HOSTIELE_TEKSTEN = [
    "<script>alert(document.cookie)</script>",
    "<img src=x onerror=alert(1)>",
    "'; DROP TABLE evaluatie; --",
    "Robert'); DROP TABLE gebruiker;--",
    "1' OR '1'='1",
    "\" OR 1=1 --",
    "%s %(naam)s {0} {{7*7}} ${jndi:ldap://x}",
    "\u202egnirts\u202c en \u200f\u200e",      # RTL-override, RLM/LRM
    "zero\u200bwidth\u2060joiner\ufeff",
    "👩‍👩‍👧‍👦🏳️‍🌈",
    "e\u0301",                                  # NFD
    "\ud800", "a\udfffb",                       # losse surrogaten
    "a\x00b", "\x1b[2J", "\x7f",                # stuurtekens
    "NaN", "inf", "-inf", "Infinity", "1e308", "-0", "0x1F", "1_000",
    " ", "", "\t\n\r",
    "x" * 5000,
    "9" * 5000,
]
VIJANDIGE_TEKST = st.one_of(
    st.sampled_from(HOSTIELE_TEKSTEN),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec=None, categories=["Cs", "Cc", "Cf", "Mn", "Zl", "Zp"]), max_size=10),
    st.integers(min_value=1, max_value=3000).map(lambda n: "é" * n),
)
VIJANDIGE_GETALLEN = st.one_of(
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.sampled_from([10**5000, -(10**5000), 2**31, 2**63, -1, 0, 11, 100_000_001]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([float("nan"), float("inf"), float("-inf"), -0.0, 1e-320, 1e308]),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([D("NaN"), D("sNaN"), D("-Infinity"), D("1E+999999999"), D("1E-999999999"), D("-0")]),
    st.booleans(),
)
VIJANDIG = st.one_of(
    VIJANDIGE_TEKST,
    VIJANDIGE_GETALLEN,
    st.none(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.dates(),
    st.just(object()),
)


def nl_getal(getal: Decimal, decimalen: int) -> str:
    """``Decimal('12500.5')`` → ``'12500,50'`` of ``'12.500,50'`` (beide schrijfwijzen komen voor)."""
    return formatteer_decimaal(getal, decimalen)


GELDIGE_CIJFERS = st.decimals(min_value=1, max_value=10, places=1).flatmap(
    lambda d: st.sampled_from([nl_getal(d, 1), str(d), f" {nl_getal(d, 1)} ", d]))
GELDIGE_BEDRAGEN = st.decimals(min_value=0, max_value=MAX_BEDRAG, places=2).flatmap(
    lambda d: st.sampled_from([nl_getal(d, 2), "€ " + formatteer_bedrag_invoer(d), formatteer_bedrag_invoer(d), d]))


def is_nederlandse_fout(melding: str, label: str) -> bool:
    return melding.startswith(label + ": ") and bool(NEDERLANDS.search(melding[len(label):]))


# --------------------------------------------------------------------------- eigenschappen

EIGENSCHAP = settings(max_examples=300, deadline=None)


def _controleer(methode: str, waarde: Any, verplicht: bool, **opties: Any) -> tuple[Any, str | None]:
    c = Controle()
    uit = getattr(c, methode)("veld", LABEL, waarde, verplicht=verplicht, **opties)  # mag niets gooien
    assert set(c.fouten) <= {"veld"}
    melding = c.fouten.get("veld")
    if melding is not None:
        assert uit is None
        assert is_nederlandse_fout(melding, LABEL), melding
    elif uit is None:  # alleen een leeg, niet-verplicht veld geeft niets zonder fout
        assert not verplicht
        assert waarde is None or (isinstance(waarde, str) and not waarde.strip())
    return uit, melding


@EIGENSCHAP
@given(waarde=VIJANDIG, verplicht=st.booleans())
def test_rapportcijfer_geeft_cijfer_of_nederlandse_fout(waarde, verplicht):
    uit, _ = _controleer("rapportcijfer", waarde, verplicht)
    if uit is not None:
        assert isinstance(uit, Decimal) and D(1) <= uit <= D(10) and uit == uit.quantize(D("0.1"))


@EIGENSCHAP
@given(waarde=VIJANDIG, verplicht=st.booleans())
def test_bedrag_geeft_bedrag_of_nederlandse_fout(waarde, verplicht):
    uit, _ = _controleer("bedrag", waarde, verplicht)
    if uit is not None:
        assert isinstance(uit, Decimal) and D(0) <= uit <= MAX_BEDRAG and uit == uit.quantize(D("0.01"))


@EIGENSCHAP
@given(waarde=VIJANDIG, verplicht=st.booleans(), grenzen=st.tuples(st.integers(-(10**6), 10**6), st.integers(0, 10**9)))
def test_geheel_getal_geeft_getal_of_nederlandse_fout(waarde, verplicht, grenzen):
    minimum, breedte = grenzen
    uit, _ = _controleer("geheel_getal", waarde, verplicht, minimum=minimum, maximum=minimum + breedte)
    if uit is not None:
        assert type(uit) is int and minimum <= uit <= minimum + breedte


@EIGENSCHAP
@given(waarde=st.one_of(VIJANDIG, st.dates().map(lambda d: f"{d:%d-%m-%Y}"), st.dates().map(str)),
       verplicht=st.booleans())
def test_datum_geeft_datum_of_nederlandse_fout(waarde, verplicht):
    laatst = dt.date(2030, 12, 31)
    uit, _ = _controleer("datum", waarde, verplicht, laatst=laatst)
    if uit is not None:
        assert type(uit) is dt.date and dt.date(2000, 1, 1) <= uit <= laatst


@EIGENSCHAP
@given(waarde=VIJANDIG, verplicht=st.booleans())
def test_tekst_geeft_schone_tekst_of_nederlandse_fout(waarde, verplicht):
    uit, _ = _controleer("tekst", waarde, verplicht, max_lengte=KORTE_TEKST)
    if uit is not None:
        assert uit == unicodedata.normalize("NFC", waarde).strip()
        assert 0 < len(uit) <= KORTE_TEKST
        uit.encode("utf-8")  # geen losse surrogaten
        assert not any(unicodedata.category(t) == "Cc" and t not in "\n\r\t" for t in uit)


@EIGENSCHAP
@given(cijfer=st.decimals(min_value=1, max_value=10, places=1),
       bedrag=st.decimals(min_value=0, max_value=MAX_BEDRAG, places=2))
def test_opgeslagen_waarden_teruggezet_in_het_formulier_lezen_hetzelfde(cijfer, bedrag):
    """Wat formatteer_decimaal/formatteer_bedrag_invoer in het formulier zet, leest de controle terug."""
    assert _goed("rapportcijfer", formatteer_decimaal(cijfer)) == cijfer
    assert _goed("bedrag", formatteer_bedrag_invoer(bedrag)) == bedrag
    assert _goed("bedrag", "€ " + formatteer_bedrag_invoer(bedrag)) == bedrag


def test_decimale_punt_en_komma_duizendtallen_worden_niet_stil_verkeerd_gelezen():
    """'0.500' is 0,5 (geen 500); '12,500' en '1,000' zijn dubbelzinnig en worden geweigerd met uitleg."""
    from decimal import Decimal

    from datalaag.validatie import Controle

    c = Controle()
    assert c.bedrag("a", "Bedrag", "0.500") == Decimal("0.50")
    assert c.bedrag("b", "Bedrag", "12.500") == Decimal("12500.00")
    assert c.bedrag("c", "Bedrag", "12,500") is None
    assert c.geheel_getal("d", "Respons", "1,000", minimum=0, maximum=10**6) is None
    assert c.fouten["c"].startswith("Bedrag: is 12,500 bedoeld als duizendtallen of als decimalen?")
    assert "d" in c.fouten and "a" not in c.fouten and "b" not in c.fouten
