# Everything runs inside .venv, created on first use from the project's own files.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
GENERATED_DIR ?= generated/ai_agent_client
# The generator's ruff post-hooks must find this venv's ruff (otherwise output is unformatted).
export PATH := $(abspath $(BIN)):$(PATH)
# Bytecode is written (__pycache__/, gitignored) even where the environment says not to: else
# every xdist worker and every test subprocess compiles the same modules again, and pytest
# rewrites the asserts of every test module again (1.5 s of CPU per worker).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: ci install generate generate-client generate-surface surface-check generate-sync lint typecheck drift contract release-contract pytest pytest-after-drift test test-matrix test-lowest test-newest demo bench soak serve clean \
	dist wheel-test api-check docs docs-test

# A venv with uv in it: pip brings uv, and uv installs the rest (the releases pip would pick, in
# a third of pip's time; CI fills two venvs). `$(call uv,VENV) ARGS` installs ARGS into VENV,
# compiled to bytecode as pip does (without it every process compiles what it imports afresh).
new_venv = $(PYTHON) -m venv $(1) && $(1)/bin/python -m pip install --quiet --disable-pip-version-check uv
uv = $(1)/bin/uv pip install --quiet --compile-bytecode --python $(1)/bin/python

install: $(STAMP)

$(STAMP): pyproject.toml
	$(call new_venv,$(VENV))
	$(call uv,$(VENV)) -e ".[dev]"
	touch $(STAMP)

# Everything generated, in order: the low-level client from openapi.yaml (generated/), the SDK's
# surface from the same spec (params, operation table, methods: scripts/generate_surface.py, and
# the changelog's API section from the contract diff), then
# the sync twin of the async source and of its tests (ai_agent/_async -> ai_agent/_sync, ...).
generate: generate-client generate-surface generate-sync

# The low-level client from openapi.yaml (GENERATED_DIR=... to write elsewhere).
generate-client: $(STAMP)
	rm -rf "$(GENERATED_DIR)"
	$(BIN)/openapi-python-client generate --path openapi.yaml --config generator-config.yml \
		--custom-template-path templates --meta none --output-path "$(GENERATED_DIR)" >/dev/null
	touch "$(GENERATED_DIR)/py.typed"

# Fails when the generated surface differs from openapi.yaml (the drift test runs it).
surface-check: $(STAMP)
	$(BIN)/python scripts/generate_surface.py --check

generate-surface: $(STAMP)
	$(BIN)/python scripts/generate_surface.py
	$(BIN)/python scripts/contract_diff.py --write-changelog CHANGELOG.md

generate-sync: $(STAMP)
	$(BIN)/python scripts/unasync.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/ruff check --isolated --no-cache --extend-ignore=PYI036 generated
	$(BIN)/ruff format --isolated --no-cache --check generated
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy
	$(BIN)/mypy --strict examples
	$(BIN)/mypy --strict tests/conftest.py tests/docs scripts/docs_cli.py

# Fails when generated/ or a sync twin differs from what its source produces now.
drift: $(STAMP)
	$(BIN)/pytest -q -p no:cacheprovider tests/contract/test_drift.py

# On every core (pytest-xdist): the suite waits on servers and sockets more than it computes.
# --dist loadgroup keeps the code blocks of one markdown file on one worker (tests/docs).
# WORKERS=N: more workers than cores (make ci, where idle waits of one suite leave cores free).
WORKERS ?= auto
pytest: $(STAMP)
	$(BIN)/pytest -n $(WORKERS) --dist loadgroup $(PYTEST_ARGS)

# The suite less the drift test, which `make test` has run first.
pytest-after-drift:
	@$(MAKE) --no-print-directory pytest PYTEST_ARGS="--ignore=tests/contract/test_drift.py"

# openapi.yaml against the last released contract: breaking changes fail, each one named;
# additive ones are printed as information.
contract: $(STAMP)
	$(BIN)/python scripts/contract_diff.py

# The release step for the contract: the current openapi.yaml becomes the released one.
release-contract:
	cp openapi.yaml contract/openapi.released.yaml
	git rev-parse HEAD > contract/last-release.txt  # what make api-check compares the Python API with

