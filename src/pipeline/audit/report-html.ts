/**
 * The audit report as a page to work through: `<work>/audit-report.html`,
 * beside the JSON, never published. Findings grouped by document and rule
 * (blocking first), each with where it is, what was found and, when it has
 * a box on a page image, a crop of the published page around it (the box
 * outlined), and per group the YAML to copy to redact or accept it; then
 * every acceptance with the values it let through, `redactText` entries
 * and what they removed, and acceptances that matched nothing.
 *
 * Everything found is escaped: a document's text is hostile input. The page
 * makes no request anywhere (its crops are files beside it) and runs no
 * script.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { AuditReport, JudgedFinding } from './gate.ts';
import { ruleInfo } from './rules/index.ts';
import { groupFindings, TEXT_RULES } from './finding-groups.ts';

/** Crops made per report: past this, findings are listed without one (a crop costs a decode of the page image). */
export const MAX_CROPS = 200;
/** Findings listed per group; the JSON report has them all. */
const MAX_LISTED = 50;
/** Points (or pixels of a picture) shown beside and above and below a box in its crop: the rest of its line, a line or two around. */
const CONTEXT_X = 150;
const CONTEXT_Y = 30;

/** Where a document's page images are, and the scale of their boxes, by document id. */
export type PageImages = (document: string, page: number) => { file: string; boxScale: number; widthPx: number; heightPx: number } | undefined;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function auditHtmlPath(workDir: string): string {
  return path.join(path.resolve(workDir), 'audit-report.html');
}

export async function writeAuditHtml(report: AuditReport, workDir: string, images: PageImages): Promise<string> {
  const file = auditHtmlPath(workDir);
  const cropsDir = path.join(path.dirname(file), 'audit-report-crops');
  const staging = `${cropsDir}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const crops = new Map<JudgedFinding, string>();
  const withBox = report.findings.filter((f) => f.box && f.page !== undefined && f.status !== 'removed');
  // Blocking first: those are the ones to look at.
  withBox.sort((a, b) => Number(b.status === 'blocking') - Number(a.status === 'blocking'));
  for (const f of withBox.slice(0, MAX_CROPS)) {
    const made = await crop(f, images, staging, crops.size + 1);
    if (made) crops.set(f, `${path.basename(cropsDir)}/${made}`);
  }
  await rm(cropsDir, { recursive: true, force: true });
  await rename(staging, cropsDir);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, page(report, crops, withBox.length));
  await rename(tmp, file);
  return file;
}

async function crop(f: JudgedFinding, images: PageImages, dir: string, n: number): Promise<string | undefined> {
  const image = images(f.document, f.page!);
  if (!image || !f.box) return undefined;
  const k = image.boxScale;
  const left = Math.max(0, Math.floor((f.box.x - CONTEXT_X) * k));
  const top = Math.max(0, Math.floor((f.box.y - CONTEXT_Y) * k));
  const right = Math.min(image.widthPx, Math.ceil((f.box.x + f.box.width + CONTEXT_X) * k));
  const bottom = Math.min(image.heightPx, Math.ceil((f.box.y + f.box.height + CONTEXT_Y) * k));
  if (right - left < 2 || bottom - top < 2) return undefined;
  const [w, h] = [right - left, bottom - top];
  const [bx, by] = [Math.round(f.box.x * k) - left, Math.round(f.box.y * k) - top];
  const outline = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect x="${bx}" y="${by}" width="${Math.max(1, Math.round(f.box.width * k))}" height="${Math.max(1, Math.round(f.box.height * k))}" fill="none" stroke="#d00" stroke-width="2"/></svg>`,
  );
  const name = `${n}.webp`;
  try {
    await sharp(image.file)
      .extract({ left, top, width: w, height: h })
      .composite([{ input: outline }])
      .webp({ quality: 80 })
      .toFile(path.join(dir, name));
    return name;
  } catch {
    // A page image the cache no longer has: the finding is listed without a crop.
    return undefined;
  }
}

