/**
 * The benchmark's vocabulary: common words first (frequent), then made-up
 * words (the long tail a real index has), and a Zipf-like word picker.
 */

/** A small fast deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they ' +
  'memorandum report officer agency department investigation request information review meeting committee ' +
  'federal county district program policy training equipment incident response analysis intelligence center ' +
  'public safety operation unit personnel records budget contract vendor subject summary assessment bulletin ' +
  'threat activity suspicious regional coordination task force surveillance emergency management director ' +
  'deputy chief sheriff patrol division evidence warrant court hearing motion order appeal counsel attorney ' +
  'witness testimony exhibit statement interview complaint allegation finding recommendation approval'
).split(' ');
const SYLLABLES = 'ka ro mi ten sul var po lin dra mer tis ga nor ve chal bri os fen lu tor quin das pel mo rik sen'.split(' ');

/** Common words first, then made-up ones; word n is picked about log((n+2)/(n+1)) / log(6000) of the time. */
export const VOCABULARY: string[] = (() => {
  const words = [...COMMON];
  const seen = new Set(words);
  const rand = prng(7);
  while (words.length < 6000) {
    const n = 2 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  return words;
})();

/** A word with a Zipf-like (log-uniform rank) distribution. */
export function word(rand: () => number): string {
  const rank = Math.floor(Math.pow(VOCABULARY.length, rand())) - 1;
  return VOCABULARY[Math.min(rank, VOCABULARY.length - 1)]!;
}
