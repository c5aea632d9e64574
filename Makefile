# dm-inlinecrypt: device-mapper inline-encryption passthrough for Linux 5.10.
# This Makefile is the map of the pipeline; every step is a script in scripts/.
#
#   make               fetch, apply, build, boot and run the demonstration
#   make check         static checks, build, KUnit and kselftests in the VMs,
#                      and check-series (the whole series in one matrix cell)
#   make check-series  the series' quality: checkpatch, kernel-doc, patch -p1,
#                      every patch in the config matrix, no new W=1/sparse
#                      warnings
#   make series        export build/linux's commits back to patches/
#   make mail          the series as mail, with a cover letter, in build/mail
#   make series-check  fail if build/linux and patches/ differ
#   make bisect-check  build and boot every patch on its own
#   make modular-check build with device-mapper as modules (exports)
#   make bench         benchmarks: fio and table loads, with and without the series
#   make stress        the long stress run (STRESS_CYCLES=1000 by default)
#   make vm CMD='...'  run a command in the test VM

# The pinned base: Debian's linux-source-5.10 package (bullseye-security).
# If this version has left the archive, change BASE_PKG_VERSION and
# BASE_SHA256 (the sha256 of /usr/src/linux-source-5.10.tar.xz inside it).
BASE_PKG_VERSION ?= 5.10.262-1
BASE_SHA256 ?= a8a7ce6636bab6816b4f7a87efa2dd1cf1a5919026b6f384f9e96c1e6582b0bb

# Cache for the base, outside the checkout, reused across runs and clones.
CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/dm-inlinecrypt
# Use your own 5.10.y tree instead of the Debian base (a git tree is cloned at
# its HEAD; a plain directory is imported as it is).
KSRC ?=

TOP := $(CURDIR)
BUILD := $(TOP)/build
TREE := $(BUILD)/linux
OBJ := $(BUILD)/obj
BASE_SRC := $(if $(KSRC),$(abspath $(KSRC)),$(CACHE)/linux-$(BASE_PKG_VERSION))

export BASE_PKG_VERSION BASE_SHA256

.PHONY: all deps demo fetch tree build kselftest check check-series static series series-check \
	bench stress mail \
	bisect-check modular-check vm clean distclean

all: demo

# The Debian packages of config/packages, checked before anything else.
deps:
	@scripts/deps config/packages

fetch: deps
ifeq ($(KSRC),)
	@scripts/fetch-base $(CACHE)
else
	@test -f $(BASE_SRC)/Makefile || { echo "KSRC=$(KSRC) is not a kernel tree" >&2; exit 1; }
endif

tree: fetch
	@scripts/tree $(BASE_SRC) patches $(TREE)

build: tree
	@scripts/build-kernel $(TREE) $(OBJ) config/vm.config config/known-warnings

kselftest: build
	@scripts/build-kselftest $(TREE) $(OBJ) $(BUILD)/kselftest

demo: kselftest
	@scripts/vm-run --disk 64M --log $(BUILD)/vm/demo.log -- scripts/demo

static: tree
	@scripts/static-checks $(BASE_SRC) patches $(TREE)

check: fetch
	@scripts/check $(BASE_SRC) $(BUILD)

# make check runs the same checks, with the whole series in one cell only.
check-series: tree
	@scripts/check-series $(TREE) $(BUILD) $(BASE_SRC)

series:
	@scripts/export $(TREE) patches
	@# scripts/tree may re-apply patches/ over what is exported now
	@git -C $(TREE) rev-parse HEAD > $(TREE)/.git/dm-inlinecrypt-synced
	@echo "exported $$(grep -c . patches/series || true) patches to patches/"

series-check:
	@scripts/series-check $(TREE) patches

# The series as mail (git format-patch --cover-letter --base=), the cover
# letter from mail/cover-letter.txt, checked with checkpatch and git am.
mail: tree
	@scripts/mail $(BASE_SRC) $(TREE) $(BUILD)/mail

# Build and boot every patch of the series on its own (slow: one build and
# one boot per patch).
bisect-check: tree
	@scripts/bisect-check $(TREE) $(OBJ) config/vm.config config/known-warnings

# The long form of dm_stress.sh (make check runs 8 cycles).  Under TCG,
# 100 cycles took 24 minutes here, so 1000 take about 4 hours.
STRESS_CYCLES ?= 1000
stress: kselftest
	@scripts/vm-run --timeout 28800 --log $(BUILD)/vm/stress.log -- bash -c \
		'cp -a $(BUILD)/kselftest /tmp/k && cd /tmp/k/dm-crypto && \
		 STRESS_CYCLES=$(STRESS_CYCLES) ./dm_stress.sh'

bench: fetch tree
	@scripts/bench $(BASE_SRC) $(TREE) $(BUILD)

# Device-mapper built as modules: modpost catches missing exports.
modular-check: tree
	@scripts/build-kernel $(TREE) $(BUILD)/obj-modular config/modular.config \
		config/known-warnings

vm: build
	@scripts/vm-run -- bash -c '$(CMD)'

clean:
	rm -rf $(OBJ) $(BUILD)/obj-modular $(BUILD)/vm $(BUILD)/kselftest \
		$(BUILD)/results $(BUILD)/series
	@if [ -d $(TREE)/.git ]; then git -C $(TREE) worktree prune; fi

# Also removes build/linux (refused while it holds unexported work) and the
# base cache.
distclean: clean
	@if [ -d $(TREE)/.git ]; then scripts/series-check $(TREE) patches; fi
	rm -rf $(BUILD) $(CACHE)
