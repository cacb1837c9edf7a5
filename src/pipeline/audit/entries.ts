/** pdf.js 6 returns some dictionaries as Maps and others as plain objects: entries of either. */
export function entriesOf<V = unknown>(value: unknown): [string, V][] {
  if (value instanceof Map) return [...value.entries()] as [string, V][];
  if (value && typeof value === 'object') return Object.entries(value) as [string, V][];
  return [];
}
