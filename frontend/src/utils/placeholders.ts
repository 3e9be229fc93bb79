// Answer templates hold placeholders such as {{项目名称}} for the officer
// to fill in: they are shown highlighted, and the draft form lists those
// still left in the text.
const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g

/** Segment is a run of a template's text: plain, or a placeholder. */
export interface Segment {
  text: string
  placeholder: boolean
  /** name is the placeholder's name without the braces. */
  name?: string
}

/** splitPlaceholders cuts a text into plain runs and placeholders. */
export function splitPlaceholders(text: string | null | undefined): Segment[] {
  const s = text ?? ''
  const out: Segment[] = []
  let last = 0
  for (const m of s.matchAll(PLACEHOLDER)) {
    const at = m.index ?? 0
    if (at > last) out.push({ text: s.slice(last, at), placeholder: false })
    out.push({ text: m[0], placeholder: true, name: m[1] })
    last = at + m[0].length
  }
  if (last < s.length) out.push({ text: s.slice(last), placeholder: false })
  return out
}

/** placeholdersIn lists a text's placeholders once each, in order. */
export function placeholdersIn(text: string | null | undefined): string[] {
  return [...new Set(splitPlaceholders(text).flatMap((s) => (s.placeholder && s.name ? [s.name] : [])))]
}
