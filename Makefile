# Every target installs what it needs first: a fresh clone needs only python3 and make.
VENV := .venv
PY := $(VENV)/bin/python
SHARED ?= ../shared

.PHONY: install system-deps test app score corpus-report schema render expected bench lint

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# Debian's chromium drives the browser test (Playwright's own browser download is not used).
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
	  else echo "chromium missing: run 'sudo apt-get install chromium' for the browser test"; fi; }

test: install system-deps
	$(VENV)/bin/pytest -q

app: install
	SLA_CORPUS_DIR=corpus $(VENV)/bin/streamlit run app.py

score: install
	python3 $(SHARED)/eval/score.py --docs $(SHARED)/corpus --gold $(SHARED)/gold --sla $(VENV)/bin/sla

corpus-report: install
	$(VENV)/bin/sla evaluate-corpus corpus

schema: install
	$(PY) -m schemas

render: install
	$(PY) scripts/render_corpus.py

expected: install
	$(PY) scripts/update_expected.py

bench: install
	$(PY) benchmarks/run.py

# both checkers run even when the first one finds something; either finding fails
lint: install
	@status=0; \
	$(VENV)/bin/ruff check . || status=1; \
	$(VENV)/bin/mypy || status=1; \
	exit $$status
