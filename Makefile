# ClaimWatch developer entry points. Only Python >= 3.11 is needed beforehand.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test lint typecheck check bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/claimwatch demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check claimwatch scrapers bot tests bench

typecheck: $(STAMP)
	$(BIN)/mypy claimwatch scrapers bot

check: lint typecheck test

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/track.py
	$(BIN)/python bench/article.py
	$(BIN)/python bench/fetch.py
	if [ -d ../shared/devset ]; then $(BIN)/python bench/realtext.py --part dev; else echo "bench/realtext.py: no ../shared/devset, skipped"; fi
	$(BIN)/python bench/reader.py --real-only

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
