# Twee opdrachten doen alles op een verse machine:
#   make run   — .venv, installatie, database (SQLite, demo) en server op http://127.0.0.1:8050
#   make test  — installatie inclusief testpakketten en Chromium, daarna alle tests
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# PostgreSQL voor de data-laagtests (CI geeft deze altijd mee; lokaal de standaardserver).
WIJK_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
export WIJK_TEST_POSTGRES_URL
# Redis voor de cache- en workertests (CI geeft deze altijd mee; lokaal de standaardserver, database 15).
WIJK_TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
export WIJK_TEST_REDIS_URL
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run test install install-test chromium clean benchmarks-smoke

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.geinstalleerd: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[postgres]'
	touch $@

$(VENV)/.test-geinstalleerd: pyproject.toml $(VENV)/.geinstalleerd
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.geinstalleerd
install-test: $(VENV)/.test-geinstalleerd

# Debian's Chromium voor de browsertests (Playwright downloadt hier niets).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		$(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium; }

run: install
	$(BIN)/python -m dashboard run

# Twee processen (pytest-xdist); een testbestand blijft bij elkaar in één proces (--dist loadfile): de
# module-fixtures (één app per proces) en de gedeelde demo-app van de browsertests rekenen daarop.
test: install-test chromium
	$(BIN)/python -m pytest -n 2 --dist loadfile --durations=20

# De benchmarks van BENCHMARKS.md als rooktest op demoschaal (CI): kleine aantallen, geen tijdsdoelen; faalt alleen
# als een pagina een fout geeft of een bevestigde opslag ontbreekt. De opname van de paginaverzoeken wordt gedeeld.
benchmarks-smoke: install-test chromium
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(BIN)/python -m benchmarks.pagina_callbacks --runs 2 --opname "$$tmp/opname.json" && \
	$(BIN)/python -m benchmarks.belasting --duur 5 --gebruikers 5 --opname "$$tmp/opname.json" && \
	$(BIN)/python -m benchmarks.tijd_tot_grafieken --runs 1 --pagina overzicht --pagina wijk --pagina meldingen

clean:
	rm -rf $(VENV) instance .pytest_cache
