/**
 * `office-comments`: an Office file carries comments (notes, threaded
 * comments, slide comments). The published PDF leaves them out unless the
 * file asks for them to be printed (a sheet set to print its notes), but a
 * comment usually means the file was still under review ("take this name
 * out"), and it names its author. The evidence counts them, never quoting
 * them.
 */
import { describeMarkup } from '../../processors/office/markup.ts';
import type { Rule } from '../types.ts';

export const officeComments: Rule = {
  id: 'office-comments',
  severity: 'blocking',
  title: 'an Office file has comments or notes',
  fix: 'resolve the comments and delete them in the Office program (Word: Review › Delete all comments; LibreOffice: Edit › Comment › Delete All Comments) and save again; or accept the finding if the file may be published as it shows them (usually without its comments)',
  input: 'office',
  check({ comments }) {
    if (comments.length === 0) return [];
    return [{ rule: 'office-comments', evidence: `comments: ${describeMarkup(comments)}` }];
  },
};
