# guidegen: `make build` builds the bundled guide, `make test` runs every test.
GO        ?= go
BIN       := bin/guidegen
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -X main.version=$(VERSION)
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
FUZZTIME  ?= 2m
ADDR      ?= 127.0.0.1:8000

.PHONY: build bin serve test lint golden bench bench-go fuzz icons axe pngicons clean

## build: compile bin/guidegen and build the bundled guide into public/
build: bin
	./$(BIN) build

bin:
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/guidegen

## serve: preview the site at http://127.0.0.1:8000/ (/nl/ for Dutch), rebuilt and reloaded on every save; ADDR=host:port to change
serve: bin
	./$(BIN) serve --addr $(ADDR)

## test: vet and run every test with the race detector
test:
	$(GO) vet ./...
	$(GO) test -race ./...

## lint: formatting, vet and staticcheck
lint:
	@test -z "$$(gofmt -l .)" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

## golden: rewrite the golden files from the current output (review the diff!)
golden:
	$(GO) test ./... -run 'Golden' -update

## bench: a full build beside the floor (plain goldmark GFM + footnotes, parse + render + write) on
## the generated corpus, BENCH_PAGES source pages per locale (5000: 10,002 pages), side by side in
## one run, BENCH_RUNS runs each: medians of pages/s (wall and CPU) of both, the ratio, peak RSS;
## then the preview engine's rebuilds and the dialect's cost
BENCH_PAGES ?= 5000
BENCH_RUNS  ?= 5
bench: bin
	$(GO) run ./bench -pages $(BENCH_PAGES) -runs $(BENCH_RUNS) -bin $(BIN)
	GUIDEGEN_BENCH_PAGES=$(BENCH_PAGES) $(GO) test ./internal/build/ -run '^$$' -bench 'Engine/page' -benchtime 20x
	GUIDEGEN_BENCH_PAGES=$(BENCH_PAGES) $(GO) test ./internal/build/ -run '^$$' -bench 'Engine/template' -benchtime 2x
	$(GO) test ./internal/markdown/ -run '^$$' -bench 'Pipeline/ratio' -benchtime 40x -count 3

## bench-go: the build's Go benchmarks (1,000 generated pages in two locales), the floor among them
bench-go:
	$(GO) test ./internal/build/ -run '^$$' -bench 'Build|Floor' -benchtime 5x -count 3

## fuzz: run every fuzz target for FUZZTIME each
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test $$pkg -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) || exit 1; \
	  done; \
	done

## icons: pack the complete icon sets and Twemoji from the pinned npm packages into internal/markdown/icons/icons.zip (licences into assets/icons), and make the logos of cmd/iconsync/logos.txt
icons:
	$(GO) run ./cmd/iconsync

## axe: refresh the axe-core vendored for the browser tests (needs npm; AXE_VERSION=4.x.y to change the pin)
axe:
	./scripts/update-axe.sh $(AXE_VERSION)

## pngicons: draw the PNG icons (web manifest, apple-touch-icon) from the favicon's shapes into assets/img
pngicons:
	$(GO) run ./cmd/pngicons

clean:
	rm -rf bin public .public.stage artifacts
