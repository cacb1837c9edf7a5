/** Sanitizing e-mail HTML against known XSS payloads and tracking. */
import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeEmailHtml } from '../../src/pipeline/processors/email/sanitize-html.ts';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle r=1></svg>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<iframe src="https://evil.example/"></iframe>',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x">',
  '<form action="https://evil.example/"><input name=q></form>',
  '<div style="background:url(https://evil.example/t.png)">x</div>',
  '<style>@import "https://evil.example/x.css";</style>',
  '<link rel=stylesheet href="https://evil.example/x.css">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<base href="https://evil.example/">',
  '<body onload=alert(1)>',
  '<p onclick="alert(1)">click</p>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<table background="https://evil.example/t.png"><tr><td>x</td></tr></table>',
  '<video><source onerror=alert(1)></video>',
  '<img src="https://tracker.example/pixel.gif" width=1 height=1>',
];

describe('sanitizeEmailHtml', () => {
  it.each(PAYLOADS)('neutralizes %s', (payload) => {
    const out = sanitizeEmailHtml(`<p>before</p>${payload}<p>after</p>`);
    expect(out).not.toMatch(/<(script|iframe|object|embed|form|input|style|link|meta|base|svg|math|video|source|img|body)\b/i);
    expect(out).not.toMatch(/\son\w+\s*=/i);
    expect(out).not.toMatch(/javascript:|data:|evil\.example|tracker\.example/i);
    expect(out).not.toMatch(/style=|background=/i);
  });

  it('keeps text structure and safe links, without referrers', () => {
    expect(sanitizeEmailHtml('<p>Hi <b>all</b>, see <a href="https://example.org/x" target="_blank" onclick="x()">this</a>.</p><ul><li>one</li></ul>')).toBe(
      '<p>Hi <b>all</b>, see <a href="https://example.org/x" rel="nofollow noreferrer noopener">this</a>.</p><ul><li>one</li></ul>',
    );
  });

  it('replaces images by their alt text', () => {
    expect(sanitizeEmailHtml('<p><img src="cid:logo" alt="Agency logo"> Memo</p>')).toBe('<p><span>[image: Agency logo]</span> Memo</p>');
  });
});

describe('htmlToText', () => {
  it('keeps line structure and drops scripts and styles', () => {
    expect(htmlToText('<style>p{}</style><p>One &amp; two</p><p>Three<br>four</p><script>x()</script>')).toBe('One & two\nThree\nfour');
  });
});
