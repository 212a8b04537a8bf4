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

.PHONY: run test install install-test chromium clean

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

test: install-test chromium
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) instance .pytest_cache
