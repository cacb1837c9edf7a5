/**
 * `redactText`: finding what to remove in a text, and removing it. One
 * redactor serves a whole document (every page, cell, header and body), and
 * counts how often each entry matched, so that an entry that matched nothing
 * anywhere can be reported (a misspelt name is a name published).
 *
 * Entries are `text` (literal: any case, any whitespace between its words,
 * whole words only), `pattern` (a regular expression) or `rule` (every
 * finding of a text rule of the audit, found as the audit finds it, with the
 * column's name as context in a table). What is removed becomes
 * `[redacted <reason>]`: neither the words nor their length survive.
 * Processors map the spans to what they publish (glyphs, OCR words, cells).
 */
import { rulesFor } from '../audit/rules/index.ts';
import type { TextRuleOptions } from '../audit/types.ts';
import { compileRedactionPattern, literalPattern } from '../../lib/text-redaction-patterns.ts';

/** One entry as the job carries it (where it was written stays with the orchestrator). */
export interface TextRedactionRequest {
  text?: string;
  pattern?: string;
  rule?: string;
  reason: string;
  column?: string;
}

/** A stretch of text to remove: `text[start, end)`, and the reason code shown in its place. */
export interface RedactedSpan {
  start: number;
  end: number;
  reason: string;
}

/** A table column as the redactor sees it: its published name, its name as read (repeats share it), and the label that tells the rules what its cells are. */
export interface ColumnContext {
  name: string;
  base: string;
  label?: string;
}

export const redactionMark = (reason: string): string => `[redacted ${reason}]`;

type Finder = (text: string, column?: ColumnContext) => [number, number][];

export class TextRedactor {
  /** How many times each entry matched, in the order of the request. */
  readonly counts: number[];
  private readonly finders: { find: Finder; reason: string; column?: string }[];

  constructor(entries: readonly TextRedactionRequest[], options?: TextRuleOptions) {
    this.counts = entries.map(() => 0);
    this.finders = entries.map((e) => ({ find: finderOf(e, options), reason: e.reason, column: e.column?.toLowerCase() }));
  }

  get empty(): boolean {
    return this.finders.length === 0;
  }

  /**
   * The spans to remove from `text` (a table cell when `column` is given),
   * sorted, overlaps merged (the first reason kept). `count` false: a second
   * look at text already counted.
   */
  spans(text: string, column?: ColumnContext, count = true): RedactedSpan[] {
    if (this.finders.length === 0 || text === '') return [];
    const found: RedactedSpan[] = [];
    this.finders.forEach((f, i) => {
      // An entry with a column is for that column of a table only; one without applies everywhere.
      if (f.column !== undefined && !(column && (f.column === column.name.toLowerCase() || f.column === column.base.toLowerCase()))) return;
      for (const [start, end] of f.find(text, column)) {
        if (end <= start) continue;
        if (count) this.counts[i]!++;
        found.push({ start, end, reason: f.reason });
      }
    });
    return mergeSpans(found);
  }

  /** `text` with what the entries match replaced by `[redacted <reason>]`. */
  redact(text: string, column?: ColumnContext): string {
    return applySpans(text, this.spans(text, column));
  }
}

/** `text` with each span replaced by its mark. */
export function applySpans(text: string, spans: readonly RedactedSpan[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let last = 0;
  for (const s of spans) {
    out += text.slice(last, s.start) + redactionMark(s.reason);
    last = s.end;
  }
  return out + text.slice(last);
}

/** Spans sorted by start, each overlapping or touching run made one (with the reason of its first). */
export function mergeSpans(spans: RedactedSpan[]): RedactedSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: RedactedSpan[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

function finderOf(entry: TextRedactionRequest, options?: TextRuleOptions): Finder {
  if (entry.rule !== undefined) return ruleFinder(entry.rule, options);
  const compiled = entry.text !== undefined ? literalPattern(entry.text) : compileRedactionPattern(entry.pattern ?? '');
  // The schema refuses a pattern that cannot be compiled; this is a job built some other way.
  if (!(compiled instanceof RegExp)) throw new Error(`redactText: ${compiled.error}`);
  return (text) => [...text.matchAll(compiled)].map((m) => [m.index, m.index + m[0].length]);
}

/**
 * Every finding of a text rule, as a span: the rule is given a locator that
 * notes where each finding lies. In a table cell the rule reads the
 * column's label first ("Phone: 219099999"), as the audit does, and only
 * what lies in the cell is removed.
 */
function ruleFinder(id: string, options?: TextRuleOptions): Finder {
  const rule = rulesFor('text').find((r) => r.id === id);
  if (!rule) throw new Error(`redactText: "${id}" is not a text rule`);
  return (text, column) => {
    const prefix = column?.label ? `${column.label}: ` : '';
    const spans: [number, number][] = [];
    rule.check(
      1,
      prefix + text,
      (start, end) => {
        spans.push([Math.max(0, start - prefix.length), end - prefix.length]);
        return undefined;
      },
      options,
    );
    return spans.filter(([, end]) => end > 0);
  };
}

/** The result's `textRedactions` field: the counts, when the job had entries. */
export function textRedactionCounts(redactor: TextRedactor): { textRedactions?: number[] } {
  return redactor.empty ? {} : { textRedactions: [...redactor.counts] };
}

/** The counts of a document processed in parts (pages of a PDF or TIFF), added up. */
export function summedTextRedactions(parts: readonly { textRedactions?: number[] }[]): { textRedactions?: number[] } {
  const counted = parts.filter((p) => p.textRedactions);
  if (counted.length === 0) return {};
  return { textRedactions: counted[0]!.textRedactions!.map((_, i) => counted.reduce((sum, p) => sum + (p.textRedactions![i] ?? 0), 0)) };
}
