# Two commands: `make run` serves (gunicorn, gthread worker) on http://127.0.0.1:5000 (HOST=… PORT=… override); `make test` runs the tests.
# Both install from the hashed lock files; `make lock` regenerates them after a requirements*.txt change.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The locker (uv) lives in its own throwaway venv, never in the project's.
LOCK_VENV ?= /tmp/interview-avatar-lock-tools
UV := $(LOCK_VENV)/bin/uv
LOCK_FLAGS := --quiet --generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28 --custom-compile-command "make lock"
# The dev lock pins PyTorch's CPU build (torch==2.13.0+cpu): from pip's configured find-links where one is set,
# else from PyTorch's CPU index.
PIP_LINKS = $(strip $(shell $(PYTHON) -m pip config get global.find-links 2>/dev/null))
TORCH_CPU_SOURCE ?= $(if $(PIP_LINKS),$(foreach l,$(PIP_LINKS),--find-links $(l)),--extra-index-url https://download.pytorch.org/whl/cpu)
TORCH_CPU_INDEX_FOR_LOCK ?= $(if $(PIP_LINKS),$(foreach l,$(PIP_LINKS),--find-links $(l)),--extra-index-url https://download.pytorch.org/whl/cpu --index-strategy unsafe-best-match)

.PHONY: run test avatars lock clean

$(VENV)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(PY) -m pip install --quiet --require-hashes $(TORCH_CPU_SOURCE) -r requirements-dev.lock
	touch $@

avatars: $(VENV)/.installed
	$(PY) -m avatars.generate

run: avatars
	$(if $(HOST),HOST=$(HOST)) $(if $(PORT),PORT=$(PORT)) $(PY) -m cli serve

test: $(VENV)/.installed-dev
	$(PY) -m pytest -q

$(UV):
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet 'uv>=0.9,<1'

# One command after a merge: pyproject's lists from requirements*.txt, then the locks (default, dev, GPU image) (existing pins are kept;
# `make lock LOCK_UPGRADE=--upgrade` moves every pin to the newest release the ranges allow); the venv is then
# brought to the new dev lock and THIRD_PARTY_NOTICES.md rewritten from the installed metadata.
lock: $(UV)
	$(PYTHON) tools/deps.py
	$(UV) pip compile pyproject.toml $(LOCK_FLAGS) $(LOCK_UPGRADE) -o requirements.lock
	$(UV) pip compile pyproject.toml --extra dev $(LOCK_FLAGS) $(LOCK_UPGRADE) -c tools/cpu-torch.txt \
		$(TORCH_CPU_INDEX_FOR_LOCK) -o requirements-dev.lock
	$(UV) pip compile pyproject.toml --extra gpu $(LOCK_FLAGS) $(LOCK_UPGRADE) -c requirements.lock \
		-o requirements-gpu.lock
	$(PYTHON) tools/deps.py --check
	$(MAKE) $(VENV)/.installed-dev
	$(PY) tools/notices.py

clean:
	rm -rf $(VENV) results
