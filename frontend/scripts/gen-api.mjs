// gen-api generates the front end's API types and form limits from the API
// document the Go code serves, committed as src/api/generated/openapi.yaml
// (`make api-types` refreshes it; Node never needs Go):
//
//   src/api/generated/schema.d.ts  openapi-typescript's types (paths,
//                                  components, operations)
//   src/api/generated/limits.ts    every maxLength/minimum/… of the schemas
//                                  that requests carry, for the forms
//
// `node scripts/gen-api.mjs --check` (npm run check:api) generates both into
// a temporary folder and fails when either differs from the committed file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import yaml from 'js-yaml'
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript'

const root = fileURLToPath(new URL('..', import.meta.url))
const dir = join(root, 'src/api/generated')
const documentPath = join(dir, 'openapi.yaml')
const outputs = { 'schema.d.ts': schemaTypes, 'limits.ts': limitsModule }
const byName = ([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)

// The keywords a form can enforce, in the order limits.ts lists them, by
// the name limits.ts gives them. x-minLengthWhenGiven is the document's
// minimum length of a text a request may leave empty (JSON Schema's
// minLength would refuse the empty text the server accepts).
const LIMIT_KEYWORDS = {
  minLength: 'minLength',
  'x-minLengthWhenGiven': 'minLengthWhenGiven',
  maxLength: 'maxLength',
  minimum: 'minimum',
  maximum: 'maximum',
  exclusiveMinimum: 'exclusiveMinimum',
  exclusiveMaximum: 'exclusiveMaximum',
  minItems: 'minItems',
  maxItems: 'maxItems',
}

async function schemaTypes(text) {
  // openapi-typescript resolves $refs itself; it reads the document as text
  // so that what it sees is exactly the committed file.
  const ast = await openapiTS(text, { silent: true })
  return COMMENT_HEADER + astToString(ast)
}

// limitsOf returns a schema's limits: its own keywords and those of its
// properties and array items, leaving out everything that has none.
function limitsOf(schema) {
  if (!schema || typeof schema !== 'object' || '$ref' in schema) return undefined
  const out = {}
  for (const [k, name] of Object.entries(LIMIT_KEYWORDS)) {
    if (typeof schema[k] === 'number') out[name] = schema[k]
  }
  const items = limitsOf(schema.items)
  if (items) out.items = items
  // allOf parts (a $ref with a description or nullable beside it) and
  // 3.1's anyOf [X, null] add to the schema they describe.
  for (const part of [...(schema.allOf ?? []), ...(schema.anyOf ?? [])]) Object.assign(out, limitsOf(part))
  return Object.keys(out).length ? out : undefined
}

// propertyLimits returns an object schema's limits by property name (the
// schema's own keywords, if it has any, beside them).
function propertyLimits(schema) {
  const out = { ...limitsOf({ ...schema, properties: undefined }) }
  for (const [name, sub] of Object.entries(schema?.properties ?? {}).sort(byName)) {
    const l = limitsOf(sub)
    if (l) out[name] = l
  }
  return Object.keys(out).length ? out : undefined
}

// literal writes limits as TypeScript, one line per property.
function literal(value, indent = '') {
  const entries = Object.entries(value)
  if (!entries.length) return '{}'
  const key = (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k))
  if (entries.every(([, v]) => typeof v !== 'object')) return `{ ${entries.map(([k, v]) => `${key(k)}: ${JSON.stringify(v)}`).join(', ')} }`
  const inner = indent + '  '
  return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${typeof v === 'object' ? literal(v, inner) : JSON.stringify(v)},`).join('\n')}\n${indent}}`
}

// requestSchemas names the component schemas a request can carry: those a
// request body refers to, directly or through other schemas. Responses'
// limits (an id's minimum 0 …) are no form's business.
function requestSchemas(doc) {
  const schemas = doc?.components?.schemas ?? {}
  const names = new Set()
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (!node || typeof node !== 'object') return
    const ref = typeof node.$ref === 'string' && node.$ref.match(/^#\/components\/schemas\/(.+)$/)
    if (ref && !names.has(ref[1])) {
      names.add(ref[1])
      visit(schemas[ref[1]])
    }
    Object.values(node).forEach(visit)
  }
  for (const item of Object.values(doc?.paths ?? {})) {
    for (const op of Object.values(item ?? {})) visit(op?.requestBody)
  }
  return names
}

function limitsModule(text) {
  const doc = yaml.load(text)
  const inRequests = requestSchemas(doc)
  const limits = {}
  for (const [name, schema] of Object.entries(doc?.components?.schemas ?? {}).sort(byName)) {
    const l = inRequests.has(name) && propertyLimits(schema)
    if (l) limits[name] = l
  }
  return `// Generated by scripts/gen-api.mjs from openapi.yaml (npm run gen:api). Do not edit.
//
// limits holds every maxLength, minimum, maximum … of the component schemas
// that request bodies carry, by schema and property (items: an array's
// elements; minLengthWhenGiven: x-minLengthWhenGiven, the minimum of a text
// that may be left empty): limits.ExtensionInput.days.maximum. The forms import their
// limits from here so that the server's rules are not copied.
export const limits = ${literal(limits)} as const
`
}

async function main() {
  const check = process.argv.includes('--check')
  const text = readFileSync(documentPath, 'utf8')
  const target = check ? mkdtempSync(join(tmpdir(), 'gongkai-api-')) : dir
  const stale = []
  try {
    for (const [file, generate] of Object.entries(outputs)) {
      const content = await generate(text)
      writeFileSync(join(target, file), content)
      if (check) {
        let committed = ''
        try {
          committed = readFileSync(join(dir, file), 'utf8')
        } catch {
          // missing counts as stale
        }
        if (committed !== content) stale.push(firstDifference(relative(root, join(dir, file)), committed, content))
      }
    }
  } finally {
    if (check) rmSync(target, { recursive: true, force: true })
  }
  if (stale.length) {
    console.error(`check:api: the generated API files differ from what src/api/generated/openapi.yaml gives:\n${stale.join('\n')}\n` +
      'Run `npm run gen:api` (or `make api-types` from the repository root when the Go side changed) and commit the result.')
    process.exit(1)
  }
  console.log(check ? 'check:api: the generated API files match openapi.yaml' : `gen:api: wrote ${Object.keys(outputs).map((f) => relative(root, join(dir, f))).join(', ')}`)
}

function firstDifference(file, committed, generated) {
  const a = committed.split('\n')
  const b = generated.split('\n')
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return `  ${file}: line ${i + 1}: committed ${JSON.stringify(a[i] ?? '(end of file)')}, generated ${JSON.stringify(b[i] ?? '(end of file)')}`
}

await main()
