# Gongkai — the two commands are `make run` and `make test`.
SHELL := /bin/bash
GO ?= go
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)
DATA_DIR ?= data
export GONGKAI_DATABASE_URL ?= sqlite:$(DATA_DIR)/gongkai.db

.PHONY: run build build-go ui api-types test test-go test-ui test-browser vet lint lint-go lint-ui bench clean

## run: build everything and start Gongkai on SQLite under ./data with demo data
run: build
	mkdir -p $(DATA_DIR)
	./bin/gongkai seed --demo
	./bin/gongkai serve

## build: the web UI (when Node is available) and the gongkai binary
build: ui build-go

build-go:
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/gongkai .

## ui: the web UI in frontend/dist, rebuilt only when something it is made from changed: `npm ci` when
## package-lock.json is newer than the install (npm writes node_modules/.package-lock.json at each install),
## the build when the install or a source, asset, script or config file is newer than dist/index.html
## (the build deletes it first, so a failed build is retried)
UI_INSTALLED := frontend/node_modules/.package-lock.json
UI_BUILT := frontend/dist/index.html
UI_SOURCES := $(shell find frontend/src frontend/public frontend/scripts -type f 2>/dev/null) \
	$(wildcard frontend/index.html frontend/vite.config.ts frontend/tsconfig.json frontend/package.json)

ifneq ($(wildcard frontend/package.json),)
ui: $(UI_BUILT)
else
ui:
	@echo "no frontend yet"
endif

$(UI_INSTALLED): frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

$(UI_BUILT): $(UI_INSTALLED) $(UI_SOURCES)
	cd frontend && npm run build

## api-types: the API document the Go code serves, committed as frontend/src/api/generated/openapi.yaml, and the
## front end's types and form limits generated from it (the front end reads the committed YAML only: Node needs no Go)
api-types:
	$(GO) run -tags noui . openapi > frontend/src/api/generated/openapi.yaml.tmp || { rm -f frontend/src/api/generated/openapi.yaml.tmp; exit 1; }
	mv frontend/src/api/generated/openapi.yaml.tmp frontend/src/api/generated/openapi.yaml
	cd frontend && npm run gen:api

## test: the lint and every test suite (SQLite always; PostgreSQL when GONGKAI_TEST_POSTGRES_DSN is set)
test: lint test-go test-ui test-browser

## lint: the Go habits (.ci/lint-go: tidy, vet, gofmt, staticcheck, deadcode, complexity, the store rule) and the UI's ESLint and vue-tsc
lint: lint-go lint-ui

lint-go:
	GO=$(GO) .ci/lint-go

# lint-ui: ESLint, vue-tsc, the generated API types against the committed document (check:api) and Redocly's lint of it (lint:api)
lint-ui:
	@if [ -f frontend/package.json ]; then \
		cd frontend && npm ci --no-audit --no-fund && npm run lint; \
	fi

vet:
	$(GO) vet -tags noui ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1)

test-go:
	$(GO) test -race -tags noui -count=1 -timeout 60m ./...

test-ui:
	@if [ -f frontend/package.json ]; then \
		cd frontend && npm ci --no-audit --no-fund && npm run test:unit; \
	fi

test-browser:
	@if [ -f frontend/e2e/run.mjs ]; then \
		$(MAKE) build && cd frontend && node e2e/run.mjs; \
	fi

## bench: the benchmarks recorded in BENCHMARKS.md
bench:
	$(GO) test -tags noui -run='^$$' -bench=. -benchmem ./app/...

clean:
	rm -rf bin $(DATA_DIR)
