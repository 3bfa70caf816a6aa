# WPT Desk — `make run` opens the app, `make test` runs every test. Both set up .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test postgres-test-db test-wheel test-crash lint typecheck demo bench-encryption bench-report system-deps system-deps-display clean screenshots screenshots-scales bench-ui translations bench-sync bench-server

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

test: $(STAMP) system-deps postgres-test-db
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q --durations=25

# The PostgreSQL the server's tests also run on (installed from the Debian packages and started when
# root, as in CI; elsewhere those tests skip unless WPT_TEST_POSTGRES names a database).
postgres-test-db:
	@.ci/postgres-test-db

# The documented install: a wheel built from this tree, `pip install "<wheel>[server]"` and the bare wheel,
# each in a fresh virtualenv (tests/wheel/, marker `wheel`; downloads from PyPI, so not in `make test`).
test-wheel: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m wheel tests/wheel

# Crash safety: 100 real wpt-desk processes killed with SIGKILL at random points of import, save, sync and
# backup, then 20 wpt-server kills during pushes (tests/crash/, marker `crash`); prints the figures.
test-crash: $(STAMP)
	$(PY) -m pytest -q -s -m crash tests/crash

# Sync cost of 1,000 new persons with requests: bytes and round trips vs the gzip floor, time at 64 kbit/s.
bench-sync: $(STAMP)
	$(PY) -m tests.bench.bench_sync

# The server as it grows: cost of a write at up to WPT_BENCH_PERSONS persons per network (default 20,000;
# the issue's 100,000 takes about 10 minutes), a new desk's first sync against the gzip floor of the
# current records. WPT_BENCH_DATABASE=postgresql://… runs it on PostgreSQL. Figures only.
bench-server: $(STAMP)
	$(PY) -m tests.bench.bench_server

# Lint: ruff (unused noqa comments included) and the import contracts of pyproject.toml.
lint: $(STAMP)
	$(PY) -m ruff check desktop ui sync tests
	$(VENV)/bin/lint-imports --no-cache

# Types of desktop, sync and ui (unused "type: ignore" comments are errors).
typecheck: $(STAMP)
	$(PY) -m mypy

# Renders the main screens with demo data to docs/screenshots/*.png (headless).
screenshots: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.screenshots docs/screenshots

# The main pages in Italian and English at 100 % and 150 % font size, to look at (build/screenshots, not kept).
screenshots-scales: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.screenshots --scales build/screenshots

# 100,000 persons: time to open the persons list, scroll and search (figures only, no pass/fail).
bench-ui: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.bench.bench_ui 100000

# 100,000 persons: open, list and search on the encrypted desk against the same data unencrypted.
bench-encryption: $(STAMP)
	$(PY) -m tests.bench.bench_encryption 100000

# The report over last month and this year at 100,000 persons: reading the rows, computing, the PDF.
bench-report: $(STAMP)
	$(PY) -m tests.bench.bench_report 100000

# The interface texts (Italian source, tr()): lupdate refreshes each catalogue resources/translations/*.ts
# (wpt_desk_it.ts holds only the Italian plural forms; _tr(context, text) helpers count as translate, and the
# core's N_(context, text) markers, desktop/translation.py, as QT_TRANSLATE_NOOP),
# lrelease compiles each to the .qm the app loads
# (ui/i18n.py) and build.spec ships. Both .ts and .qm are committed; tests/ui/test_translations.py fails
# when a .qm is stale or a catalogue has an unfinished entry. A new language: LANG_TS=de make translations.
LANG_TS ?= en
TS_SOURCES = $$(find ui desktop -name '*.py' | sort)
TS_ALIASES = -tr-function-alias translate+=_tr,QT_TRANSLATE_NOOP+=N_
translations: $(STAMP)
	mkdir -p resources/translations
	$(VENV)/bin/pyside6-lupdate -no-obsolete -locations none $(TS_ALIASES) $(TS_SOURCES) -ts resources/translations/wpt_desk_$(LANG_TS).ts
	$(VENV)/bin/pyside6-lupdate -no-obsolete -locations none $(TS_ALIASES) -pluralonly $(TS_SOURCES) -ts resources/translations/wpt_desk_it.ts
	for ts in resources/translations/*.ts; do $(VENV)/bin/pyside6-lrelease -silent $$ts -qm $${ts%.ts}.qm || exit 1; done

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# -- packaging (README "Packaging"): the one-folder PyInstaller bundle in dist/wpt-desk/ -----------------
.PHONY: dist dist-linux test-dist bench-startup
BUILD_STAMP := $(VENV)/.installed-build
DIST_DIR := dist/wpt-desk
DIST_EXE := $(DIST_DIR)/wpt-desk
DIST_SOURCES := $(shell find desktop ui resources $(wildcard sync) -type f ! -name '*.pyc' 2>/dev/null) build.spec pyproject.toml

$(BUILD_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e ".[dev,build]"
	@touch $(BUILD_STAMP)

# Rebuilt only when a source, resource or the spec changed since the last build.
$(DIST_EXE): $(BUILD_STAMP) $(DIST_SOURCES)
	@$(MAKE) --no-print-directory system-deps
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN build.spec
	@touch $(DIST_EXE)

dist: $(DIST_EXE)
	@echo "Bundle: $(DIST_DIR) ($$(du -sm $(DIST_DIR) | cut -f1) MB unpacked)"

dist-linux: $(DIST_EXE)
	@sh packaging/linux/make_tarball.sh $(DIST_DIR) "$$($(PY) -c 'import desktop; print(desktop.__version__)')"

test-dist: $(DIST_EXE) system-deps
	WPT_FROZEN_EXE=$(DIST_EXE) QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m frozen tests/dist

bench-startup: $(DIST_EXE) system-deps
	$(PY) packaging/bench_startup.py $(DIST_EXE)

# Every figure of issue 16 beside its floor, in one table (sizes: BENCH_ARGS="--import-rows N --persons N").
.PHONY: bench
bench: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.bench.bench_all $(BENCH_ARGS)
