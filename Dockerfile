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

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/gongkai /usr/local/bin/gongkai
ENV GONGKAI_ADDR=:8080 GONGKAI_ENV=production
EXPOSE 8080
USER nonroot
ENTRYPOINT ["/usr/local/bin/gongkai"]
CMD ["serve"]
