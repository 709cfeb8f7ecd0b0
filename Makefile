# Each target sets up what it needs: a fresh clone runs `make demo` or `make test` alone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup redis chromium demo test fixtures bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## The main job: crawl the bundled fixture site over loopback into output/.
demo: $(STAMP)
	$(BIN)/bionews demo --out output

## Debian's redis-server, which the distributed-crawl tests start on a loopback port.
redis:
	@command -v redis-server >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq redis-server; }

## Debian's chromium, in which a test renders the HTML report headless (tests/archive/test_report_sections.py).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

## The walls and the style (import-linter, ruff, mypy; configured in pyproject.toml), then the tests.
test: $(STAMP) redis chromium
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

## Rewrite fixtures/pages/*/expected.json from the parsers; review with `git diff fixtures/`.
fixtures: $(STAMP)
	$(BIN)/python -m tests.regenerate_expected

## Parser speed against BeautifulSoup alone and trafilatura (bench-only dependency).
bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.parse_speed

clean:
	rm -rf $(VENV) output/*.jsonl output/stats.json
