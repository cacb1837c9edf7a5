import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/pipeline/errors.ts';
import { renderMarkdown } from '../../src/pipeline/markdown/render.ts';
import type { KnownDocument } from '../../src/pipeline/markdown/references.ts';

const documents = new Map<string, KnownDocument>([
  ['court/opinion', { pageCount: 30 }],
  ['leak/users', { pageCount: 30, type: 'table', rowCount: 3000, rowsPerPage: 100 }],
  ['leak/inbox', { pageCount: 4, type: 'email' }],
  ['court/draft-memo', { unpublished: true }],
]);

function render(markdown: string, startLine = 5) {
  const problems: Problem[] = [];
  const out = renderMarkdown(markdown, { file: 'content/stories/s.md', startLine, pagePath: 'stories/s/', documents, problems });
  return { ...out, problems };
}

describe('story markdown', () => {
  it('resolves doc: links to relative document page anchors', () => {
    const { html, citations, problems } = render('See [page 9](doc:court/opinion#page=9) and [it all](doc:court/opinion).');
    expect(problems).toEqual([]);
    expect(html).toContain('<a href="../../documents/court/opinion/index.html#page-9">page 9</a>');
    expect(html).toContain('<a href="../../documents/court/opinion/index.html">it all</a>');
    expect(citations).toEqual([{ documentId: 'court/opinion', pageNumber: 9 }, { documentId: 'court/opinion' }]);
  });

  it('lands a row on the page of rows that holds it, a table page on its rows, a message on its message', () => {
    const { html, citations, problems } = render('[a](doc:leak/users#row=2412) [b](doc:leak/users#page=2) [c](doc:leak/inbox#message=3)');
    expect(problems).toEqual([]);
    expect(html).toContain('<a href="../../documents/leak/users/table/25/index.html#row-2412">a</a>');
    expect(html).toContain('<a href="../../documents/leak/users/table/2/index.html">b</a>');
    expect(html).toContain('<a href="../../documents/leak/inbox/index.html#page-3">c</a>');
    expect(citations).toEqual([
      { documentId: 'leak/users', pageNumber: 25 },
      { documentId: 'leak/users', pageNumber: 2 },
      { documentId: 'leak/inbox', pageNumber: 3 },
    ]);
  });

  it('reports a row past the end, a row of what is no table and a message past the end, with the line', () => {
    const { problems } = render('[a](doc:leak/users#row=3001)\n[b](doc:court/opinion#row=2)\n[c](doc:leak/inbox#message=5)', 1);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [1, 'the link "doc:leak/users#row=3001" points to row 3001, but "leak/users" has 3,000 rows'],
      [2, 'the link "doc:court/opinion#row=2" points to row 2, but "court/opinion" is a document, not a table'],
      [3, 'the link "doc:leak/inbox#message=5" points to message 5, but "leak/inbox" has 4 messages'],
    ]);
  });

  it('resolves reference-style definitions too', () => {
    const { html, problems } = render('See [the opinion][op].\n\n[op]: doc:court/opinion#page=2');
    expect(problems).toEqual([]);
    expect(html).toContain('href="../../documents/court/opinion/index.html#page-2"');
  });

  it('reports a missing document with the file line (body offset included)', () => {
    const { problems } = render('Intro.\n\nA [broken](doc:court/nope#page=1) link.', 7);
    expect(problems).toEqual([
      {
        file: 'content/stories/s.md',
        line: 9,
        message: 'the link "doc:court/nope#page=1" points to document "court/nope", which does not exist',
        hint: 'check the id: it is the path under content/documents/ without the extension',
      },
    ]);
  });

  it('reports a page past the end and a link to an unpublished document', () => {
    const { problems } = render('[x](doc:court/opinion#page=31)\n[y](doc:court/draft-memo)', 1);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [1, 'the link "doc:court/opinion#page=31" points to page 31, but "court/opinion" has 30 pages'],
      [2, 'the link "doc:court/draft-memo" points to document "court/draft-memo", which is a draft, embargoed or awaiting review'],
    ]);
  });

  it('drops raw HTML and refuses remote images', () => {
    const { html, problems } = render('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n![t](https://tracker.example/p.gif)', 1);
    expect(html).not.toMatch(/<script|onerror/);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(5);
    expect(problems[0]?.message).toMatch(/another site/);
  });
});

describe('embeds', () => {
  const documents = new Map([
    [
      'court/opinion',
      {
        pageCount: 12,
        title: 'The opinion',
        thumbnail: { widthPx: 240, heightPx: 310 },
        pages: Array.from({ length: 12 }, () => ({ widthPx: 1000, heightPx: 1294 })),
      },
    ],
    ['court/draft', { unpublished: true }],
    ['leaks/ledger', { pageCount: 13, type: 'table' as const, rowCount: 1234, title: 'Ledger', thumbnail: { widthPx: 240, heightPx: 310 } }],
    ['leaks/mail', { pageCount: 3, type: 'email' as const, title: 'Mail', thumbnail: { widthPx: 240, heightPx: 310 } }],
  ]);
  const render = (markdown: string) => {
    const problems: import('../../src/pipeline/errors.ts').Problem[] = [];
    const out = renderMarkdown(markdown, { file: 'content/stories/s.md', startLine: 5, pagePath: 'stories/s/', documents, problems });
    return { ...out, problems };
  };

  it('embeds a page image linking to the document at that page', () => {
    const { html, citations, problems } = render('Look:\n\n::page{id="court/opinion" page=3}\n');
    expect(problems).toEqual([]);
    expect(html).toContain(
      '<figure class="embed embed-page"><a href="../../documents/court/opinion/index.html#page-3"><img src="../../documents/court/opinion/pages/3.webp" width="1000" height="1294" alt="Page 3 of The opinion" loading="lazy"></a>',
    );
    expect(citations).toEqual([{ documentId: 'court/opinion', pageNumber: 3 }]);
  });

  it('embeds a document card, with one link a keyboard stops at', () => {
    const { html } = render('::document{id="court/opinion"}');
    expect(html).toContain(
      '<figure class="embed embed-document"><a href="../../documents/court/opinion/index.html" tabindex="-1" aria-hidden="true"><img src="../../documents/court/opinion/thumb.webp" width="240" height="310"',
    );
    expect(html).toContain('The opinion</a> · 12 pages');
  });

  it('describes a card’s extent as its document page does: rows of a table, messages of an e-mail', () => {
    expect(render('::document{id="leaks/ledger"}').html).toContain('Ledger</a> · 1,234 rows');
    expect(render('::document{id="leaks/mail"}').html).toContain('Mail</a> · 3 messages');
  });

  it('reports unknown embeds, missing pages and unpublished documents with their lines', () => {
    const { problems } = render(
      '::pgae{id="court/opinion" page=3}\n\n::page{id="court/opinion" page=13}\n\n::document{id="court/draft"}\n\n::page{id="court/opinion"}\n',
    );
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '5: unknown embed "::pgae"',
      '7: the embed ::page{id="court/opinion" page=13} points to page 13, but "court/opinion" has 12 pages',
      '9: the embed ::document{id="court/draft"} points to document "court/draft", which is a draft, embargoed or awaiting review',
      '11: ::page{id="court/opinion"} needs a page number: page=N (found "")',
    ]);
  });

  it('leaves colons in prose alone', () => {
    const { html, problems } = render('Filed at 10:30 in case no:5.');
    expect(problems).toEqual([]);
    expect(html).toContain('10:30');
  });
});
