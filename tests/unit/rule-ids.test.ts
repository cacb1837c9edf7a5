import { describe, expect, it } from 'vitest';
import { RULES, rulesFor } from '../../src/pipeline/audit/rules/index.ts';
import { RULE_IDS, TEXT_RULE_IDS } from '../../src/schemas/audit-names.ts';

describe('rule ids', () => {
  it('the schema names every rule, each once, in the order of the report', () => {
    // The type check already refuses a rule whose id the schema does not list; this catches a listed id without its rule.
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
  });

  it('redactText can name exactly the rules that read text', () => {
    expect(rulesFor('text').map((r) => r.id)).toEqual([...TEXT_RULE_IDS]);
  });
});
