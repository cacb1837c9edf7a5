import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/pipeline/errors.ts';
import { renderMarkdown, type KnownDocument } from '../../src/pipeline/markdown.ts';

const documents = new Map<string, KnownDocument>([
  ['court/opinion', { pageCount: 30 }],
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
      [2, 'the link "doc:court/draft-memo" points to document "court/draft-memo", which is a draft or embargoed'],
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
