# itut-kb: `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test install java browser build check bench bench-peers bench-changes lint clean screenshots

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# The OWL reasoner (HermiT) runs on Java: install a headless JRE where there is none.
java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "installing a Java runtime for the OWL reasoner"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; }

# The browser tests (tests/api/test_browser.py) drive Debian's headless Chromium through its chromedriver;
# install them (and a CJK font for the screenshots) where they are missing.
browser:
	@{ command -v chromium && command -v chromedriver; } >/dev/null 2>&1 || { \
	  echo "installing Chromium and chromedriver for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-zenhei; }

# Screenshots of the main pages (home, a Resolution, a group, the deadline calculator) for the README.
screenshots: install browser
	ITUT_KB_SCREENSHOTS=docs/screenshots $(PY) -m pytest -q -p no:cacheprovider tests/api/test_browser.py

# The living KB's accepted changes are kept in .kb-store/ (git-ignored); `itut-kb token create` makes writers.
run: install
	$(VENV)/bin/itut-kb serve --host 127.0.0.1 --port 8000 --store-dir .kb-store

test: install java browser
	$(PY) -m pytest -q

build: install
	$(VENV)/bin/itut-kb build

check: install java
	$(VENV)/bin/itut-kb check --reasoner

bench: install
	$(PY) bench/load_kb.py
	$(PY) bench/ownership.py
	$(PY) bench/validation.py
	$(PY) bench/http_load.py
	$(PY) bench/server.py
	$(PY) bench/remote.py

# The living KB: an accepted change over HTTP, lookups with as_of, start-up on a store of 1,000 changes
# (made through the gate: about 8 minutes): writes bench/results/changes.md.
bench-changes: install
	$(PY) bench/changes.py

# itut-kb side by side with Oxigraph's server and rdflib-endpoint (installed into bench/.venv-peers; wrk from
# Debian where missing): writes bench/results/peers.md. About 15 minutes.
bench-peers: install
	$(PY) bench/peers.py

lint: install
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/mypy src

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
