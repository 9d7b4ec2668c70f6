/**
 * Names across scripts: romanisation, skeleton keys and the matcher.
 */
import { skeletonKeys } from './skeleton.js'
import { tokenize } from './text.js'

export { CYRILLIC_STANDARDS, cyrillicLanguage, romanizeCyrillic, type CyrillicStandard } from './cyrillic.js'
export { romanizeArmenian, romanizeGeorgian } from './caucasus.js'
export { allowedEdits, editDistance } from './distance.js'
export { matchNames, MAX_QUERY_WORDS, prepareNames, prepareQuery, type NameKind, type NameMatch, type StoredName, type WordMatch } from './match.js'
export { skeletonKeys } from './skeleton.js'
export { fold, MAX_NAME_LENGTH, MAX_WORD_LENGTH, normalizeText, scriptOf, tokenize } from './text.js'
export { MATCH_STANDARDS, type MatchStandard } from './words.js'

/** Maximum names, aliases and nicknames of one record that the matcher reads. */
export const MAX_STORED_NAMES = 64

/** Most keys stored for one entity, so a record with hundreds of aliases stays small. */
export const MAX_NAME_KEYS = 256

/** Collects the skeleton keys of every word of every name, deduplicated, for the name-key index. */
export function nameKeysOf(names: readonly string[]): string[] {
  const keys = new Set<string>()
  for (const name of names) {
    for (const word of tokenize(name)) {
      for (const key of skeletonKeys(word)) {
        keys.add(key)
        if (keys.size >= MAX_NAME_KEYS) return [...keys]
      }
    }
  }
  return [...keys]
}

/**
 * Lists the names of a record as the matcher reads them: its name, its aliases, and its nicknames
 * (`nickname`, `nicknames` or `klichka`) as weak aliases. An alias spelled like a nickname in
 * another script (Седой for Sedoy) counts as a nickname too. Lists at most MAX_STORED_NAMES,
 * so a record with thousands of aliases costs bounded work.
 */
export function storedNamesOf(name: string, properties: Record<string, unknown>): { text: string; kind: 'name' | 'alias' | 'nickname' }[] {
  const list = (value: unknown): string[] => {
    if (Array.isArray(value)) return value.slice(0, MAX_STORED_NAMES).filter((item): item is string => typeof item === 'string')
    return typeof value === 'string' ? [value] : []
  }
  const nicknames = [...list(properties.nickname), ...list(properties.nicknames), ...list(properties.klichka)]
  const nicknameKeys = new Set(nicknames.map(wordKeys))
  const names: { text: string; kind: 'name' | 'alias' | 'nickname' }[] = [{ text: name, kind: 'name' }]
  const seen = new Set([name])
  for (const alias of list(properties.aliases)) {
    if (seen.has(alias)) continue
    seen.add(alias)
    names.push({ text: alias, kind: nicknameKeys.has(wordKeys(alias)) ? 'nickname' : 'alias' })
  }
  for (const nickname of nicknames) {
    if (seen.has(nickname)) continue
    seen.add(nickname)
    names.push({ text: nickname, kind: 'nickname' })
  }
  return names.slice(0, MAX_STORED_NAMES)
}

/** Joins the first skeleton key of each word into a script-independent fingerprint of a name. */
function wordKeys(text: string): string {
  return tokenize(text)
    .map((word) => skeletonKeys(word)[0] ?? '')
    .join(' ')
}
