# WPT Desk — `make run` opens the app, `make test` runs every test. Both set up .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck demo system-deps system-deps-display clean bench-sync

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "WPT Desk needs Python 3.11 or newer: set PYTHON=python3.11")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "Cannot create $(VENV): on Debian/Ubuntu install python3-venv (sudo apt-get install -y python3-venv)."; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

# Qt needs a few system libraries; install them when we can (root with apt-get), else say which.
define qt_system_libs
	@missing="$$($(PYTHON) -m ui.system_check $(1) --packages)"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing the system libraries Qt needs: $$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	      || { echo "Could not install: $$missing"; exit 1; }; \
	  else $(PYTHON) -m ui.system_check $(1); exit 1; fi; \
	fi
endef

system-deps:
	$(call qt_system_libs,)

system-deps-display:
	$(call qt_system_libs,--display)

run: $(STAMP) system-deps-display
	$(VENV)/bin/wpt-desk

demo: $(STAMP)
	$(VENV)/bin/wpt-desk demo

test: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# Sync cost of 1,000 new persons with requests: bytes and round trips vs the gzip floor, time at 64 kbit/s.
bench-sync: $(STAMP)
	$(PY) -m tests.bench.bench_sync

lint: $(STAMP)
	$(PY) -m ruff check desktop ui sync tests

typecheck: $(STAMP)
	$(PY) -m mypy

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
