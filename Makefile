# Two commands for everyone: `make site` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
export NO_MKDOCS_2_WARNING := 1
# make site ENGINE=zensical builds the same sources with Zensical
ENGINE ?= mkdocs

.PHONY: site serve check kunde lint test test-fast schema ny-samling ny-lesning nytt-kull lock clean browser pdf offline bench

site: $(READY)
	$(BIN)/python -m macros build --engine $(ENGINE)

serve: $(READY)
	$(BIN)/python -m macros serve

check: $(READY)
	$(BIN)/python -m macros check

# The checks, then what is written for this customer: pages marked «kunde: true», lines that type
# the organisation or the place, and the data that is the customer's own words
kunde: $(READY)
	$(BIN)/python -m macros check --kunde

# The gates: ruff (lint and format) over the project and mypy in strict mode over macros/, with
# zero findings; make test runs them first, and so does pre-commit
lint: $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: $(READY) browser lint
	$(BIN)/python -m pytest

# Our build against the bare engine at 1×, 4× and 16× the programme (BENCHMARKS.md); takes minutes
bench: $(READY)
	$(BIN)/python -m bench

# The tests that build no site and start no server or browser (not marked build or browser):
# seconds, for the edit-test loop. A test that builds without the mark fails there.
test-fast: $(READY)
	$(BIN)/python -m pytest -m "not browser and not build"

# The site in site/, with the whole programme as a PDF (praktisk/utskrift/lederprogram.pdf) linked
# from the print page; `make site` alone builds no PDF and shows no link.
pdf: $(READY) browser
	LEDERPROGRAM_PDF=true $(BIN)/python -m macros build
	$(BIN)/python scripts/print_pdf.py site

# A zip of a build that works without a server (file://), search included, with the whole
# programme as a tagged PDF linked from the print page (printed by Chromium, as in make pdf).
# DIST=folder puts the zip somewhere else than dist/.
DIST ?= dist
offline: $(READY)
	@scripts/ensure-chromium
	rm -rf $(DIST)/lederprogram && mkdir -p $(DIST)
	OFFLINE=true LEDERPROGRAM_PDF=true $(BIN)/python -m macros build --site-dir $(DIST)/lederprogram
	$(BIN)/python scripts/print_pdf.py $(DIST)/lederprogram
	chmod -R a+rX $(DIST)/lederprogram
	rm -f $(DIST)/lederprogram-offline.zip
	cd $(DIST) && $(abspath $(BIN))/python -m zipfile -c lederprogram-offline.zip lederprogram/
	@echo "Frakoblet utgave: $(DIST)/lederprogram-offline.zip (pakk ut og åpne lederprogram/index.html)"

# make ny-samling TITTEL="…" [MODUL=2]: the title as typed, unexpanded and in single quotes, so
# quotes, $ and ` in it stay text and never reach make or the shell as code
quoted = '$(subst ','\'',$(value $(1)))'
ny-samling: $(READY)
	$(BIN)/python -m macros ny-samling $(if $(value TITTEL),--tittel $(call quoted,TITTEL)) $(if $(value MODUL),--modul $(call quoted,MODUL))

ny-lesning: $(READY)
	$(BIN)/python -m macros ny-lesning

# make nytt-kull START=ÅÅÅÅ-MM-DD [KULL=id]: the programme in curriculum/ becomes the next cohort,
# every date moved so the first gathering starts on START; the cohort it replaces is tagged
# kull/<id> and built into site/arkiv/<period>/ by make site (docs/redaktor/nytt-kull.md)
nytt-kull: $(READY)
	$(BIN)/python -m macros nytt-kull $(if $(value START),--start $(call quoted,START)) $(if $(value KULL),--kull $(call quoted,KULL))

schema: $(READY)
	$(BIN)/python -m macros schema

# What the tests need from Debian: Chromium, poppler (PDF), nginx and rsync (hosting), faketime
browser:
	@scripts/ensure-chromium
	@scripts/ensure-poppler
	@scripts/ensure-nginx
	@scripts/ensure-faketime

$(READY): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --disable-pip-version-check -e '.[test]' 'setuptools>=68'
	{ sed -n '1,2p' requirements.lock; .venv-lock/bin/pip freeze --all --exclude-editable | grep -v '^pip=='; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .venv-lock

# also what a killed build left behind (python -m macros build removes it too)
clean:
	rm -rf $(VENV) site .site-old .site-new-* .site-zensical-* .cache dist
