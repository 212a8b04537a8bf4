"""Het OpenAPI 3.1-document van de open-data-API (``/api/v1/openapi.json``).

Gebouwd uit :data:`datalaag.opendata.BRONNEN` (velden, soorten, filters), zodat document en antwoorden niet
uit elkaar kunnen lopen; de tests valideren elk antwoord tegen dit document (jsonschema en schemathesis).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from dashboard.api import (
    ID_MAX,
    JAAR_MAX,
    JAAR_MIN,
    LICENTIE,
    LICENTIE_URL,
    PAGINA_MAX,
    PER_PAGINA_MAX,
    PER_PAGINA_STANDAARD,
    VOORVOEGSEL,
)
from datalaag.models import MAATREGEL_STATUSSEN, MELDING_CATEGORIEEN
from datalaag.opendata import BRONNEN, Veld

BESCHRIJVING = f"""Openbare gegevens over de wijkaanpak van de gemeente Almelo: alleen lezen, zonder aanmelden.

**Wat is openbaar.** Alleen wijken met een lopend, door de gemeenteraad vastgesteld wijkplan (dezelfde regel als
de openbare wijkpagina's). Nooit persoonsgegevens: geen namen van bewoners, melders, verantwoordelijken of
budgethouders, geen vrije tekst van meldingen of uitgaven, geen adressen. Meldingen alleen als aantallen per
wijk, maand en categorie.

**Formaten.** JSON (standaard) of CSV: `formaat=csv` of de header `Accept: text/csv`. CSV volgt RFC 4180:
komma als scheidingsteken, punt als decimaalteken, UTF-8 zonder BOM, regeleinde CRLF, altijd een kopregel met de
veldnamen zoals in JSON; datums ISO 8601 (`2025-12-31`), ja/nee als `true`/`false`, een lege cel voor geen
waarde. Tekst die begint met `=`, `+`, `-` of `@` krijgt een `'` ervoor (geen formules in spreadsheets).
Openen in Nederlandstalige Excel: *Gegevens > Uit tekst/CSV*, scheidingsteken komma.

**Paginering.** `pagina` (vanaf 1) en `per_pagina` (standaard {PER_PAGINA_STANDAARD['json']} voor JSON en
{PER_PAGINA_STANDAARD['csv']} voor CSV, hooguit {PER_PAGINA_MAX}). Het totaal staat in `paginering.totaal` en in
de header `X-Total-Count`; de volgende en vorige pagina in `paginering` en in de header `Link`.

**Filters.** `wijk` (slug, zie `/wijken`), `jaar`, `ambitie` (nummer, zie `/ambities`) en per bron nog enkele.
Een foute parameter geeft 400 met een Nederlandse uitleg; een onbekende of niet-openbare wijk (of een onbekende
ambitie of indicator) 404.

**Gebruik.** Hooguit een vast aantal verzoeken per minuut per client (standaard 300; daarboven 429 met
`Retry-After`; zie `X-RateLimit-Limit` en `X-RateLimit-Remaining`). Antwoorden mogen 5 minuten in een cache
(`Cache-Control`, `ETag`, 304 bij `If-None-Match`). CORS staat open (`Access-Control-Allow-Origin: *`).
Staat de API uit (door de functioneel beheerder), dan 503.

**Licentie.** {LICENTIE} ({LICENTIE_URL}): vrij te gebruiken, ook zonder bronvermelding.
"""

_SOORT = {
    "tekst": {"type": "string"},
    "geheel": {"type": "integer"},
    "getal": {"type": "number"},
    "datum": {"type": "string", "format": "date"},
    "janee": {"type": "boolean"},
}


def veld_schema(veld: Veld) -> dict[str, Any]:
    schema: dict[str, Any] = dict(_SOORT[veld.soort])
    schema["description"] = veld.omschrijving
    if veld.waarden is not None:
        schema["enum"] = [*veld.waarden, *([None] if veld.leeg else [])]
    if veld.leeg:
        schema["type"] = [schema["type"], "null"]
    return schema


def rij_schema(bron: str) -> dict[str, Any]:
    velden = BRONNEN[bron].velden
    return {
        "type": "object",
        "properties": {v.naam: veld_schema(v) for v in velden},
        "required": [v.naam for v in velden],
        "additionalProperties": False,
    }


_PARAMETERS: dict[str, dict[str, Any]] = {
    "wijk": {"description": "Alleen deze wijk (slug, zie /wijken). Onbekend of niet openbaar: 404.",
             "schema": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "minLength": 1, "maxLength": 100},
             "example": "de-riet"},
    "jaar": {"description": "Alleen dit jaar (zie de omschrijving van de bron).",
             "schema": {"type": "integer", "minimum": JAAR_MIN, "maximum": JAAR_MAX}, "example": 2025},
    "ambitie": {"description": "Alleen deze ambitie (nummer, zie /ambities). Onbekend: 404.",
                "schema": {"type": "integer", "minimum": 1, "maximum": ID_MAX}, "example": 3},
    "indicator": {"description": "Alleen deze indicator (id, zie /indicatoren). Onbekend: 404.",
                  "schema": {"type": "integer", "minimum": 1, "maximum": ID_MAX}},
    "categorie": {"description": "Alleen deze categorie meldingen.",
                  "schema": {"type": "string", "enum": list(MELDING_CATEGORIEEN)}},
    "status": {"description": "Alleen maatregelen met deze status.",
               "schema": {"type": "string", "enum": list(MAATREGEL_STATUSSEN)}},
    "pagina": {"description": "Paginanummer, vanaf 1.",
               "schema": {"type": "integer", "minimum": 1, "maximum": PAGINA_MAX, "default": 1}},
    "per_pagina": {"description": f"Rijen per pagina (standaard {PER_PAGINA_STANDAARD['json']} voor JSON, "
                                  f"{PER_PAGINA_STANDAARD['csv']} voor CSV; hooguit {PER_PAGINA_MAX}).",
                   "schema": {"type": "integer", "minimum": 1, "maximum": PER_PAGINA_MAX}},
    "formaat": {"description": "json of csv (ook te kiezen met de header Accept: text/csv).",
                "schema": {"type": "string", "enum": ["json", "csv"], "default": "json"}},
}

_FOUT_SCHEMA = {
    "type": "object",
    "properties": {
        "fout": {"type": "string", "description": "Wat er mis is en hoe het op te lossen, in het Nederlands."},
        "status": {"type": "integer"},
        "parameter": {"type": ["string", "null"], "description": "De parameter waar het om gaat, als die er is."},
    },
    "required": ["fout", "status", "parameter"],
    "additionalProperties": False,
}


def _fout(omschrijving: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    antwoord: dict[str, Any] = {"description": omschrijving,
                                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Fout"}}}}
    if headers:
        antwoord["headers"] = headers
    return antwoord


_ALGEMENE_FOUTEN = {
    "429": {"$ref": "#/components/responses/TeVeelVerzoeken"},
    "503": {"$ref": "#/components/responses/Uitgezet"},
}


def _lijst_operatie(naam: str) -> dict[str, Any]:
    bron = BRONNEN[naam]
    schemanaam = naam.capitalize()
    filters_schema = {
        "type": "object",
        "description": "De filters zoals toegepast (jaar ingevuld als de bron een standaardjaar heeft).",
        "properties": {f: {"type": [_PARAMETERS[f]["schema"]["type"], "null"]} for f in bron.filters},
        "required": list(bron.filters),
        "additionalProperties": False,
    }
    antwoorden: dict[str, Any] = {
        "200": {
            "description": f"{bron.titel}: één pagina.",
            "headers": {"X-Total-Count": {"description": "Totaal aantal rijen over alle pagina's.",
                                          "schema": {"type": "integer", "minimum": 0}}},
            "content": {
                "application/json": {"schema": {
                    "type": "object",
                    "properties": {
                        "gegevens": {"type": "array", "items": {"$ref": f"#/components/schemas/{schemanaam}"}},
                        "paginering": {"$ref": "#/components/schemas/Paginering"},
                        "filters": filters_schema,
                        "bron": {"type": "string"},
                        "licentie": {"type": "string", "const": LICENTIE},
                        "licentie_url": {"type": "string"},
                    },
                    "required": ["gegevens", "paginering", "filters", "bron", "licentie", "licentie_url"],
                    "additionalProperties": False,
                }},
                "text/csv": {"schema": {"type": "string",
                                        "description": "CSV (RFC 4180) met een kopregel: " + ", ".join(
                                            v.naam for v in bron.velden) + "."}},
            },
        },
        "304": {"description": "Niet gewijzigd (bij If-None-Match met de ETag)."},
        "400": {"$ref": "#/components/responses/FouteParameter"},
        **_ALGEMENE_FOUTEN,
    }
    if {"wijk", "ambitie", "indicator"} & set(bron.filters):
        antwoorden["404"] = {"$ref": "#/components/responses/NietGevonden"}
    return {
        "get": {
            "operationId": f"lijst_{naam}",
            "summary": bron.titel,
            "description": bron.omschrijving,
            "tags": ["open data"],
            "parameters": [{"$ref": f"#/components/parameters/{p}"} for p in (*bron.filters, "pagina", "per_pagina",
                                                                              "formaat")],
            "responses": antwoorden,
        }
    }


@lru_cache(maxsize=1)
def openapi_document() -> dict[str, Any]:
    schemas: dict[str, Any] = {naam.capitalize(): rij_schema(naam) for naam in BRONNEN}
    schemas["Fout"] = _FOUT_SCHEMA
    schemas["Paginering"] = {
        "type": "object",
        "properties": {
            "pagina": {"type": "integer", "minimum": 1},
            "per_pagina": {"type": "integer", "minimum": 1, "maximum": PER_PAGINA_MAX},
            "totaal": {"type": "integer", "minimum": 0},
            "paginas": {"type": "integer", "minimum": 1},
            "volgende": {"type": ["string", "null"], "format": "uri-reference"},
            "vorige": {"type": ["string", "null"], "format": "uri-reference"},
        },
        "required": ["pagina", "per_pagina", "totaal", "paginas", "volgende", "vorige"],
        "additionalProperties": False,
    }
    paden: dict[str, Any] = {
        "/": {"get": {
            "operationId": "index",
            "summary": "Overzicht van de bronnen",
            "tags": ["open data"],
            "responses": {
                "200": {"description": "De bronnen met hun adres en filters.", "content": {"application/json": {
                    "schema": {"type": "object", "required": ["naam", "versie", "documentatie", "bronnen", "licentie"],
                               "properties": {"naam": {"type": "string"}, "versie": {"type": "string"},
                                              "documentatie": {"type": "string"},
                                              "bronnen": {"type": "array", "items": {"type": "object"}},
                                              "licentie": {"type": "string", "const": LICENTIE}}}}}},
                "304": {"description": "Niet gewijzigd."},
                "400": {"$ref": "#/components/responses/FouteParameter"},
                **_ALGEMENE_FOUTEN,
            },
        }},
        "/openapi.json": {"get": {
            "operationId": "openapi",
            "summary": "Dit document",
            "tags": ["open data"],
            "responses": {
                "200": {"description": "OpenAPI 3.1.", "content": {"application/json": {
                    "schema": {"type": "object", "required": ["openapi", "info", "paths"]}}}},
                "304": {"description": "Niet gewijzigd."},
                "400": {"$ref": "#/components/responses/FouteParameter"},
                **_ALGEMENE_FOUTEN,
            },
        }},
    }
    paden.update({f"/{naam}": _lijst_operatie(naam) for naam in BRONNEN})
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Open data wijkaanpak Almelo",
            "version": "1.0.0",
            "description": BESCHRIJVING,
            "license": {"name": LICENTIE, "identifier": "CC0-1.0"},
        },
        "servers": [{"url": VOORVOEGSEL, "description": "Deze server"}],
        "tags": [{"name": "open data", "description": "Alleen lezen, zonder aanmelden."}],
        "paths": paden,
        "components": {
            "schemas": schemas,
            "parameters": {naam: {"name": naam, "in": "query", "required": False, **p}
                           for naam, p in _PARAMETERS.items()},
            "responses": {
                "FouteParameter": _fout("Foute of onbekende parameter; de melding zegt wat er anders moet."),
                "NietGevonden": _fout("De wijk bestaat niet of is niet openbaar, of de ambitie of indicator bestaat "
                                      "niet."),
                "TeVeelVerzoeken": _fout("Te veel verzoeken van deze client in deze minuut.", {
                    "Retry-After": {"description": "Seconden tot het volgende venster.",
                                    "schema": {"type": "integer", "minimum": 1}}}),
                "Uitgezet": _fout("De open-data-API staat uit (of de database is even niet bereikbaar)."),
            },
        },
    }
