# Multi-stage build: the web UI with Node, the binary with Go, a small runtime.
FROM node:20-bookworm-slim AS ui
WORKDIR /src/frontend
COPY frontend/ ./
RUN if [ -f package.json ]; then npm ci --no-audit --no-fund && npm run build; else mkdir -p dist; fi

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=ui /src/frontend/dist ./frontend/dist
ARG VERSION=docker
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/gongkai .

# The runtime needs the free Chinese faces the official documents are set in
# (app/pdfdoc) and that the redaction renderer substitutes for fonts a PDF
# names without embedding them (app/redact), so it is Debian, not distroless.
FROM debian:bookworm-slim
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates tzdata fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-lxgw-wenkai \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 65532 --home-dir /var/lib/gongkai --create-home nonroot
COPY --from=build /out/gongkai /usr/local/bin/gongkai
ENV GONGKAI_ADDR=:8080 GONGKAI_ENV=production XDG_CACHE_HOME=/var/lib/gongkai/cache
EXPOSE 8080
USER nonroot
ENTRYPOINT ["/usr/local/bin/gongkai"]
CMD ["serve"]
