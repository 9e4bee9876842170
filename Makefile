# Two commands for everyone: `make site` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
export NO_MKDOCS_2_WARNING := 1
# make site ENGINE=zensical builds the same sources with Zensical
ENGINE ?= mkdocs

.PHONY: site serve check test test-fast schema ny-samling ny-lesning lock clean browser

site: $(READY)
	$(BIN)/python -m macros build --engine $(ENGINE)

serve: $(READY)
	$(BIN)/python -m macros serve

check: $(READY)
	$(BIN)/python -m macros check

test: $(READY) browser
	$(BIN)/python -m pytest

test-fast: $(READY)
	$(BIN)/python -m pytest -m "not browser"

ny-samling: $(READY)
	$(BIN)/python -m macros ny-samling $(if $(TITTEL),--tittel "$(TITTEL)")

ny-lesning: $(READY)
	$(BIN)/python -m macros ny-lesning

schema: $(READY)
	$(BIN)/python -m macros schema

browser:
	@scripts/ensure-chromium

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

clean:
	rm -rf $(VENV) site .site-old .cache
