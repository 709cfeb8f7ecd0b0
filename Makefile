# Each target sets up what it needs: a fresh clone runs `make demo` or `make test` alone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test fixtures bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## The main job: crawl the bundled fixture site over loopback into output/.
demo: $(STAMP)
	$(BIN)/bionews demo --out output

## The tests.
test: $(STAMP)
	$(BIN)/python -m pytest

## Rewrite fixtures/pages/*/expected.json from the parsers; review with `git diff fixtures/`.
fixtures: $(STAMP)
	$(BIN)/python -m tests.regenerate_expected

## Parser speed against BeautifulSoup alone and trafilatura (bench-only dependency).
bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/parse_speed.py

clean:
	rm -rf $(VENV) output/*.jsonl output/stats.json
