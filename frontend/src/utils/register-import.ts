// What the register import page computes from an upload, apart from the
// page so that it can be tested alone.
import type { Bilingual, RegisterImport, RowAction } from '@/api/register'

/** inLanguage picks the server's message in the UI language. */
export function inLanguage(m: Pick<Bilingual, 'zh' | 'en'>, locale: string): string {
  return locale.startsWith('en') && m.en ? m.en : m.zh
}

/** progressPercent is how far the import has come (0–100), or null while
 * the total is unknown (validation streams the file). */
export function progressPercent(imp: RegisterImport): number | null {
  const p = imp.progress
  if (!p || p.total <= 0) return null
  return Math.min(100, Math.round((p.done / p.total) * 100))
}

/** skipped counts the rows a confirmation leaves alone in a mode. */
export function skippedRows(imp: RegisterImport): number {
  return imp.counts.native + imp.counts.invalid
}

/** canConfirm says whether the upload may be imported in mode, and if
 * not which message explains why. */
export function confirmBlock(imp: RegisterImport, mode: 'valid-rows' | 'all-or-nothing'): '' | 'allOrNothingBlocked' | 'nothingToImport' {
  if (mode === 'all-or-nothing' && imp.counts.invalid > 0) return 'allOrNothingBlocked'
  if (imp.counts.valid === 0) return 'nothingToImport'
  return ''
}

/** confirmable says whether the upload's status lets it be confirmed. */
export function confirmable(imp: RegisterImport): boolean {
  return imp.status === 'ready' || imp.status === 'failed' || (imp.status === 'importing' && !!imp.interrupted)
}

const actionTags: Record<RowAction, string> = {
  new: 'gk-tag--ok',
  replace: 'gk-tag--warn',
  unchanged: '',
  native: '',
  invalid: 'gk-tag--bad',
}

/** actionClass is the tag style of a row's action. */
export function actionClass(a: RowAction): string {
  return actionTags[a] ?? ''
}
