/**
 * `pdf-encryption`: the PDF is encrypted, but opens without a password (an
 * owner password only, the kind that "forbids" printing or copying). Trove
 * reads it like any PDF; the rebuilt download is not encrypted and keeps
 * none of the restrictions. Removed by construction, reported because the
 * editor should know the source carried restrictions: the publisher may
 * have meant them (a licence), and the file may be a copy someone else
 * handled. A PDF that needs a password to open fails to process instead.
 */
import { PermissionFlag } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Rule } from '../types.ts';

const RESTRICTED: [flag: number, what: string][] = [
  [PermissionFlag.PRINT, 'printing'],
  [PermissionFlag.COPY, 'copying text'],
  [PermissionFlag.MODIFY_CONTENTS, 'editing'],
  [PermissionFlag.MODIFY_ANNOTATIONS, 'commenting'],
  [PermissionFlag.FILL_INTERACTIVE_FORMS, 'filling forms'],
  [PermissionFlag.ASSEMBLE, 'assembling pages'],
];

export const pdfEncryption: Rule = {
  id: 'pdf-encryption',
  severity: 'removed',
  title: 'the PDF is encrypted with an owner password only (it opens without one; printing, copying or editing may be "restricted")',
  fix: 'nothing to do: the published PDF is rebuilt without encryption or restrictions. Check that publishing the file is allowed',
  input: 'pdf-document',
  async check({ pdf }) {
    const { info } = await pdf.getMetadata();
    const filter = (info as { EncryptFilterName?: string | null } | undefined)?.EncryptFilterName;
    if (!filter) return [];
    // null: the file sets no permissions, so nothing is restricted.
    const allowed = await pdf.getPermissions();
    const restricted = allowed ? RESTRICTED.filter(([flag]) => !allowed.has(flag)).map(([, what]) => what) : [];
    return [
      {
        rule: 'pdf-encryption',
        evidence: `encrypted (${filter} security handler) with no password needed to open it; ${restricted.length ? `restricts ${restricted.join(', ')}` : 'no restrictions set'}`,
      },
    ];
  },
};
