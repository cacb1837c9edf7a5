import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/pipeline/errors.ts';
import { renderMarkdown } from '../../src/pipeline/markdown/render.ts';
import { imageProblem, linkProblem, urlScheme } from '../../src/pipeline/markdown/urls.ts';

function render(markdown: string, startLine = 5) {
  const problems: Problem[] = [];
  const out = renderMarkdown(markdown, { file: 'content/stories/s.md', startLine, pagePath: 'stories/s/', documents: new Map(), problems });
  return { ...out, problems, lines: problems.map((p) => `${p.file}:${p.line}: ${p.message}`) };
}

describe('links that could run a script', () => {
  const scriptLinks: [string, string][] = [
    ['inline', 'Text.\n\n[click](javascript:alert(1))'],
    ['autolink', 'Text.\n\n<javascript:alert(1)>'],
    ['reference', 'Text.\n\n[click][r]\n\n[r]: javascript:alert(1)'],
    ['collapsed reference', 'Text.\n\n[r][]\n\n[r]: javascript:alert(1)'],
    ['shortcut reference', 'Text.\n\n[r]\n\n[r]: javascript:alert(1)'],
    ['mixed case', 'Text.\n\n[click](JaVaScRiPt:alert(1))'],
    ['a tab as a character reference', 'Text.\n\n[click](java&#x09;script:alert(1))'],
    ['a letter as a character reference', 'Text.\n\n[click](&#106;avascript:alert(1))'],
    ['the colon as a named reference', 'Text.\n\n[click](javascript&colon;alert(1))'],
    ['a leading control character', 'Text.\n\n[click](<\u0001javascript:alert(1)>)'],
    ['a leading space', 'Text.\n\n[click](< javascript:alert(1)>)'],
    ['vbscript', 'Text.\n\n[click](vbscript:msgbox(1))'],
  ];
  it.each(scriptLinks)('%s is a problem at the line of the link', (_, markdown) => {
    const { lines } = render(markdown, 5);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^content\/stories\/s\.md:7: the link ".*" would run a script in readers' browsers/);
  });

  it('a data: link, in any case', () => {
    for (const url of ['data:text/html,%3Cscript%3Ealert(1)%3C/script%3E', 'DATA:text/html;base64,PHNjcmlwdD4=']) {
      const { lines } = render(`[x](${url})`, 1);
      expect(lines).toEqual([expect.stringMatching(/^content\/stories\/s\.md:1: the link ".*" is a data: URL/)]);
    }
  });

  it('says where a reference was defined and what to do', () => {
    const { problems } = render('See [this][evil].\n\n[evil]: javascript:alert(1)', 10);
    expect(problems).toEqual([
      {
        file: 'content/stories/s.md',
        line: 10,
        message: 'the link "javascript:alert(1)" would run a script in readers\' browsers (the reference [evil], defined on line 12)',
        hint: 'link to a web page (https://…), a document (doc:<collection>/<name>) or a page of this site, or remove the link',
      },
    ]);
  });

  it('any other scheme is refused too, naming it', () => {
    expect(render('[x](file:///etc/passwd)').lines).toEqual([
      'content/stories/s.md:5: the link "file:///etc/passwd" uses the scheme "file:", which links on this site may not use (http, https, mailto, tel, magnet, doc)',
    ]);
  });

  it('ordinary links stay fine', () => {
    const { problems, html } = render(
      '[site](https://example.org/a?b=c) [plain](http://example.org) <https://example.org/x> [mail](mailto:desk@example.org) <desk@example.org> ' +
        '[call](tel:+15555550100) [torrent](magnet:?xt=urn:btih:abc) [here](../about/) [top](#top) [rel](other/page.html)',
    );
    expect(problems).toEqual([]);
    expect(html).toContain('<a href="https://example.org/a?b=c">site</a>');
  });
});

describe('remote images', () => {
  const remote: [string, string][] = [
    ['inline', '![x](https://tracker.example/p.gif)'],
    ['upper-case scheme', '![x](HTTPS://tracker.example/p.gif)'],
    ['protocol-relative', '![x](//tracker.example/p.gif)'],
    ['backslashes the browser reads as slashes', '![x](<\\\\\\\\tracker.example/p.gif>)'],
    ['reference', '![x][r]\n\n[r]: http://tracker.example/p.gif'],
    ['collapsed reference', '![r][]\n\n[r]: https://tracker.example/p.gif'],
    ['shortcut reference', '![r]\n\n[r]: //tracker.example/p.gif'],
    ['a definition with leading spaces', '![r]\n\n[r]: <  https://tracker.example/p.gif>'],
  ];
  it.each(remote)('%s is a problem at the line of the image', (_, markdown) => {
    const { lines } = render(`Intro.\n\n${markdown}`, 3);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^content\/stories\/s\.md:5: the image ".*" is on another site; loading it would let that site track readers/);
  });

  it('an image with another scheme is not a file of this site', () => {
    expect(render('![x](javascript:alert(1))').lines).toEqual([
      'content/stories/s.md:5: the image "javascript:alert(1)" is not a file of this site (its scheme is "javascript:")',
    ]);
  });

  it('images of this site and data: images stay fine', () => {
    expect(render('![a](../x.png) ![b](/img/y.png) ![c](data:image/png;base64,iVBORw0KGgo=)').problems).toEqual([]);
  });
});

describe('reading URLs as a browser does', () => {
  it('finds the scheme through controls, tabs, line breaks and case', () => {
    expect(urlScheme(' \u0000\u001fJaVa\tSc\nRi\rPt:x')).toBe('javascript');
    expect(urlScheme('java%09script:x')).toBeUndefined();
    expect(urlScheme('\u00a0javascript:x')).toBeUndefined();
    expect(urlScheme('../a:b')).toBeUndefined();
  });

  it('judges links and images on their own', () => {
    expect(linkProblem('https://example.org')).toBeUndefined();
    expect(linkProblem('\tvbscript:x')).toMatch(/run a script/);
    expect(imageProblem('\\/tracker.example/p.gif')).toMatch(/another site/);
    expect(imageProblem('data:image/gif;base64,R0lGOD')).toBeUndefined();
  });
});
