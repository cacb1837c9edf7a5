/**
 * `content-comments`: comments (`% …`) and operators PDF does not define in
 * a page's drawing instructions: invisible in every viewer, readable by
 * anyone who opens the file. Removed by construction: the download's
 * drawing instructions are written anew from what draws.
 */
import type { Rule } from '../types.ts';

export const contentComments: Rule = {
  id: 'content-comments',
  severity: 'removed',
  title: "comments or unknown operators in a page's drawing instructions",
  fix: 'nothing to do: the download is rebuilt without them',
  input: 'rebuild',
};
