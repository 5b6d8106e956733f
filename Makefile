PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: catalogs run test lint format bench demo clean serve-cluster serve-cluster-stop

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# the message catalogues, compiled by Babel (sangkien/i18n.py reads a .po itself when its .mo is stale)
MO := $(patsubst %.po,%.mo,$(wildcard sangkien/locale/*/LC_MESSAGES/*.po))
%.mo: %.po $(STAMP)
	$(VENV)/bin/pybabel compile --statistics -i $< -o $@

catalogs: $(MO)

run: $(STAMP) $(MO)
	@test -f data/store/manifest.json || $(PY) -m sangkien demo
	@$(PY) -m sangkien token
	$(PY) -m streamlit run app.py --server.port 8501

N ?= 3
serve-cluster: $(STAMP) $(MO)  # N app processes behind nginx on http://127.0.0.1:8080 (make serve-cluster N=3)
	@test -f data/store/manifest.json || $(PY) -m sangkien demo
	$(PY) -m sangkien.cluster start --processes $(N)

serve-cluster-stop:
	$(PY) -m sangkien.cluster stop

demo: $(STAMP)
	$(PY) -m sangkien demo

test: $(STAMP) $(MO)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

SIZES ?=
bench: $(STAMP)  # make bench SIZES=1000000 for one size
	$(PY) -m sangkien.bench $(if $(SIZES),--sizes $(SIZES))
	$(PY) -m sangkien.bench_ingest $(if $(SIZES),--sizes $(SIZES)) --markdown docs/BENCHMARKS.md
	$(PY) -m sangkien.bench_pages $(if $(SIZES),--sizes $(SIZES)) --markdown docs/BENCHMARKS.md
	$(PY) -m sangkien.bench_exports
	$(PY) -m sangkien.bench_cluster --markdown docs/BENCHMARKS.md

clean:
	rm -rf $(VENV) data/store data/demo tests/artifacts
