/**
 * `javascript`: document-level JavaScript, page actions and an open action.
 * Removed by construction.
 */
import { entriesOf } from '../entries.ts';
import type { Finding, Rule } from '../types.ts';

export const javascript: Rule = {
  id: 'javascript',
  severity: 'removed',
  title: 'the PDF runs JavaScript or an action when opened',
  fix: 'nothing to do: scripts and actions are not published',
  input: 'pdf-document',
  async check({ pdf }) {
    const findings: Finding[] = [];
    for (const [name, scripts] of entriesOf<string[]>(await pdf.getJSActions())) {
      findings.push({ rule: 'javascript', evidence: `document script "${name}" (${scripts.length} action${scripts.length === 1 ? '' : 's'})` });
    }
    const open = (await pdf.getOpenAction().catch(() => null)) as unknown as { action?: string } | null;
    if (open?.action) findings.push({ rule: 'javascript', evidence: `open action: ${open.action}` });
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      for (const [name] of entriesOf(await page.getJSActions())) findings.push({ rule: 'javascript', page: n, evidence: `page script on "${name}"` });
      page.cleanup();
    }
    return findings;
  },
};