# The sdist and the wheel in dist/, checked as PyPI would see them (twine: metadata and the
# README as long description) and for what the wheel holds (exactly ai_agent and
# ai_agent_client, no duplicates; settings in pyproject.toml).
dist: $(STAMP)
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	$(BIN)/twine check --strict dist/*
	$(BIN)/check-wheel-contents dist/*.whl

# The wheel installed into fresh venvs (bare, then with [server,cli]): tests/release, which the
# default run leaves out. `make dist` runs first when the wheel is missing or older than a source.
VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"$$/\1/p' ai_agent/_version.py)
WHEEL = dist/ai_agent_orchestrator-$(VERSION)-py3-none-any.whl
$(WHEEL): pyproject.toml README.md LICENSE openapi.yaml \
		$(shell find ai_agent generated -name __pycache__ -prune -o \( -type f -o -type l \) -print)
	$(MAKE) dist

wheel-test: $(STAMP) $(WHEEL)
	AI_AGENT_WHEEL=$(WHEEL) $(BIN)/pytest -q -p no:cacheprovider -m release tests/release

# ai_agent's public Python API (griffe) against the last release, contract/last-release.txt:
# each break must be named under Removed or Changed in CHANGELOG.md's Unreleased section.
api-check: $(STAMP)
	$(BIN)/python scripts/api_check.py

# The drift check first (a forgotten `make generate` fails within seconds, not after the suite),
# then the suite on every core beside the other checks (lint, types, the contract, the docs
# site with --strict), whose output is shown when each is done; the suite's, as it goes.
test: $(STAMP)
	@$(MAKE) --no-print-directory drift
	@$(MAKE) --no-print-directory -j5 --output-sync=target contract lint typecheck docs pytest-after-drift

# What CI runs (.ci/run), side by side: `make test` in a fresh .venv, which holds the newest
# release of everything pyproject.toml allows, and `make test-lowest`, everything at its floor
# (less the volume tests, which the first run has).
ci:
	@$(MAKE) --no-print-directory -j2 --output-sync=target test test-lowest VOLUME=no WORKERS=3
	@echo "make test ran at these versions (make test-lowest's are above):"
	@$(BIN)/python scripts/lowest_constraints.py --show

demo: $(STAMP)
	$(BIN)/python examples/run_demo.py

# The suite on every Python the package supports that is installed here (pyenv's shims
# included), each in a venv of its own (.venv-3.X); missing ones are named and skipped.
MATRIX ?= 3.11 3.12 3.13
test-matrix:
	@set -e; for version in $(MATRIX); do \
		python=""; \
		if python$$version -c pass >/dev/null 2>&1; then python=python$$version; fi; \
		for candidate in $$(pyenv root 2>/dev/null)/versions/$$version*/bin/python$$version; do \
			if [ -z "$$python" ] && [ -x "$$candidate" ]; then python=$$candidate; fi; \
		done; \
		if [ -z "$$python" ]; then echo "Python $$version: not installed, skipped"; continue; fi; \
		echo "== Python $$version ($$python)"; \
		$$python -m venv .venv-$$version; \
		.venv-$$version/bin/python -m pip install --quiet --disable-pip-version-check uv; \
		$(call uv,.venv-$$version) -e ".[dev]"; \
		.venv-$$version/bin/pytest -n auto --dist loadgroup -q -p no:cacheprovider; \
	done

# The suite with every runtime and extra dependency at the lowest version pyproject.toml allows
# (scripts/lowest_constraints.py pins each floor; the test tooling is the newest that fits beside
# them), in .venv-lowest, made anew when pyproject.toml changes; `--check` fails unless each one
# is at its floor. schemathesis cannot sit beside the floors (it needs rich >= 13.9.4): its test
# is not run here.
LOWEST := .venv-lowest
LOWEST_STAMP := $(LOWEST)/.installed
$(LOWEST_STAMP): pyproject.toml scripts/lowest_constraints.py
	rm -rf $(LOWEST)
	$(call new_venv,$(LOWEST))
	$(PYTHON) scripts/lowest_constraints.py > $(LOWEST)/constraints.txt
	$(PYTHON) scripts/lowest_constraints.py --tools > $(LOWEST)/tools.txt
	$(call uv,$(LOWEST)) -c $(LOWEST)/constraints.txt \
		-e ".[$$($(PYTHON) scripts/lowest_constraints.py --extras)]" -r $(LOWEST)/tools.txt
	$(LOWEST)/bin/python scripts/lowest_constraints.py --check
	touch $(LOWEST_STAMP)

# VOLUME=no leaves out the 8 tests marked `volume` (soaks and loads: a third of the suite's CPU,
# which they spend on the same paths the other tests take once); `make ci` runs them at newest.
test-lowest: $(LOWEST_STAMP)
	$(LOWEST)/bin/pytest -n auto --dist loadgroup -q -p no:cacheprovider \
		--ignore=tests/contract/test_schemathesis.py --ignore=tests/contract/test_drift.py \
		$(if $(filter no,$(VOLUME)),-m "not release and not docs and not volume")

# The suite with the newest release of everything, in .venv-newest (brought up to date each time;
# .venv keeps what it was first installed with).
NEWEST := .venv-newest
test-newest:
	test -x $(NEWEST)/bin/uv || $(call new_venv,$(NEWEST))
	$(call uv,$(NEWEST)) --upgrade -e ".[dev]"
	$(NEWEST)/bin/python scripts/lowest_constraints.py --show
	$(NEWEST)/bin/pytest -n auto -q -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# 200,000 requests per client kind: memory and file descriptors must stay flat (minutes).
soak: $(STAMP)
	$(BIN)/python -m benchmarks.soak

serve: $(STAMP)
	$(BIN)/ai-agent serve --host 127.0.0.1 --port 3000 --api-key dev-key

# The documentation site (mkdocs.yml, docs/) into site/; a warning fails the build.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

# The site built afresh, served on 127.0.0.1 and looked at in a headless Chromium (Debian's
# package: installed here when missing and apt-get is at hand); screenshots in site-screenshots/.
docs-test: $(STAMP)
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Debian's chromium for the docs test"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
			|| echo "could not install chromium: the docs test will skip"; \
	fi
	$(BIN)/pytest -m docs -p no:cacheprovider tests/docs/test_site.py

clean:
	rm -rf $(VENV) $(LOWEST) $(NEWEST) .pytest_cache .mypy_cache .ruff_cache build dist site site-screenshots
