/**
 * Exports the timeline at the playhead: the marks re-drawn as vectors through `SvgRecorder`, under a
 * copy of the SVG chrome (axis, labels, legend, playhead), as one standalone SVG; the PNG is that
 * SVG rasterised at twice the size.
 *
 * May import: ./drawMarks.ts, ./svgRecorder.ts, ../share/download.ts. Uses DOM (Blob, Image, canvas) for the PNG only.
 */
import { drawMarks, type MarksFrame, type MarksScales } from './drawMarks.ts';
import { SvgRecorder } from './svgRecorder.ts';
import { downloadBlob } from '../share/download.ts';

export function timelineSvg(frame: MarksFrame, scales: MarksScales, chrome: SVGSVGElement | null, title: string, overChrome = ''): string {
  const rec = new SvgRecorder();
  drawMarks(rec, frame, scales, { travelMs: 0, labels: true });
  const { width, height } = scales.layout;
  const chromeMarkup = chrome ? new XMLSerializer().serializeToString(chrome).replace(/^<svg[^>]*>/, '').replace(/<\/svg>$/, '') : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">` +
    `<title>${title.replace(/[<&]/g, '')}</title><rect width="100%" height="100%" fill="#ffffff"/>${rec.toSvg()}${chromeMarkup}${overChrome}</svg>`
  );
}

export function downloadSvg(svg: string, name: string): void {
  downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), name);
}

export async function downloadPng(svg: string, width: number, height: number, name: string, scale = 2): Promise<void> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) downloadBlob(blob, name);
  } finally {
    URL.revokeObjectURL(url);
  }
}
