# justif — install, demo, tests. Every target installs only what is missing (idempotent).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_STAMP := $(VENV)/.apt-ocr
BUILD := build

.PHONY: install demo test lint corpus bench train chromium-deps font-deps clean help

help:
	@echo "make demo    install what is missing, pre-screen the sample inbox, print where the report is"
	@echo "make test    install what is missing (Chromium too), run lint and the whole test suite"
	@echo "make install system packages + .venv with justif (.venv/bin/justif)"
	@echo "make corpus  generate the training corpus and the benchmark inbox under build/"
	@echo "make train   train a challenger on build/corpus and promote it if at least as good"
	@echo "make bench   plain Tesseract vs justif run (cold, then warm) on build/bench"

install: $(STAMP)

# Debian packages: Tesseract with French (and OSD, English) for OCR; python3-venv for the .venv.
$(APT_STAMP):
	@if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx fra \
	    || ! tesseract --list-langs 2>/dev/null | grep -qx osd || ! $(PYTHON) -m venv --help >/dev/null 2>&1; then \
	  echo "installing Debian packages (tesseract-ocr, tesseract-ocr-fra, python3-venv)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng tesseract-ocr-osd python3-venv fonts-dejavu-core >/dev/null; \
	fi
	@mkdir -p $(VENV) && touch $@

$(STAMP): pyproject.toml $(APT_STAMP)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	@touch $@

# Chromium, for the test that opens the report in a real headless browser.
chromium-deps:
	@command -v chromium >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Liberation fonts, which the synthetic corpus generator draws pages with (Chromium pulls them in too).
font-deps:
	@test -f /usr/share/fonts/truetype/liberation/LiberationSansNarrow-Regular.ttf || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-liberation >/dev/null; }

demo: install
	$(BIN)/justif run sample_docs/demo_inbox --out $(BUILD)/demo-run

test: install chromium-deps font-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .

corpus: install font-deps
	$(BIN)/python sample_docs/generate.py --preset corpus --out $(BUILD)/corpus
	$(BIN)/python sample_docs/generate.py --preset bench --out $(BUILD)/bench

train: install
	$(BIN)/justif train --corpus $(BUILD)/corpus

bench: install font-deps
	@test -d $(BUILD)/bench || $(BIN)/python sample_docs/generate.py --preset bench --out $(BUILD)/bench
	$(BIN)/python benchmarks/bench_run.py --inbox $(BUILD)/bench

clean:
	rm -rf $(BUILD) .pytest_cache .ruff_cache
