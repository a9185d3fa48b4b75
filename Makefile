# Journey Lens: `make run` starts the app, `make serve` serves a team (several processes behind HAProxy),
# `make test` runs the whole suite, `make bench` the benchmarks.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
REPLICAS ?= 2
PORT     ?= 8501

.PHONY: run serve test bench

run: $(VENV)/.installed-run
	$(BIN)/python -m pages.ui.serve

# REPLICAS app processes and HAProxy on PORT, over the store in JOURNEY_LENS_STORE (PostgreSQL when REPLICAS > 1).
serve: $(VENV)/.installed-run
	$(BIN)/python -m deploy.serve --replicas $(REPLICAS) --port $(PORT)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -n 2 --dist loadscope

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/bench_ingest.py
	$(BIN)/python bench/bench_journey_filter.py
	$(BIN)/python bench/bench_sessions.py
	$(BIN)/python bench/bench_sentiment_english.py
	$(BIN)/python bench/bench_key_terms.py
	$(BIN)/python bench/bench_themes.py
	$(BIN)/python bench/bench_sentiment_chinese.py
	$(BIN)/python bench/bench_sentiment_accuracy.py
	$(BIN)/python bench/bench_personas.py
	$(BIN)/python bench/bench_rfm.py
	$(BIN)/python bench/bench_behaviour.py
	$(BIN)/python bench/bench_behaviour_engine.py
	$(BIN)/python bench/bench_behaviour_reports.py
	$(BIN)/python bench/bench_load.py
	$(BIN)/python bench/bench_serve.py
	$(BIN)/python bench/bench_report.py
	$(BIN)/python bench/bench_crosstab.py
	$(BIN)/python bench/bench_weighting.py
	$(BIN)/python bench/bench_waves.py

# Stamp files: pip runs again only when a requirements file changes.
$(VENV)/.installed-run: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
