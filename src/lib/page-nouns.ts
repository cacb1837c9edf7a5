/**
 * What a document's pages are called, by its type: sections of a text,
 * messages of an e-mail, pages of anything else. Keys of the interface's
 * translation files (src/i18n/). Pure and browser-safe.
 */
import type { MessageKey } from '../i18n/index.ts';
import type { DocumentType } from '../schemas/document.ts';

export interface PageNouns {
  one: MessageKey;
  count: MessageKey;
  all: MessageKey;
  previous: MessageKey;
  next: MessageKey;
}

export function pageNouns(type: DocumentType): PageNouns {
  if (type === 'text') return { one: 'sectionNoun', count: 'sections', all: 'allSectionsCount', previous: 'previousSection', next: 'nextSection' };
  if (type === 'email') return { one: 'messageNoun', count: 'messages', all: 'allMessagesCount', previous: 'previousMessage', next: 'nextMessage' };
  return { one: 'pageNoun', count: 'pages', all: 'allPagesCount', previous: 'previousPage', next: 'nextPage' };
}
