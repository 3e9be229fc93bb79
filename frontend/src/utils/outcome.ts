// How a concluded case ended, in words. The server's outcome keys are
// annual-report rows ("not_disclosed.third_party_rights"); its labels are
// the rows' verbatim text ("4.保护第三方合法权益"), which only make sense
// under their group, so the group name is put in front.
import { t, i18n } from '@/locales'

const GROUPS = ['disclosed', 'partially_disclosed', 'not_disclosed', 'unable', 'not_processed', 'other']

/** stripNumbering removes a row's "（三）" or "4." prefix and a trailing
 * note in full-width brackets. */
export function stripNumbering(label: string): string {
  return label
    .replace(/^（[一二三四五六七八九十]+）/, '')
    .replace(/^\d+[.．、]\s*/, '')
    .replace(/（[^（）]*）$/, '')
    .trim()
}

/** outcomeText names an outcome: the group for whole-group outcomes
 * ("予以公开"), group and row otherwise ("不予公开：保护第三方合法权益"),
 * and plain words for closures ("已撤回"). label is the server's
 * outcomeLabel, used for the row. */
export function outcomeText(key: string | undefined, label?: string): string {
  if (!key) return label ? stripNumbering(label) : ''
  const specific = `outcomes.${key}`
  if (i18n.global.te(specific)) return t(specific)
  const [group, row] = key.split('.', 2)
  if (!GROUPS.includes(group)) return label ? stripNumbering(label) : key
  const name = t(`outcomes.groups.${group}`)
  if (!row) return name
  const leaf = label ? stripNumbering(label) : row
  return leaf && leaf !== name ? t('outcomes.withRow', { group: name, row: leaf }) : name
}
