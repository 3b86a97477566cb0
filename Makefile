# Two commands matter on a fresh machine: `make run` and `make test` (see README).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck check wheel bench clean bundle deb test-deb messages compile-messages

$(STAMP): pyproject.toml
	tools/system-deps.sh run
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

run: $(STAMP)
	tools/system-deps.sh run
	$(BIN)/nightstretch

test: $(STAMP)
	tools/system-deps.sh test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check app tests tools
	$(BIN)/ruff format --check app tests tools
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

check: test lint typecheck

# Her language (README, "Languages"): `messages` extracts every marked string into the
# template and merges it into each .po; translate, then `compile-messages` writes the .mo
# files that ship (committed: a test checks they match the .po).
LOCALE := app/nightstretch/locale
messages: $(STAMP)
	$(BIN)/pybabel extract --project=nightstretch --no-wrap --sort-by-file \
		--add-location=file -k N_ -k npgettext_noop:1c,2,3 \
		-o $(LOCALE)/nightstretch.pot app/nightstretch
	$(BIN)/pybabel update --no-wrap --ignore-obsolete -D nightstretch \
		-i $(LOCALE)/nightstretch.pot -d $(LOCALE)

compile-messages: $(STAMP)
	$(BIN)/pybabel compile --statistics -D nightstretch -d $(LOCALE)

wheel: $(STAMP)
	rm -rf dist
	$(BIN)/python -m build --wheel --outdir dist .

# Nightstretch against a minimal PySide6 tray app (about 35 minutes; BENCH_ARGS=--quick for a
# short run). Prints the table and writes it to test-artifacts/bench.md.
bench: $(STAMP)
	tools/system-deps.sh test
	$(BIN)/python tests/benchmarks/run.py $(BENCH_ARGS)

# The self-contained folder (no Python needed): build/bundle/nightstretch/nightstretch.
# PyInstaller comes from the optional `bundle` group, installed on first use.
BUNDLE_STAMP := $(VENV)/.bundle-tools
$(BUNDLE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bundle]'
	touch $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath build/bundle --workpath build/pyinstaller packaging/nightstretch.spec
	@du -sh build/bundle/nightstretch

# The Debian package from that folder: build/deb/nightstretch_<version>_<arch>.deb.
deb: bundle
	tools/system-deps.sh bundle
	packaging/build-deb.sh build/bundle/nightstretch build/deb

# Builds, validates, installs (apt-get), runs and purges the package: root and Debian only.
test-deb: deb
	packaging/test-deb.sh build/deb

clean:
	rm -rf $(VENV) dist build test-artifacts
