/**
 * `replacement-text`: marked content with `/ActualText`, `/Alt` or `/E`:
 * text that copying, search or a screen reader would give instead of what
 * the page shows, so it can say something else entirely. Removed by
 * construction: marked content is dropped from the download's pages.
 */
import type { Rule } from '../types.ts';

export const replacementText: Rule = {
  id: 'replacement-text',
  severity: 'removed',
  title: 'replacement text (ActualText, Alt, E) that copying or a screen reader would give instead of what the page shows',
  fix: 'nothing to do: the download is rebuilt without it. Check that the evidence does not say something the page should not',
  input: 'rebuild',
};
