# Thin front to Meson and Ninja. Every target installs what it needs first.
PORT ?= 8080
DB ?= data/laoxiao.db
LISTEN ?= 127.0.0.1

PREFIX ?= /usr/local
SYSCONFDIR ?= /etc
DESTDIR ?=

.PHONY: all deps build run demo test unit api format format-check fuzz crashtest bench clean install

all: build

deps:
	@./scripts/setup-deps

build/build.ninja: | deps
	@meson setup build --buildtype=debugoptimized -Dwerror=true >/dev/null

build: deps build/build.ninja
	@ninja -C build laoxiao

run: build
	@mkdir -p $(dir $(DB))
	./build/laoxiao serve --db $(DB) --port $(PORT) --listen $(LISTEN)

build-test/build.ninja: | deps
	@meson setup build-test --buildtype=debug -Dwerror=true \
		-Db_sanitize=address,undefined -Db_lundef=false >/dev/null

# The libFuzzer targets of tests/fuzz, built with clang (-Dfuzz=true).
build-fuzz/build.ninja: | deps
	@CC=clang meson setup build-fuzz --buildtype=debugoptimized -Dfuzz=true \
		-Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args=-fsanitize=fuzzer-no-link >/dev/null

# A small synthetic 巴中 (1% of its people, docs/synth.md) to try the
# platform on; the admin password is printed when it is built.
DEMO_DB ?= data/demo.db
demo: build
	@mkdir -p $(dir $(DEMO_DB))
	@test -f $(DEMO_DB) || ./build/laoxiao synth --preset 511900000000 \
		--scale 0.01 --db $(DEMO_DB)
	./build/laoxiao serve --db $(DEMO_DB) --port $(PORT) --listen $(LISTEN)

# The optimised build is compiled too: some warnings (format truncation)
# only show at -O2, and 'make run' uses that build.
# The fuzz targets and the crash trials run briefly inside: the crash
# trials load their shim into the optimised build, not the sanitized one.
test: deps build-test/build.ninja build/build.ninja build-fuzz/build.ninja \
	format-check
	@ninja -C build-test
	@ninja -C build laoxiao
	@ninja -C build-fuzz fuzz >/dev/null
	@./tests/run-all build-test

# Every fuzz target for FUZZ_SECONDS each from its corpus (tests/fuzz).
FUZZ_SECONDS ?= 60
fuzz: deps build-fuzz/build.ninja
	@ninja -C build-fuzz fuzz >/dev/null
	@./tests/fuzz/run build-fuzz $(FUZZ_SECONDS)

# CRASH_TRIALS kills in the middle of imports, a run and synth (tests/crash).
CRASH_TRIALS ?= 100
crashtest: build
	@/usr/bin/python3 tests/crash/run.py build/laoxiao $(CRASH_TRIALS)

format:
	@clang-format -i $$(git ls-files 'src/*.[ch]' 'tests/*.[ch]')

format-check:
	@clang-format --dry-run --Werror $$(git ls-files 'src/*.[ch]' 'tests/*.[ch]')

bench: build
	@./bench/run

# The program, its pages, presets and default policies under PREFIX; the
# settings and an editable copy of the policies under SYSCONFDIR/laoxiao
# (kept when already there, so an upgrade never overwrites an official's
# edits); the systemd unit and its account. README: "Installing as a
# service".
install: build
	install -Dm755 build/laoxiao $(DESTDIR)$(PREFIX)/bin/laoxiao
	mkdir -p $(DESTDIR)$(PREFIX)/share/laoxiao $(DESTDIR)$(PREFIX)/share/doc/laoxiao
	rm -rf $(DESTDIR)$(PREFIX)/share/laoxiao/web $(DESTDIR)$(PREFIX)/share/laoxiao/presets \
		$(DESTDIR)$(PREFIX)/share/laoxiao/policies
	cp -R web presets policies $(DESTDIR)$(PREFIX)/share/laoxiao/
	# the client's modules as one file: a slow link pays one round trip, not 150
	scripts/bundle-web web $(DESTDIR)$(PREFIX)/share/laoxiao/web
	install -m644 README.md $(DESTDIR)$(PREFIX)/share/doc/laoxiao/README.md
	cp -R docs $(DESTDIR)$(PREFIX)/share/doc/laoxiao/
	install -d -m750 $(DESTDIR)$(SYSCONFDIR)/laoxiao
	test -e $(DESTDIR)$(SYSCONFDIR)/laoxiao/laoxiao.conf || \
		install -m640 scripts/service/laoxiao.conf $(DESTDIR)$(SYSCONFDIR)/laoxiao/laoxiao.conf
	test -e $(DESTDIR)$(SYSCONFDIR)/laoxiao/policies || \
		cp -R policies $(DESTDIR)$(SYSCONFDIR)/laoxiao/policies
	sed 's|@PREFIX@|$(PREFIX)|g' scripts/service/laoxiao.service > laoxiao.service.tmp
	install -Dm644 laoxiao.service.tmp $(DESTDIR)$(PREFIX)/lib/systemd/system/laoxiao.service
	rm -f laoxiao.service.tmp
	install -Dm644 scripts/service/laoxiao.sysusers $(DESTDIR)$(PREFIX)/lib/sysusers.d/laoxiao.conf

clean:
	rm -rf build build-test build-fuzz
