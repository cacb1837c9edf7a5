/**
 * Reading the parts of a zip package (Office Open XML, OpenDocument) the way
 * LibreOffice does: from the central directory, not by walking local
 * headers, so an entry a streaming reader would skip is still seen. Sizes
 * are bounded: yauzl holds every entry to the size the directory declares
 * (a part that inflates to more is an error), an entry declared larger than
 * the budget is refused before it is inflated, and the reader counts what
 * it inflates against the budget (a zip bomb is refused, not unpacked).
 * Node-only.
 */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { DocumentError } from '../../errors.ts';

/**
 * What one file, with the packages inside it, may unpack to: shared across
 * nesting, so it bounds the whole file.
 */
export class ZipBudget {
  private bytes = 0;
  private entries = 0;
  readonly maxBytes: number;
  readonly maxEntries: number;

  /** 1 GB of parts is far past any real document (a 2,000-page report's XML is ~50 MB) and still fits a worker's time. */
  constructor(maxBytes = 1024 ** 3, maxEntries = 50_000) {
    this.maxBytes = maxBytes;
    this.maxEntries = maxEntries;
  }

  countEntry(): void {
    if (++this.entries > this.maxEntries) throw tooBig(`more than ${this.maxEntries.toLocaleString('en')} parts`);
  }

  /** An entry declared larger than the whole budget is refused before any of it is inflated. */
  checkDeclared(size: number): void {
    if (size > this.maxBytes) this.countBytes(size);
  }

  /** Bytes inflated, as they are read. */
  countBytes(size: number): void {
    this.bytes += size;
    if (this.bytes > this.maxBytes)
      throw tooBig(
        `more than ${this.maxBytes >= 1024 ** 2 ? `${Math.floor(this.maxBytes / 1024 ** 2).toLocaleString('en')} MB` : `${this.maxBytes.toLocaleString('en')} bytes`}`,
      );
  }
}

/**
 * The zip's directory cannot be read. LibreOffice may still open the file
 * (it repairs some damaged packages), so the caller can have it rewritten
 * first rather than refuse it.
 */
export class UnreadablePackageError extends DocumentError {}

/** A zip starts with a local file header (as every Office package does; a self-extracting archive would not, and is no Office file). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Calls `read` with the inflated bytes of every file entry, one entry at a time, in directory order. */
export async function readZipEntries(source: string | Buffer, read: (name: string, data: Readable) => Promise<void>, budget: ZipBudget): Promise<void> {
  const zip = await unreadableIfFails(() => open(source));
  try {
    for (let entry = await unreadableIfFails(() => next(zip)); entry; entry = await unreadableIfFails(() => next(zip))) {
      budget.countEntry();
      if (entry.fileName.endsWith('/')) continue;
      if (entry.isEncrypted()) throw new DocumentError(`the file's part ${entry.fileName} is encrypted`, 'save the file without a password and add it again');
      budget.checkDeclared(entry.uncompressedSize);
      try {
        await read(entry.fileName, await openEntry(zip, entry));
      } catch (e) {
        // Data that does not inflate to its declared size is refused: it is how a zip bomb hides its size.
        if (e instanceof DocumentError) throw e;
        throw new DocumentError(
          `the file's part ${entry.fileName} is damaged: ${(e as Error).message}`,
          'check that the file opens in an Office program; save it again, or export it to PDF',
        );
      }
    }
  } finally {
    zip.close();
  }
}

async function unreadableIfFails<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    throw new UnreadablePackageError(
      `the file is not a readable Office package (zip): ${(e as Error).message}`,
      'check that the file opens in an Office program; save it again, or export it to PDF',
    );
  }
}

function tooBig(what: string): DocumentError {
  return new DocumentError(
    `the file unpacks to ${what}, which no real document needs (a zip bomb?)`,
    'check where the file came from; export the document to PDF and add the PDF instead',
  );
}

/** A file by its path (read as needed, not loaded whole) or a package already in memory (one inside another). */
function open(source: string | Buffer): Promise<yauzl.ZipFile> {
  const options: yauzl.Options = { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, autoClose: false };
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile) => (err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip));
    if (typeof source === 'string') yauzl.open(source, options, done);
    else yauzl.fromBuffer(source, options, done);
  });
}

/** The next entry of the directory, or undefined at its end. */
function next(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(undefined));
    const onError = (e: Error) => (cleanup(), reject(e));
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream))));
}
