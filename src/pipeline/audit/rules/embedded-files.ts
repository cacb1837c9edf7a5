/**
 * `embedded-files`: files attached to the PDF (the EmbeddedFiles name tree
 * or file-attachment annotations). Removed by construction.
 */
import { entriesOf } from '../entries.ts';
import type { Finding, Rule } from '../types.ts';

export const embeddedFiles: Rule = {
  id: 'embedded-files',
  severity: 'removed',
  title: 'files are attached to the PDF',
  fix: 'nothing to do: attachments are not published. If an attachment should be, add it as a document of its own',
  input: 'pdf-document',
  async check({ pdf }) {
    const findings: Finding[] = [];
    for (const [name, a] of entriesOf<{ filename?: string; description?: string }>(await pdf.getAttachments())) {
      const description = a.description ? ` ("${a.description}")` : '';
      findings.push({ rule: 'embedded-files', evidence: `attached file "${a.filename ?? name}"${description}` });
    }
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      for (const a of (await page.getAnnotations()) as { subtype?: string; file?: { filename?: string } }[]) {
        if (a.subtype === 'FileAttachment') {
          findings.push({ rule: 'embedded-files', page: n, evidence: `file attachment annotation "${a.file?.filename ?? '?'}"` });
        }
      }
      page.cleanup();
    }
    return findings;
  },
};
