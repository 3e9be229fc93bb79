// Some npm packages ship Go sources (ESLint's flatted has a golang/ folder).
// A go.mod in node_modules makes it a module of its own, so `go test ./...`,
// vet, staticcheck and deadcode over Gongkai's module never reach into it.
import { writeFileSync } from 'node:fs'

writeFileSync(new URL('../node_modules/go.mod', import.meta.url), 'module node_modules\n')
