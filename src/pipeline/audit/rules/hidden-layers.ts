/**
 * `hidden-layers`: optional content groups (layers) that are hidden by
 * default. Their content is not drawn, but it is in the file and a reader
 * can switch it on. Removed by construction: pages that use layers are
 * rasterized as displayed by default, and text of hidden layers is dropped.
 */
import type { Finding, Rule } from '../types.ts';

export const hiddenLayers: Rule = {
  id: 'hidden-layers',
  severity: 'removed',
  title: 'the PDF has layers that are hidden by default',
  fix: 'nothing to do: pages are published as displayed by default, without the hidden layers',
  input: 'pdf-document',
  async check({ pdf }) {
    const config = await pdf.getOptionalContentConfig();
    const findings: Finding[] = [];
    for (const [, group] of config as unknown as Iterable<[string, { name?: string; visible: boolean }]>) {
      if (!group.visible) findings.push({ rule: 'hidden-layers', evidence: `hidden layer "${group.name ?? '(unnamed)'}"` });
    }
    return findings;
  },
};
