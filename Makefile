# rookmelder - GNU Make + pkg-config.
#
#   make                 build/rookmelder
#   make static          build/rookmelder-static (no shared libraries at all)
#   make scan            install missing build deps, build, scan this host
#   make check           every test: gcc -Werror build, unit, e2e, clang
#                        ASan+UBSan build of the same suites, short fuzz run,
#                        and (as root) the e2e suite again unprivileged
#   make fuzz            libFuzzer targets in build-fuzz/ (clang)
#   make install         PREFIX=/usr/local DESTDIR=
#   make docs            regenerate docs/DETECTORS.md
#   make bench           bench/run.sh: host scan vs its peers
#   make bench-yara      bench/yara.sh: YARA vs the yara CLI (minutes)
#
# Variables: O=builddir  CC=  SAN=1 (ASan+UBSan)  WERROR=1  V=1

VERSION   := 0.1.0
# `make` alone builds rookmelder (the generated-rules rules come first)
.DEFAULT_GOAL := all
O         ?= build
CC        ?= cc
PKG_CONFIG ?= pkg-config
PREFIX    ?= /usr/local
DESTDIR   ?=
SAN       ?= 0
WERROR    ?= 0
FUZZ_SECONDS ?= 15
# parallel jobs for the builds and fuzz runs `make check` starts
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)

ifeq ($(origin CC),default)
CC := cc
endif

WARN := -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wvla -Wno-format-nonliteral
ifeq ($(WERROR),1)
WARN += -Werror
endif

CPPFLAGS_RM := -D_GNU_SOURCE -DRM_VERSION='"$(VERSION)"' -Isrc
CFLAGS      ?= -O2 -g
CFLAGS_RM   := -std=c11 $(WARN) -fstack-protector-strong -fPIE \
	-fno-strict-aliasing
LDFLAGS_RM  := -pie -Wl,-z,relro,-z,now

ifeq ($(SAN),1)
CFLAGS_RM += -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
LDFLAGS_RM += -fsanitize=address,undefined
else
CPPFLAGS_RM += -D_FORTIFY_SOURCE=2
endif

ifneq ($(V),1)
Q := @
endif

