/**
 * Reading a written Pagefind index back, to assert on what it holds. Its
 * files are gzipped, start with `pagefind_dcd` and then hold CBOR; this
 * decodes the small part of CBOR Pagefind writes (definite lengths).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

const SIGNATURE = 'pagefind_dcd';

export function decodePagefindFile(bytes: Buffer): unknown {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  if (raw.subarray(0, SIGNATURE.length).toString('latin1') !== SIGNATURE) throw new Error('not a Pagefind index file');
  return decodeCbor(raw.subarray(SIGNATURE.length));
}

export function decodeCbor(bytes: Buffer): unknown {
  let at = 0;
  const length = (info: number): number => {
    if (info < 24) return info;
    const size = 1 << (info - 24);
    let n = 0;
    for (let k = 0; k < size; k++) n = n * 256 + bytes[at++];
    return n;
  };
  const item = (): unknown => {
    const head = bytes[at++];
    const major = head >> 5;
    const info = head & 31;
    if (info === 31) throw new Error('indefinite-length CBOR is not expected in Pagefind files');
    switch (major) {
      case 0:
        return length(info);
      case 1:
        return -1 - length(info);
      case 2: {
        const n = length(info);
        at += n;
        return bytes.subarray(at - n, at);
      }
      case 3: {
        const n = length(info);
        at += n;
        return bytes.subarray(at - n, at).toString('utf8');
      }
      case 4:
        return Array.from({ length: length(info) }, item);
      case 5: {
        const n = length(info);
        const map = new Map<unknown, unknown>();
        for (let k = 0; k < n; k++) map.set(item(), item());
        return map;
      }
      case 6:
        length(info);
        return item();
      default:
        if (info === 20) return false;
        if (info === 21) return true;
        if (info === 22 || info === 23) return null;
        throw new Error(`unexpected CBOR item 0x${head.toString(16)}`);
    }
  };
  return item();
}

/** Every filter of a written index: name → value → how many records have it. */
export async function pagefindFilters(pagefindDir: string): Promise<Record<string, Record<string, number>>> {
  const dir = path.join(pagefindDir, 'filter');
  const out: Record<string, Record<string, number>> = {};
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.pf_filter'))) {
    // [name, [[value, [record numbers]], …]]
    const [name, values] = decodePagefindFile(await readFile(path.join(dir, file))) as [string, [string, number[]][]];
    out[name] = Object.fromEntries(values.map(([value, records]) => [value, records.length]));
  }
  return out;
}

/** The index chunks a written index's metadata lists: [first word, last word, file hash]. */
export async function pagefindChunks(pagefindDir: string): Promise<[string, string, string][]> {
  const meta = (await readdir(pagefindDir)).find((f) => f.endsWith('.pf_meta'));
  if (!meta) throw new Error(`no Pagefind metadata in ${pagefindDir}`);
  // [version, pages, index chunks, filters, sorts, meta fields]
  const decoded = decodePagefindFile(await readFile(path.join(pagefindDir, meta))) as unknown[];
  return decoded[2] as [string, string, string][];
}
