# Thin front to Meson and Ninja. Every target installs what it needs first.
PORT ?= 8080
DB ?= data/laoxiao.db
LISTEN ?= 127.0.0.1

.PHONY: all deps build run test unit api format format-check bench clean

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

# The optimised build is compiled too: some warnings (format truncation)
# only show at -O2, and 'make run' uses that build.
test: deps build-test/build.ninja build/build.ninja format-check
	@ninja -C build-test
	@ninja -C build laoxiao
	@./tests/run-all build-test

format:
	@clang-format -i $$(git ls-files 'src/*.[ch]' 'tests/*.[ch]')

format-check:
	@clang-format --dry-run --Werror $$(git ls-files 'src/*.[ch]' 'tests/*.[ch]')

bench: build
	@./bench/run

clean:
	rm -rf build build-test
