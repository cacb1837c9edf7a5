/** Writes the audit report as JSON outside the site (`<work>/audit-report.json`), atomically. */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AuditReport } from './gate.ts';

export function auditReportPath(workDir: string): string {
  return path.join(path.resolve(workDir), 'audit-report.json');
}

export async function writeAuditReport(report: AuditReport, workDir: string): Promise<string> {
  const file = auditReportPath(workDir);
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(report, null, 2)}\n`);
  await rename(tmp, file);
  return file;
}
