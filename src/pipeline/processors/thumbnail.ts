/**
 * A thumbnail for documents that have no page image (text, tables): a
 * drawn page with grey lines, in the type's own shape, made from SVG by
 * sharp. No fonts involved, so it looks the same on every machine.
 */
import sharp from 'sharp';
import type { RenderOptions } from './types.ts';

export async function writeGenericThumbnail(file: string, options: RenderOptions, kind: 'text' | 'table'): Promise<{ widthPx: number; heightPx: number }> {
  const width = options.thumbWidthPx;
  const height = Math.round(width * 1.294);
  const margin = Math.round(width * 0.12);
  const rows: string[] = [];
  if (kind === 'text') {
    for (let y = margin * 1.5, i = 0; y < height - margin; y += width * 0.07, i++) {
      const w = (width - 2 * margin) * (i % 5 === 4 ? 0.55 : 1);
      rows.push(`<rect x="${margin}" y="${y}" width="${w}" height="${width * 0.025}" fill="#9aa0a6"/>`);
    }
  } else {
    const cols = 4;
    const cw = (width - 2 * margin) / cols;
    for (let y = margin, r = 0; y < height - margin; y += width * 0.08, r++) {
      for (let c = 0; c < cols; c++) {
        rows.push(`<rect x="${margin + c * cw + 2}" y="${y}" width="${cw - 4}" height="${width * 0.05}" fill="${r === 0 ? '#5f6368' : '#c4c7c5'}"/>`);
      }
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#ffffff" stroke="#d0d0d0" stroke-width="2"/>${rows.join('')}</svg>`;
  const info = await sharp(Buffer.from(svg)).webp({ quality: options.webpQuality, effort: options.webpEffort }).toFile(file);
  return { widthPx: info.width, heightPx: info.height };
}
