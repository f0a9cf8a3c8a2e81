# One-command set-up and build. Works on a fresh Debian machine as root
# (Python 3.11, no venv yet) and is idempotent: a second run only rebuilds.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages WeasyPrint, Graphviz, the browser tests and the visual checks need.
APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 graphviz poppler-utils chromium
# Node.js and npm install the browser tests' npm packages (axe-core); Debian's when the machine has none.
NODE_PACKAGES := nodejs npm

.PHONY: setup site site-offline test lint check clean

$(VENV)/.system-ok:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || missing="$$missing python3-venv"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing $(NODE_PACKAGES)"; \
	if [ -n "$$missing" ]; then \
		echo "Memasang paket sistem: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@touch $@

$(VENV)/.deps-ok: $(VENV)/.system-ok pyproject.toml
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@

# axe-core for the accessibility tests, at the version package-lock.json pins.
node_modules/.npm-ok: $(VENV)/.system-ok package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(VENV)/.deps-ok node_modules/.npm-ok

site: setup
	$(BIN)/sop build

check: setup
	$(BIN)/sop check

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

test: setup lint
	$(BIN)/python -m pytest

clean:
	rm -rf site site-offline build .pytest_cache .mypy_cache .ruff_cache node_modules

# The same site for opening from a folder (file://, no server): links end in .html and search
# works offline. Written to site-offline/.
site-offline: setup
	SOP_OFFLINE=true $(BIN)/sop build --site-dir site-offline
