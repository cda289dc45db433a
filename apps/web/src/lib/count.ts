/** "1 call", "2 calls", "0 calls": a number with its noun in the right form (English plural rules). */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${new Intl.PluralRules('en-US').select(n) === 'one' ? singular : plural}`;
}
