# Everything runs inside .venv, created on first use from the project's own files.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
GENERATED_DIR ?= generated/ai_agent_client
# The generator's ruff post-hooks must find this venv's ruff (otherwise output is unformatted).
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: install generate generate-client generate-sync lint typecheck drift contract release-contract pytest test test-matrix test-lowest test-newest demo bench soak serve clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Everything generated: the low-level client from openapi.yaml, then the sync twin of the
# hand-written async client and of its tests (ai_agent/_async -> ai_agent/_sync, ...).
generate: generate-client generate-sync

# The low-level client from openapi.yaml (GENERATED_DIR=... to write elsewhere).
generate-client: $(STAMP)
	rm -rf "$(GENERATED_DIR)"
	$(BIN)/openapi-python-client generate --path openapi.yaml --config generator-config.yml \
		--custom-template-path templates --meta none --output-path "$(GENERATED_DIR)" >/dev/null
	touch "$(GENERATED_DIR)/py.typed"

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

# Fails when generated/ or a sync twin differs from what its source produces now.
drift: $(STAMP)
	$(BIN)/pytest -q -p no:cacheprovider tests/contract/test_drift.py

# On every core (pytest-xdist): the suite waits on servers and sockets more than it computes.
pytest: $(STAMP)
	$(BIN)/pytest -n auto

# openapi.yaml against the last released contract: breaking changes fail, each one named;
# additive ones are printed as information.
contract: $(STAMP)
	$(BIN)/python scripts/contract_diff.py

# The release step for the contract: the current openapi.yaml becomes the released one.
release-contract:
	cp openapi.yaml contract/openapi.released.yaml

# The drift check first: a forgotten `make generate` fails within seconds, not after the suite.
test: drift contract lint typecheck pytest

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
		.venv-$$version/bin/python -m pip install --quiet --upgrade pip; \
		.venv-$$version/bin/python -m pip install --quiet -e ".[dev]"; \
		.venv-$$version/bin/pytest -n auto -q -p no:cacheprovider; \
	done

# The suite with every runtime and extra dependency at the lowest version pyproject.toml allows
# (scripts/lowest_constraints.py pins each floor; the test tooling is the newest that fits beside
# them), in .venv-lowest, made anew each time; `--check` fails unless each one is at its floor.
# schemathesis cannot sit beside the floors (it needs rich >= 13.9.4): its test is not run here.
LOWEST := .venv-lowest
test-lowest:
	rm -rf $(LOWEST)
	$(PYTHON) -m venv $(LOWEST)
	$(LOWEST)/bin/python -m pip install --quiet --upgrade pip
	$(PYTHON) scripts/lowest_constraints.py > $(LOWEST)/constraints.txt
	$(PYTHON) scripts/lowest_constraints.py --tools > $(LOWEST)/tools.txt
	$(LOWEST)/bin/python -m pip install --quiet -c $(LOWEST)/constraints.txt \
		-e ".[$$($(PYTHON) scripts/lowest_constraints.py --extras)]" -r $(LOWEST)/tools.txt
	$(LOWEST)/bin/python scripts/lowest_constraints.py --check
	$(LOWEST)/bin/pytest -n auto -q -p no:cacheprovider --ignore=tests/contract/test_schemathesis.py

# The suite with the newest release of everything, in .venv-newest (brought up to date each time;
# .venv keeps what it was first installed with).
NEWEST := .venv-newest
test-newest:
	$(PYTHON) -m venv $(NEWEST)
	$(NEWEST)/bin/python -m pip install --quiet --upgrade pip
	$(NEWEST)/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e ".[dev]"
	$(NEWEST)/bin/python scripts/lowest_constraints.py --show
	$(NEWEST)/bin/pytest -n auto -q -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# 200,000 requests per client kind: memory and file descriptors must stay flat (minutes).
soak: $(STAMP)
	$(BIN)/python -m benchmarks.soak

serve: $(STAMP)
	$(BIN)/ai-agent serve --host 127.0.0.1 --port 3000 --api-key dev-key

clean:
	rm -rf $(VENV) $(LOWEST) $(NEWEST) .pytest_cache .mypy_cache .ruff_cache build dist
