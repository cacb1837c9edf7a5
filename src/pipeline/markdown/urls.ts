/**
 * What link targets and image sources markdown may publish. Links may go to
 * web pages, e-mail addresses, phone numbers, magnet links and pages of
 * this site; a link that would run code (`javascript:`, `vbscript:`) or
 * carry a page of its own (`data:`), or any other scheme, is a problem. An
 * image must be a file of this site (or a `data:` image, which makes no
 * request): one from another site would tell that site who reads the page.
 *
 * URLs are judged as a browser reads them, after markdown has decoded
 * character references (`java&#x09;script:` is "java<TAB>script:"): the URL
 * standard strips leading and trailing controls and spaces, removes tabs
 * and line breaks anywhere, ignores the scheme's case, and takes `\` for
 * `/`, so `\\host/x.png` is another site.
 *
 * Every syntax reaches here as mdast nodes: inline links and images,
 * autolinks (`<javascript:…>` is a link node), and references (`[x][r]`,
 * `![x][r]`, collapsed and shortcut forms) through their definitions.
 */
import type { Definition, Image, ImageReference, Link, LinkReference, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Problem } from '../errors.ts';

/** Schemes a published link may use; `doc:` links are resolved to pages of this site and checked by markdown/render.ts. */
const LINK_SCHEMES = new Set(['http', 'https', 'mailto', 'tel', 'magnet', 'doc']);
const SCRIPT_SCHEMES = new Set(['javascript', 'vbscript', 'livescript']);
const LINK_HINT = 'link to a web page (https://…), a document (doc:<collection>/<name>) or a page of this site, or remove the link';

export interface UrlContext {
  file: string;
  problems: Problem[];
  lineOf(node: { position?: { start: { line: number } } }): number | undefined;
}

/** The URL as a browser's URL parser sees it before parsing. */
function asBrowserReads(url: string): string {
  return url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
}

/** The scheme a browser would take from the URL, lower case; undefined for a relative URL. */
export function urlScheme(url: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(asBrowserReads(url))?.[1]?.toLowerCase();
}

/** The URL as the message shows it: quoted, controls visible, long ones cut. */
function shown(url: string): string {
  return JSON.stringify(url.length > 80 ? `${url.slice(0, 77)}...` : url);
}

/** Why a link target may not be published, or undefined when it may. */
export function linkProblem(url: string): string | undefined {
  const scheme = urlScheme(url);
  if (scheme === undefined || LINK_SCHEMES.has(scheme)) return undefined;
  if (SCRIPT_SCHEMES.has(scheme)) return `the link ${shown(url)} would run a script in readers' browsers`;
  if (scheme === 'data') return `the link ${shown(url)} is a data: URL, a page carried inside the link that can run a script`;
  return `the link ${shown(url)} uses the scheme "${scheme}:", which links on this site may not use (http, https, mailto, tel, magnet, doc)`;
}

/** Why an image source may not be published, or undefined when it may. */
export function imageProblem(url: string): string | undefined {
  const read = asBrowserReads(url);
  const scheme = urlScheme(url);
  if (scheme === 'http' || scheme === 'https' || /^[\\/]{2}/.test(read)) {
    return `the image ${shown(url)} is on another site; loading it would let that site track readers`;
  }
  if (scheme === undefined || scheme === 'data') return undefined;
  return `the image ${shown(url)} is not a file of this site (its scheme is "${scheme}:")`;
}

const IMAGE_HINT = 'publish the image as a document and embed it (::page{id="<collection>/<name>" page=1}) or link to it';

/** Reports every link and image of `tree` that may not be published. */
export function checkUrls(tree: Root, ctx: UrlContext): void {
  const definitions = new Map<string, Definition[]>();
  visit(tree, 'definition', (d) => {
    definitions.set(d.identifier, [...(definitions.get(d.identifier) ?? []), d]);
  });
  const report = (node: Parameters<UrlContext['lineOf']>[0], message: string | undefined, hint: string) => {
    if (message) ctx.problems.push({ file: ctx.file, line: ctx.lineOf(node), message, hint });
  };
  const viaDefinition = (ref: LinkReference | ImageReference, judge: (url: string) => string | undefined, hint: string) => {
    // Every definition of the label is checked: which one wins is the renderer's business.
    for (const d of definitions.get(ref.identifier) ?? []) {
      const message = judge(d.url);
      const line = ctx.lineOf(d);
      report(ref, message && `${message} (the reference [${ref.label ?? ref.identifier}], defined${line ? ` on line ${line}` : ''})`, hint);
    }
  };
  visit(tree, (node) => {
    if (node.type === 'link') report(node, linkProblem((node as Link).url), LINK_HINT);
    else if (node.type === 'image') report(node, imageProblem((node as Image).url), IMAGE_HINT);
    else if (node.type === 'linkReference') viaDefinition(node as LinkReference, linkProblem, LINK_HINT);
    else if (node.type === 'imageReference') viaDefinition(node as ImageReference, imageProblem, IMAGE_HINT);
  });
}
