# congkhai — every command sets itself up: a fresh clone needs only Python 3.11+ and make.
# The virtual environment lives in the clone (.venv/); nothing is installed by hand.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
AS_OF  ?=
OUT    ?= site
ASOF_ARG := $(if $(AS_OF),--as-of $(AS_OF),)

.PHONY: site province check serve test lint golden browser bench bench-province clean help

help:
	@echo "make site    - cài đặt (lần đầu) và dựng trang của xã vào site/"
	@echo "make province - dựng mọi xã của tỉnh mẫu (province/) và bảng tổng hợp"
	@echo "make check   - kiểm tra nội dung, báo cáo bằng tiếng Việt"
	@echo "make serve   - xem trước trang tại http://127.0.0.1:8000"
	@echo "make test    - cài công cụ kiểm thử và chạy toàn bộ kiểm thử"
	@echo "make bench   - đo tốc độ dựng trang và dung lượng tải"
	@echo "make clean   - xoá site/ và các tệp tạm"

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

site: $(BIN)/.installed
	$(BIN)/congkhai build --out $(OUT) $(ASOF_ARG)

# Every commune of province/province.yml into province/site/SLUG/, with the province's
# home page and dashboard; JOBS communes at a time (see README, "Nhiều xã của một tỉnh").
JOBS ?= 2
province: $(BIN)/.installed
	$(BIN)/congkhai build --all --jobs $(JOBS) $(ASOF_ARG)

check: $(BIN)/.installed
	$(BIN)/congkhai check $(ASOF_ARG)

serve: $(BIN)/.installed
	$(BIN)/congkhai serve $(ASOF_ARG)

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Cài Chromium từ kho Debian cho kiểm thử trình duyệt..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: $(BIN)/.installed-test
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy

test: $(BIN)/.installed-test browser lint
	$(BIN)/pytest -q

# Refresh the golden files after an intended change of generated output; review the diff.
golden: $(BIN)/.installed-test
	CONGKHAI_UPDATE_GOLDEN=1 $(BIN)/pytest -q tests/test_golden.py

# Speed and size against plain MkDocs Material on synthetic communes (see bench/README.md).
# Byte-compiled first, as any Python does on a first run (unless PYTHONDONTWRITEBYTECODE).
bench: $(BIN)/.installed-test
	$(BIN)/python -m compileall -q generator
	$(BIN)/python bench/run.py

# 100 synthetic communes with --jobs 1 and --jobs 2 (about 20 minutes on 2 cores: kept
# apart so that `make bench` stays under 20 minutes).
bench-province: $(BIN)/.installed-test
	$(BIN)/python bench/province.py --communes 100 --out bench/out/province

clean:
	rm -rf $(OUT) .$(OUT).new-* .$(OUT).old-* .pytest_cache .mypy_cache .ruff_cache build *.egg-info
	rm -rf province/site province/reports
