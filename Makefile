# Two commands: `make run` serves (gunicorn, gthread worker) on http://127.0.0.1:5000 (HOST=… PORT=… override); `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test avatars clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt requirements-vosk.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

avatars: $(VENV)/.installed
	$(PY) -m avatars.generate

run: avatars
	$(if $(HOST),HOST=$(HOST)) $(if $(PORT),PORT=$(PORT)) $(PY) -m cli serve

test: $(VENV)/.installed-dev
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) results
