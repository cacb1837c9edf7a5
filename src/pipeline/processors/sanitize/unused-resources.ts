/** How the report names a resource a page lists but does not draw; undefined for those not worth naming (colour spaces, plain graphics states). */
import { PDFArray, PDFName, type PDFContext, type PDFDict, type PDFObject } from '@cantoo/pdf-lib';
import type { ResourceCategory } from './content-walk.ts';
import { dictOf, nameOf, numberOf, resolve } from './pdf-values.ts';

export function describeUnused(src: PDFContext, category: ResourceCategory, name: string, value: PDFObject): string | undefined {
  const dict = dictOf(src, value);
  if (!dict) return undefined;
  const key = (k: string) => dict.get(PDFName.of(k));
  switch (category) {
    case 'XObject': {
      const subtype = nameOf(src, key('Subtype'));
      if (subtype === 'Image') return `image /${name} (${numberOf(src, key('Width')) ?? '?'} × ${numberOf(src, key('Height')) ?? '?'} pixels)`;
      return subtype === 'Form' ? `form /${name}` : `${subtype ?? 'unknown'} XObject /${name}`;
    }
    case 'Font':
      // A font that only names a standard font carries nothing; one with its own glyphs does.
      return carriesGlyphs(src, dict) ? `font /${name} (${nameOf(src, key('BaseFont')) ?? 'unnamed'})` : undefined;
    case 'Shading':
      return `shading /${name}`;
    case 'Pattern':
      return `pattern /${name}`;
    case 'ExtGState':
      return key('SMask') !== undefined && nameOf(src, key('SMask')) !== 'None' ? `graphics state /${name} with a soft mask` : undefined;
    default:
      return undefined;
  }
}

function carriesGlyphs(src: PDFContext, font: PDFDict): boolean {
  if (nameOf(src, font.get(PDFName.of('Subtype'))) === 'Type3') return true;
  const descendants = resolve(src, font.get(PDFName.of('DescendantFonts')));
  const holder = descendants instanceof PDFArray ? dictOf(src, descendants.get(0)) : font;
  const descriptor = dictOf(src, holder?.get(PDFName.of('FontDescriptor')));
  return ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor?.get(PDFName.of(k)) !== undefined);
}
