/**
 * `office-revisions`: an Office file still holds tracked changes that were
 * never accepted or rejected. LibreOffice converts the file as it is set to
 * display: usually with the changes marked, so deleted words are published
 * struck through; and every version of the text is in the file. The
 * evidence counts the changes by kind and part, never quoting them.
 */
import { describeMarkup } from '../../processors/office/markup.ts';
import type { Rule } from '../types.ts';

export const officeRevisions: Rule = {
  id: 'office-revisions',
  severity: 'blocking',
  title:
    'an Office file has tracked changes that were never accepted or rejected: deleted text is still in it, and is published struck through when the file shows its changes',
  fix: 'accept or reject every change in the Office program (Word: Review › Accept/Reject all changes; LibreOffice: Edit › Track Changes › Manage) and save again; or accept the finding if the changes may be published as the file shows them',
  input: 'office',
  check({ revisions }) {
    if (revisions.length === 0) return [];
    return [{ rule: 'office-revisions', evidence: `tracked changes: ${describeMarkup(revisions)}` }];
  },
};
