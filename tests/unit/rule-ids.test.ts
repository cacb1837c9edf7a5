import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/pipeline/audit/rules/index.ts';
import { RULE_IDS } from '../../src/schemas/audit-names.ts';

describe('rule ids', () => {
  it('the schema names every rule, each once, in the order of the report', () => {
    // The type check already refuses a rule whose id the schema does not list; this catches a listed id without its rule.
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
  });
});
