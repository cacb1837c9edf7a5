/** Every audit rule, in report order (the order of the schema's `RULE_IDS`). Adding a rule means adding its file, its id there and a line here. */
import type { Rule, RuleInfo } from '../types.ts';
import { annotationText } from './annotation-text.ts';
import { contentComments } from './content-comments.ts';
import { darkAnnotation } from './dark-annotation.ts';
import { earlierRevisions } from './earlier-revisions.ts';
import { embeddedFiles } from './embedded-files.ts';
import { hiddenLayers } from './hidden-layers.ts';
import { invisibleText } from './invisible-text.ts';
import { imageGps } from './image-gps.ts';
import { imageMetadata } from './image-metadata.ts';
import { javascript } from './javascript.ts';
import { officeComments } from './office-comments.ts';
import { officeRevisions } from './office-revisions.ts';
import { pageMetadata } from './page-metadata.ts';
import { pagePrivateData } from './page-private-data.ts';
import { pdfEncryption } from './pdf-encryption.ts';
import { pdfMetadata } from './pdf-metadata.ts';
import { piiAddress } from './pii-address.ts';
import { piiEmail } from './pii-email.ts';
import { piiPhone } from './pii-phone.ts';
import { piiSsn } from './pii-ssn.ts';
import { replacementText } from './replacement-text.ts';
import { textUnderBox } from './text-under-box.ts';
import { transparentColour } from './transparent-colour.ts';
import { unappliedRedaction } from './unapplied-redaction.ts';
import { undrawnContent } from './undrawn-content.ts';

export const RULES: Rule[] = [
  textUnderBox,
  invisibleText,
  darkAnnotation,
  unappliedRedaction,
  annotationText,
  officeRevisions,
  officeComments,
  piiEmail,
  piiPhone,
  piiSsn,
  piiAddress,
  pdfMetadata,
  pdfEncryption,
  earlierRevisions,
  embeddedFiles,
  javascript,
  hiddenLayers,
  imageMetadata,
  imageGps,
  pageMetadata,
  pagePrivateData,
  replacementText,
  contentComments,
  undrawnContent,
  transparentColour,
];

export function ruleInfo(id: string): RuleInfo | undefined {
  const rule = RULES.find((r) => r.id === id);
  return rule && { id: rule.id, severity: rule.severity, title: rule.title, fix: rule.fix };
}

export function rulesFor<K extends Rule['input']>(input: K): Extract<Rule, { input: K }>[] {
  return RULES.filter((r): r is Extract<Rule, { input: K }> => r.input === input);
}
