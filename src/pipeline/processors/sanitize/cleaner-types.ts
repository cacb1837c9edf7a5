/**
 * What the cleaners of each kind of object (images, fonts, colour spaces,
 * forms…) get from the page cleaner (object-cleaner.ts): shared here so
 * that neither imports the other.
 */
import type { PDFContext, PDFDict, PDFObject, PDFRef } from '@cantoo/pdf-lib';
import type { Rect } from './geometry.ts';
import type { RemovedRule } from './removed-findings.ts';

/** How a kept key's value is copied: as plain data, or by a cleaner that knows what it holds. */
export type Shape = 'plain' | ((value: PDFObject) => Promise<PDFObject | undefined>);
export type KeySpec = Record<string, Shape>;

/** A spec that copies each of `keys` as plain data. */
export function plainKeys(...keys: string[]): KeySpec {
  return Object.fromEntries(keys.map((k) => [k, 'plain' as const]));
}

export interface Cleaner {
  readonly src: PDFContext;
  readonly out: PDFContext;
  report(rule: RemovedRule, item: string): void;
  /** Writes an object of the download (undone if the page it is for cannot be rebuilt). */
  register(object: PDFObject): PDFRef;
  /**
   * The cleaned copy of a source object. An object reached through a
   * reference is cleaned once per document under `kind` and shared;
   * streams are always written as objects of their own.
   */
  once(kind: string, value: PDFObject | undefined, make: (resolved: PDFObject) => Promise<PDFObject | undefined>): Promise<PDFObject | undefined>;
  /** A copy of `dict` with only the keys of `spec`; any other key that can carry data is reported as found on `what`. */
  pick(dict: PDFDict, spec: KeySpec, what: string): Promise<PDFDict>;
  /** A content stream rewritten (content-walk.ts) with its resources cleaned to what it uses. */
  content(data: Uint8Array, resources: PDFDict | undefined, region: Rect, what: string): Promise<{ data: Uint8Array; resources: PDFDict }>;
  colorSpace(value: PDFObject): Promise<PDFObject | undefined>;
  func(value: PDFObject): Promise<PDFObject | undefined>;
  image(value: PDFObject, what: string): Promise<PDFObject | undefined>;
  form(value: PDFObject, what: string, inherited?: PDFDict): Promise<PDFObject | undefined>;
}
