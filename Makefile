# SPDX-License-Identifier: GPL-3.0-or-later
# A thin layer over meson for newcomers: `make run` and `make test`.
# Both install what is missing with apt (sudo when not root), then build.

BUILD      ?= build
TEST_BUILD ?= build-test
DEMO_DB    ?= $(BUILD)/demo-shop.db
MESON_ARGS ?=

# Everything a fresh Debian 12 needs to build, run and test Songda.
APT_PACKAGES = build-essential pkg-config meson ninja-build gettext python3 \
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsqlite3-dev zlib1g-dev libxlsxwriter-dev \
  libcairo2-dev libpango1.0-dev libfontconfig-dev libqrencode-dev libgdk-pixbuf-2.0-dev \
  libpoppler-glib-dev poppler-utils \
  libshumate-dev libsoup-3.0-dev libxtst-dev \
  desktop-file-utils appstream-util libxml2-utils xvfb xauth \
  fonts-noto-cjk fonts-wqy-microhei locales

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RUN_ENV = GSETTINGS_SCHEMA_DIR=$(abspath $(BUILD))/resources SONGDA_LOCALEDIR=$(abspath $(BUILD))/po

.PHONY: all deps build run demo test clean

all: build

deps:
	@if command -v dpkg-query >/dev/null 2>&1; then \
	  missing=$$(for p in $(APT_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	  if [ -n "$$missing" ]; then \
	    echo "Installing:" $$missing; \
	    $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	  fi; \
	  if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$$'; then \
	    echo "Generating the zh_CN.UTF-8 locale"; \
	    $(SUDO) sed -i 's/^# *\(zh_CN.UTF-8 UTF-8\)/\1/; s/^# *\(en_US.UTF-8 UTF-8\)/\1/' /etc/locale.gen && \
	    $(SUDO) locale-gen >/dev/null; \
	  fi; \
	else \
	  echo "Not a Debian system: install the packages listed in README.md yourself."; \
	fi

$(BUILD)/build.ninja:
	meson setup $(BUILD) $(MESON_ARGS)

build: deps $(BUILD)/build.ninja
	meson compile -C $(BUILD)

$(DEMO_DB): | build
	$(BUILD)/src/cli/songda-cli demo --database $(DEMO_DB)

demo: build $(DEMO_DB)

run: demo
	$(RUN_ENV) $(BUILD)/src/app/songda --database $(abspath $(DEMO_DB))

# The suite as CI runs it: -Werror, address and undefined-behaviour sanitizers, and
# the window tests under Xvfb when there is no display.
$(TEST_BUILD)/build.ninja:
	meson setup $(TEST_BUILD) -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false $(MESON_ARGS)

test: deps $(TEST_BUILD)/build.ninja
	meson compile -C $(TEST_BUILD)
	@status=0; \
	if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  xvfb-run -a -s '-screen 0 1280x1024x24' meson test -C $(TEST_BUILD) --print-errorlogs || status=$$?; \
	else \
	  meson test -C $(TEST_BUILD) --print-errorlogs || status=$$?; \
	fi; \
	python3 tools/test-summary.py $(TEST_BUILD)/meson-logs/testlog.json || status=1; \
	exit $$status

clean:
	rm -rf $(BUILD) $(TEST_BUILD)
