# The two commands a new user needs: `make run` and `make test`. Each sets up what it needs.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test install lint unit validate train stories integration clean

run: install
	$(BIN)/kbs train
	$(BIN)/kbs run

test: install
	$(BIN)/ruff check .
	$(BIN)/pytest -m "not integration and not browser" -q
	$(BIN)/kbs validate
	$(BIN)/kbs train
	$(BIN)/kbs test-stories
	$(BIN)/kbs test-nlu
	$(BIN)/pytest -m integration -q
	$(BIN)/pytest -m browser -q

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
