# The two commands a new user needs: `make run` and `make test`. Each sets up what it needs.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test fuzz install lint unit validate train stories integration clean

run: install
	$(BIN)/kbs train
	$(BIN)/kbs run

test: install
	$(BIN)/ruff check .
	$(BIN)/pytest -m "not integration and not browser" -q
	$(BIN)/kbs validate
	$(BIN)/kbs train
	$(BIN)/kbs eval stories
	$(BIN)/kbs eval nlu
	$(BIN)/pytest -m integration -q
	$(BIN)/pytest -m browser -q

# The property tests exploring afresh (the "fuzz" Hypothesis profile in tests/conftest.py:
# 2,500 examples per property, not derandomised). Run it before changing the engine; keep
# any counter-example it finds as an @example in tests/unit/engine/test_properties.py.
# `make test` runs the same properties derandomised, so they cannot turn it red at random.
fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests/unit/engine/test_properties.py -q \
		-p no:cacheprovider --hypothesis-show-statistics

install: $(INSTALLED)

# One locked set of exact pins; rasa needs --ignore-requires-python on 3.11 (README).
# The stamp makes a re-run with nothing changed take a second.
$(INSTALLED): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps \
		--ignore-requires-python -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps \
		--no-build-isolation -e .
	touch $@

clean:
	rm -rf build models .pytest_cache .ruff_cache
