/**
 * Text the audit found is never printed when `CI` is set. Logs of a
 * continuous-integration run are often readable by anyone (a public
 * repository's Actions logs are), so printing the name under a black box
 * there publishes the very leak the audit caught. In CI a finding names its
 * rule, file, page, box and field, never the text; the full report with
 * evidence stays in `.trove/audit-report.json` on the machine that ran it.
 *
 * Every place that prints a finding's evidence or value, or other text read
 * from a document, goes through `printable`.
 */
import { ruleInfo } from './rules/index.ts';

/** True when found text must not be printed: `CI` is set to anything. */
export function withholdsText(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.CI);
}

const WITHHELD = '(text withheld because CI is set)';

/** `text` as it may be printed: itself, or a placeholder in CI. */
export function printable(text: string, withhold = withholdsText()): string {
  return withhold ? WITHHELD : text;
}

/** A finding's evidence as it may be printed: in CI, what the rule looks for instead of what it found. */
export function printableEvidence(finding: { rule: string; evidence: string }, withhold = withholdsText()): string {
  if (!withhold) return finding.evidence;
  return `${ruleInfo(finding.rule)?.title ?? 'a finding'} ${printable(finding.evidence, withhold)}`;
}