function where(f: JudgedFinding): string {
  if (f.row !== undefined) return `row ${f.row}${f.column !== undefined ? `, column “${f.column}”` : ''}`;
  return [
    f.page !== undefined ? `page ${f.page}` : '',
    f.box ? `at [${f.box.x}, ${f.box.y}, ${f.box.width}, ${f.box.height}]` : '',
    f.field ? `(${f.field})` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The YAML that redacts or accepts a group's findings, for the sidecar the finding names. */
function yamlFor(g: JudgedFinding[]): string {
  const f = g[0]!;
  const values = [...new Set(g.map((x) => x.value).filter((v): v is string => v !== undefined))];
  const lines = [`# in ${f.acceptIn.file}`];
  if (TEXT_RULES.has(f.rule)) {
    lines.push(
      '# to redact them all:',
      'redactText:',
      `  - rule: ${f.rule}`,
      ...(f.column !== undefined ? [`    column: ${JSON.stringify(f.column)}`] : []),
      '    reason: b6',
    );
  } else if (f.box && f.page !== undefined) {
    lines.push('# to redact them (boxes in points from the top-left corner):', 'redactions:');
    for (const x of g.slice(0, 10))
      if (x.box) lines.push(`  - page: ${x.page}`, `    box: [${x.box.x}, ${x.box.y}, ${x.box.width}, ${x.box.height}]`, '    reason: b6');
  }
  lines.push('# or, once reviewed, to accept them:', 'audit:', `  - rule: ${f.rule}`, '    reason: "…"', '    reviewer: "…"');
  if (f.acceptIn.attachment)
    lines.push(`    attachment: ${JSON.stringify(f.acceptIn.attachment.length === 1 ? f.acceptIn.attachment[0] : f.acceptIn.attachment)}`);
  if (values.length > 0 && values.length <= 20 && values.every((v) => v.length <= 120)) {
    lines.push('    match:', ...values.map((v) => `      - ${JSON.stringify(v)}`));
  }
  return lines.join('\n');
}

function findingRow(f: JudgedFinding, crops: Map<JudgedFinding, string>): string {
  const img = crops.get(f);
  return `<li><span class="where">${esc(where(f))}</span> ${esc(f.evidence)}${img ? `<br><img src="${esc(img)}" alt="the page around the finding, outlined">` : ''}</li>`;
}

function section(title: string, findings: JudgedFinding[], crops: Map<JudgedFinding, string>, withYaml: boolean): string {
  if (findings.length === 0) return '';
  const groups = groupFindings(findings);
  const parts = groups.map((g) => {
    const f = g[0]!;
    const listed = g.slice(0, MAX_LISTED).map((x) => findingRow(x, crops));
    const more = g.length > MAX_LISTED ? `<li class="muted">and ${g.length - MAX_LISTED} more (all in audit-report.json)</li>` : '';
    const accepted = f.acceptance
      ? `<p class="muted">accepted in ${esc(f.acceptance.in)}: “${esc(f.acceptance.reason)}”${f.acceptance.reviewer ? ` (${esc(f.acceptance.reviewer)})` : ''}</p>`
      : '';
    return `<section class="group"><h3>${esc(f.file)} · <code>${esc(f.rule)}</code>${f.column !== undefined ? ` · column “${esc(f.column)}”` : ''} · ${g.length}</h3>
<p>${esc(ruleInfo(f.rule)?.title ?? '')}. ${esc(ruleInfo(f.rule)?.fix ?? '')}.</p>${accepted}
${withYaml ? `<pre class="yaml">${esc(yamlFor(g))}</pre>` : ''}<ul>${listed.join('')}${more}</ul></section>`;
  });
  return `<h2>${esc(title)} (${findings.length})</h2>${parts.join('\n')}`;
}

function page(report: AuditReport, crops: Map<JudgedFinding, string>, boxed: number): string {
  const by = (s: string) => report.findings.filter((f) => f.status === s);
  const rules = report.byRule
    .map((r) => `<tr><td><code>${esc(r.rule)}</code></td><td>${r.blocking}</td><td>${r.accepted}</td><td>${r.redacted}</td><td>${r.removed}</td></tr>`)
    .join('');
  const unused = report.unusedAcceptances
    .map((u) => `<li>${esc(u.file)}: <code>${esc(u.rule)}</code>${u.match ? ` matching ${esc(u.match.join(' or '))}` : ''}: nothing found</li>`)
    .join('');
  const broad = report.broadAcceptances
    .map((b) => `<li>${esc(b.file)}: <code>${esc(b.rule)}</code> without match let ${b.values.length} values through: ${esc(b.values.join(', '))}</li>`)
    .join('');
  const texts = report.textRedactions
    .map(
      (t) =>
        `<li>${esc(t.file)}, entry ${t.index + 1} (${esc(t.what)}, ${esc(t.reason)}): ${t.matches === 0 ? '<strong>matched nothing</strong>' : `${t.matches} removed in ${t.documents} documents`}</li>`,
    )
    .join('');
  const notes = report.notes.map((n) => `<li>${esc(n.file)}: ${esc(n.note)}</li>`).join('');
  const people = report.personNames
    .map(
      (d) =>
        `<li>${esc(d.file)}${d.partial ? ' <span class="muted">(read in part: a long text)</span>' : ''}: ${d.names
          .map(
            (n) =>
              `${esc(n.name)} <span class="muted">(page${n.pages.length > 1 ? 's' : ''} ${n.pages.slice(0, 10).join(', ')}${n.pages.length > 10 ? '…' : ''})</span>`,
          )
          .join('; ')}</li>`,
    )
    .join('');
  const cropNote = boxed > crops.size ? `<p class="muted">Crops are shown for the first ${crops.size} findings with a box on a page (blocking first).</p>` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trove audit report</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem;max-width:70rem;color:#1b1b1b}code,pre{font:13px ui-monospace,monospace}pre.yaml{background:#f4f4f1;padding:.6rem;white-space:pre-wrap;overflow-wrap:anywhere}
.group{border-top:1px solid #ccc;padding:.5rem 0}.group h3{font-size:1rem;margin:.3rem 0;overflow-wrap:anywhere}.where{font-weight:600}.muted{color:#5b5b5b}li{margin:.3rem 0;overflow-wrap:anywhere}img{max-width:100%;border:1px solid #ccc;margin:.2rem 0}
table{border-collapse:collapse;display:block;overflow-x:auto;max-width:100%}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}</style></head>
<body><h1>Audit report</h1>
<p>${report.documents} documents, ${esc(report.generatedAt)}: <strong>${report.counts.blocking} blocking</strong>, ${report.counts.accepted} accepted, ${report.counts.redacted} redacted, ${report.counts.removed} removed by rebuilding. Never published: this page is in the build's working folder. Every finding is also in audit-report.json.</p>
${rules ? `<table><tr><th>rule</th><th>blocking</th><th>accepted</th><th>redacted</th><th>removed</th></tr>${rules}</table>` : ''}
${cropNote}
${section('Blocking: redact, fix or accept', by('blocking'), crops, true)}
${section('Accepted, with the values each acceptance let through', by('accepted'), crops, false)}
${texts ? `<h2>redactText</h2><ul>${texts}</ul>` : ''}
${unused ? `<h2>Acceptances that matched nothing</h2><ul>${unused}</ul>` : ''}
${broad ? `<h2>Acceptances to narrow</h2><ul>${broad}</ul>` : ''}
${notes ? `<h2>Notes</h2><ul>${notes}</ul>` : ''}
${
  report.personNamesRead
    ? `<h2>Person names to review</h2><p class="muted">Found by a language tagger in the published text: it misses names it does not know and finds some that are not names. Never blocking; redact with <code>redactText</code> what must not be published.</p>${people ? `<ul>${people}</ul>` : '<p>None found.</p>'}`
    : '<h2>Person names to review</h2><p class="muted">Run <code>npm run audit</code> to list the person names in the text (a build does not read them).</p>'
}
${section('Redacted', by('redacted'), crops, false)}
</body></html>
`;
}
