# Newsdesk: `make run` serves the demo desk, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format browser-deps varnish-deps nginx-deps java-deps bench bench-pages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py setup_desk --url http://$(HOST):$(PORT)/
	@# One task worker (subscriber push) beside the server; Ctrl-C stops both.
	SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)/} DEBUG=$${DEBUG:-1} $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; trap 'exit 130' INT TERM; \
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.dev browser-deps varnish-deps nginx-deps java-deps node_modules/.package-lock.json
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Browser tests drive Debian's chromium; install it when we can (root + apt).
# Without it they skip with a message saying so.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "Could not install chromium: browser tests will be skipped."; \
	  else echo "chromium not found and cannot be installed here: browser tests will be skipped."; fi; }

# The Varnish test (tests/test_varnish.py) runs Debian's varnish with the xkey
# vmod from varnish-modules; install them when we can (root + apt).
varnish-deps:
	@{ command -v varnishd >/dev/null 2>&1 && ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1; } || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's varnish and varnish-modules for the Varnish test..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish varnish-modules >/dev/null) \
	      || echo "Could not install varnish: the Varnish test will be skipped."; \
	  else echo "varnish not found and cannot be installed here: the Varnish test will be skipped."; fi; }

# The private-photo test (tests/test_nginx_media.py) runs Debian's nginx with
# deploy/nginx/newsdesk.conf; install it when we can (root + apt).
nginx-deps:
	@{ command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; } || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's nginx-light for the private-photo test..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null) \
	      || echo "Could not install nginx: the nginx test will be skipped."; \
	  else echo "nginx not found and cannot be installed here: the nginx test will be skipped."; fi; }

# The Nu Html Checker (npm vnu-jar, tests/test_admin_html_check.py) runs on java.
java-deps:
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's default-jre-headless for the HTML checker..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null) \
	      || echo "Could not install java: the HTML checker test will be skipped."; \
	  else echo "java not found and cannot be installed here: the HTML checker test will be skipped."; fi; }

# axe-core (npm, pinned in package-lock.json) for the browser accessibility audit.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the axe-core accessibility checks will be skipped."; fi

# Benchmarks (on demand; see README). The search benchmark needs a scratch PostgreSQL.
bench: $(VENV)/.dev
	$(BIN)/python bench/wire_ingest.py
	DEBUG=1 $(BIN)/python bench/photos_renditions.py

# Reader pages under load (docs/performance.md); needs wrk (apt install wrk).
bench-pages: $(VENV)/.dev
	$(BIN)/python bench/pages.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var node_modules .pytest_cache .ruff_cache