SRC     := $(sort $(wildcard src/core/*.c src/collect/*.c src/detect/*.c \
	src/output/*.c src/cmd/*.c src/incident/*.c))
OBJ     := $(SRC:%.c=$(O)/obj/%.o)
LIB     := $(O)/librookmelder.a
BIN     := $(O)/rookmelder

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)
HELP_SRC := $(sort $(wildcard tests/helpers/*.c))
HELP_BIN := $(HELP_SRC:tests/helpers/%.c=$(O)/helpers/%)
# shared libraries the tests preload (tests/helpers/lib/NAME.c -> libNAME.so)
HELP_LIB_SRC := $(sort $(wildcard tests/helpers/lib/*.c))
HELP_LIB := $(HELP_LIB_SRC:tests/helpers/lib/%.c=$(O)/helpers/lib%.so)
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))

# libmd: MD5 (dpkg md5sums) and SHA-256, the library dpkg itself uses
MD_CFLAGS := $(shell $(PKG_CONFIG) --cflags libmd 2>/dev/null)
MD_LIBS   := $(shell $(PKG_CONFIG) --libs libmd 2>/dev/null || echo -lmd)
CPPFLAGS_RM += $(MD_CFLAGS)

# libyara (content scans); the static binary also needs what libyara links
YARA_CFLAGS := $(shell $(PKG_CONFIG) --cflags yara 2>/dev/null)
YARA_LIBS   := $(shell $(PKG_CONFIG) --libs yara 2>/dev/null || echo -lyara) \
	-pthread
YARA_STATIC_LIBS := $(shell $(PKG_CONFIG) --static --libs yara libmagic \
	libcrypto jansson 2>/dev/null || echo -lyara -lmagic -llzma -lbz2 \
	-lz -ljansson -lcrypto -lm -ldl) -pthread
# libcrypto: SHA-256 (core/hash.c); libyara links it too
CRYPTO_LIBS := $(shell $(PKG_CONFIG) --libs libcrypto 2>/dev/null || \
	echo -lcrypto)
CPPFLAGS_RM += $(YARA_CFLAGS)
LIBS_RM := $(MD_LIBS) $(YARA_LIBS) $(CRYPTO_LIBS)

# Data the binary carries - the indicator lists (rules/*.txt) and the
# built-in YARA rules (rules/yara/*.yar, concatenated) - is embedded
# "veiled": every byte but 0x00 and 0x80 has its top bit flipped, so a copy
# of rookmelder on a host does not match its own rules (or anyone's miner
# rules); src/core/veil.c unveils it at run time.  gen_data DIR makes the
# files in DIR/gen.
VEIL := LC_ALL=C tr '\001-\177\201-\377' '\201-\377\001-\177'
YARA_RULES := $(sort $(wildcard rules/yara/*.yar))
IOC_TXT := $(sort $(wildcard rules/*.txt))
GEN_FILES = $(1)/gen/builtin.yar.x $(IOC_TXT:rules/%=$(1)/gen/%.x)
define gen_data
$(1)/gen/builtin.yar.x: $(YARA_RULES) Makefile
	@mkdir -p $$(@D)
	$(Q)for f in $(YARA_RULES); do cat "$$$$f"; echo; done | $(VEIL) \
		> $$@.tmp && mv $$@.tmp $$@
$(1)/gen/%.txt.x: rules/%.txt Makefile
	@mkdir -p $$(@D)
	$(Q)$(VEIL) < $$< > $$@.tmp && mv $$@.tmp $$@
$(1)/obj/src/collect/yara_builtin.o $(1)/obj/src/core/ioc_data.o: \
	$(call GEN_FILES,$(1))
$(1)/obj/src/collect/yara_builtin.o $(1)/obj/src/core/ioc_data.o: \
	CPPFLAGS_RM += -DRM_GEN_DIR='"$(1)/gen"'
endef
$(eval $(call gen_data,$(O)))

CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

.PHONY: all static scan check check-fast test-unit test-e2e check-san \
	check-fuzz check-unpriv fuzz install uninstall docs clean deps \
	deps-build unit helpers bench bench-yara

all: $(BIN)

$(O)/obj/%.o: %.c
	@mkdir -p $(@D)
	@[ "$(Q)" ] && echo "  CC      $<" || true
	$(Q)$(CC) $(CPPFLAGS_RM) $(CPPFLAGS) $(CFLAGS) $(CFLAGS_RM) -MMD -MP -c $< -o $@

$(LIB): $(OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BIN): $(O)/obj/src/main.o $(LIB)
	@[ "$(Q)" ] && echo "  LD      $@" || true
	$(Q)$(CC) $(CFLAGS) $(CFLAGS_RM) $(LDFLAGS_RM) $(LDFLAGS) -o $@ $^ \
		$(LIBS_RM)

# A fully static binary: a userland LD_PRELOAD rootkit cannot hook it.
static: $(O)/rookmelder-static
$(O)/rookmelder-static: $(SRC) src/main.c $(call GEN_FILES,$(O))
	@mkdir -p $(@D)
	@[ "$(Q)" ] && echo "  STATIC  $@" || true
	$(Q)$(CC) $(CPPFLAGS_RM) -D_FORTIFY_SOURCE=2 $(CPPFLAGS) -O2 -g \
		-DRM_GEN_DIR='"$(O)/gen"' \
		-std=c11 $(WARN) -fstack-protector-strong -static -o $@ \
		$(SRC) src/main.c $(MD_LIBS) $(YARA_STATIC_LIBS)

# ---- tests -------------------------------------------------------------------

unit: $(UNIT_BIN)
helpers: $(HELP_BIN) $(HELP_LIB)

$(O)/tests/%: tests/unit/%.c tests/unit/testlib.h $(LIB)
	@mkdir -p $(@D)
	@[ "$(Q)" ] && echo "  TEST    $@" || true
	$(Q)$(CC) $(CPPFLAGS_RM) -Itests/unit $(CMOCKA_CFLAGS) $(CPPFLAGS) \
		$(CFLAGS) $(CFLAGS_RM) -Wno-missing-prototypes $(LDFLAGS_RM) \
		-o $@ $< $(LIB) $(CMOCKA_LIBS) $(LIBS_RM)

$(O)/helpers/%: tests/helpers/%.c
	@mkdir -p $(@D)
	$(Q)$(CC) -D_GNU_SOURCE $(CFLAGS) -std=c11 $(WARN) \
		-Wno-missing-prototypes -o $@ $<

$(O)/helpers/lib%.so: tests/helpers/lib/%.c
	@mkdir -p $(@D)
	$(Q)$(CC) -D_GNU_SOURCE $(CFLAGS) -std=c11 $(WARN) \
		-Wno-missing-prototypes -shared -fPIC -o $@ $< -ldl

deps:
	@scripts/deps-debian.sh test

deps-build:
	@scripts/deps-debian.sh build

test-unit: unit
	@tests/run-unit.sh $(O)

test-e2e: all helpers
	@tests/e2e/run.sh $(O)

check-san:
	$(Q)$(MAKE) --no-print-directory -j$(JOBS) O=build-san SAN=1 CC=clang \
		WERROR=1 all unit helpers
	@tests/run-unit.sh build-san
	@tests/e2e/run.sh build-san

check-fuzz:
	$(Q)$(MAKE) --no-print-directory -j$(JOBS) fuzz
	@FUZZ_JOBS=$(JOBS) tests/run-fuzz.sh build-fuzz $(FUZZ_SECONDS)

# As root, run the end-to-end suite again as an unprivileged user, so what
# works without root is known to work, and what needs it skips cleanly.
check-unpriv: all helpers
	@tests/run-unpriv.sh $(O)

check: deps
	$(Q)$(MAKE) --no-print-directory -j$(JOBS) WERROR=1 all unit helpers static
	@tests/run-unit.sh $(O)
	@tests/e2e/run.sh $(O)
	@$(MAKE) --no-print-directory check-unpriv
	@$(MAKE) --no-print-directory check-san
	@$(MAKE) --no-print-directory check-fuzz
	@tests/check-docs.sh $(O)
	@echo "make check: all passed"

# The fast loop while developing: gcc build, unit and e2e only.
check-fast: all unit helpers
	@tests/run-unit.sh $(O)
	@tests/e2e/run.sh $(O)

# ---- fuzzing -----------------------------------------------------------------

# The sources are compiled once, instrumented for coverage and the
# sanitizers (fuzzer-no-link), into one archive; each target links only
# the objects it uses.
FUZZ_O := build-fuzz
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=$(FUZZ_O)/%)
FUZZ_LIB_SRC := $(filter-out src/cmd/%,$(SRC))
FUZZ_LIB_OBJ := $(FUZZ_LIB_SRC:%.c=$(FUZZ_O)/obj/%.o)
FUZZ_LIB := $(FUZZ_O)/librookmelder-fuzz.a
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_FLAGS := -g -O1 $(FUZZ_SAN) -std=c11 $(WARN) -Wno-missing-prototypes

fuzz: $(FUZZ_BIN)
$(FUZZ_O)/obj/%.o: %.c
	@mkdir -p $(@D)
	@[ "$(Q)" ] && echo "  CC-FUZZ $<" || true
	$(Q)clang $(CPPFLAGS_RM) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link \
		-MMD -MP -c $< -o $@
$(eval $(call gen_data,$(FUZZ_O)))
$(FUZZ_LIB): $(FUZZ_LIB_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^
$(FUZZ_O)/fuzz_%: fuzz/fuzz_%.c $(FUZZ_LIB) $(wildcard fuzz/*.h)
	@mkdir -p $(@D)
	@echo "  FUZZ    $@"
	$(Q)clang $(CPPFLAGS_RM) $(FUZZ_FLAGS) -fsanitize=fuzzer -MMD -MP \
		-o $@ $< $(FUZZ_LIB) $(LIBS_RM)

# ---- install -----------------------------------------------------------------

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man8 \
		$(DESTDIR)$(PREFIX)/share/doc/rookmelder
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/rookmelder
	install -m 0644 docs/rookmelder.8 $(DESTDIR)$(PREFIX)/share/man/man8/
	install -m 0644 README.md docs/OUTPUT.md docs/DETECTORS.md \
		$(DESTDIR)$(PREFIX)/share/doc/rookmelder/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/rookmelder \
		$(DESTDIR)$(PREFIX)/share/man/man8/rookmelder.8
	rm -rf $(DESTDIR)$(PREFIX)/share/doc/rookmelder

docs: all
	$(BIN) rules --format markdown > docs/DETECTORS.md

# ---- the README's first command ---------------------------------------------

scan: deps-build
	$(Q)$(MAKE) --no-print-directory all
	@echo "== $(BIN) scan (as $$(id -un); run as root to see every process)"
	@$(BIN) scan $(SCAN_ARGS); st=$$?; [ $$st -le 1 ] || exit $$st

bench: all helpers
	@bench/run.sh $(O)

# YARA throughput: yara CLI vs rookmelder yara, and the scan's YARA pass
bench-yara: all
	@bench/yara.sh $(O)

clean:
	rm -rf $(O) build-san build-fuzz

-include $(OBJ:.o=.d) $(O)/obj/src/main.d
-include $(wildcard $(FUZZ_O)/obj/src/*/*.d $(FUZZ_O)/*.d)
