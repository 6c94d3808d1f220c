/**
 * The default scenario's first view as HTML + inline SVG, put into index.html at build time
 * (`plugin.ts`): the browser paints it with the page, before any script runs. It copies the app's
 * own classes (header, transport row, stage, callout) so it sits where the live page will, and the
 * timeline as two SVGs: the lane labels in the label column, the lanes and axis across the plotting
 * area in percentages (the live timeline spans the stage's width the same way). No inline style or
 * script: the page's Content-Security-Policy allows neither, so everything is attributes and classes
 * (src/ui/firstFrame/firstFrame.css).
 *
 * May import: ./firstFrameData.ts types, ui/timeline's palette and lane constants.
 */
import type { FirstFrameData } from './firstFrameData.ts';
import { CONSUMERS_HEADING, LABEL_WIDTH, SUB_ROW_HEIGHT } from '../../src/ui/timeline/lanes.ts';
import { LANE_FILL_ALT } from '../../src/ui/timeline/drawStatic.ts';
import { STYLE } from '../../src/ui/timeline/palette.ts';
import { VEIL } from '../../src/ui/timeline/drawOverlay.ts';

/** The element the entry removes once the live frame is drawn (src/ui/firstFrame/handover.ts). */
export const FIRST_FRAME_ID = 'first-frame';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
const pct = (f: number) => `${+(f * 100).toFixed(3)}%`;

function labelColumn(d: FirstFrameData): string {
  const out: string[] = [];
  out.push(`<text x="8" y="${d.table.y + d.table.h / 2}" dominant-baseline="central" font-size="12" fill="${STYLE.muted}">Table writes</text>`);
  for (const s of d.shards) {
    out.push(`<text x="8" y="${s.y + 14}" font-size="13" font-weight="bold" fill="${STYLE.ink}">${escapeHtml(s.label)}</text>`);
    out.push(`<text x="8" y="${s.y + 30}" font-size="11" fill="${STYLE.muted}">${escapeHtml(s.detail)}${s.holder ? `<tspan fill="${STYLE.ink}" font-weight="bold">${escapeHtml(s.holder)}</tspan>` : ''}</text>`);
    if (s.holder) out.push(`<rect x="${LABEL_WIDTH - 12}" y="${s.y + s.h - 6}" width="8" height="5" fill="${s.holderColour}"/>`);
  }
  out.push(`<text x="8" y="${d.consumersY + 14}" font-size="12" font-weight="bold" fill="${STYLE.muted}">${CONSUMERS_HEADING}</text>`);
  for (const c of d.consumers) {
    out.push(`<rect x="8" y="${c.y + 2}" width="10" height="10" fill="${c.colour}"/>`);
    out.push(`<text x="24" y="${c.y + 11}" font-size="13" font-weight="bold" fill="${STYLE.ink}">${escapeHtml(c.id)}</text>`);
    for (const l of c.subLabels) out.push(`<text x="${LABEL_WIDTH - 6}" y="${l.y}" font-size="${SUB_ROW_HEIGHT}" text-anchor="end" dominant-baseline="central" fill="${STYLE.muted}">${escapeHtml(l.text)}</text>`);
  }
  // The legend runs across the whole stage from the label column (the plot's SVG is transparent over it).
  out.push(`<line x1="8" x2="${LABEL_WIDTH}" y1="${d.legendY}" y2="${d.legendY}" stroke="${STYLE.grid}"/>`);
  let x = 8;
  for (const e of d.legend) {
    out.push(`<rect x="${x}" y="${d.legendY + 11}" width="14" height="5" fill="${e.colour}"/><text x="${x + 18}" y="${d.legendY + 18}" font-size="12" fill="${STYLE.ink}">${escapeHtml(e.label)}</text>`);
    x += 18 + e.label.length * 7 + 24;
  }
  return `<svg class="first-frame__labels" width="${LABEL_WIDTH}" height="${d.height}" font-family="system-ui, sans-serif">${out.join('')}</svg>`;
}

function plotArea(d: FirstFrameData): string {
  const out: string[] = [];
  out.push(`<rect x="0" y="${d.table.y}" width="100%" height="${d.table.h}" fill="${STYLE.laneFill}"/>`);
  for (const c of d.consumers) out.push(`<rect x="0" y="${c.y}" width="100%" height="${c.h}" fill="${STYLE.laneFill}"/>`);
  d.shards.forEach((s, i) => {
    out.push(`<rect x="${pct(s.fromFrac)}" y="${s.y + 1}" width="${pct(s.toFrac - s.fromFrac)}" height="${s.h - 2}" fill="${i % 2 === 0 ? STYLE.laneFill : LANE_FILL_ALT}"/>`);
  });
  const bottom = d.consumers.length ? d.consumers.at(-1)!.y + d.consumers.at(-1)!.h : d.consumersY;
  if (d.veilFrac < 1) out.push(`<rect x="${pct(d.veilFrac)}" y="${d.table.y}" width="${pct(1 - d.veilFrac)}" height="${bottom - d.table.y}" fill="${VEIL}"/>`);
  d.shards.forEach((s) => out.push(`<line x1="0" x2="100%" y1="${s.y + s.h}" y2="${s.y + s.h}" stroke="${STYLE.grid}"/>`));
  out.push(`<line x1="0" x2="100%" y1="${d.legendY}" y2="${d.legendY}" stroke="${STYLE.grid}"/>`);
  // The axis as d3's axisTop draws it: a domain line, 6 px ticks up, labels 9 px above.
  out.push(`<line x1="0" x2="100%" y1="${d.axisY + 0.5}" y2="${d.axisY + 0.5}" stroke="currentColor"/>`);
  for (const t of d.ticks) {
    const only = t.on === 'both' ? '' : ` class="first-frame__tick--${t.on}"`;
    out.push(`<g${only}><line x1="${pct(t.frac)}" x2="${pct(t.frac)}" y1="${d.axisY - 6}" y2="${d.axisY}" stroke="currentColor"/>`);
    out.push(`<text x="${pct(t.frac)}" y="${d.axisY - 9}" font-size="12" text-anchor="middle" fill="currentColor">${escapeHtml(t.label)}</text></g>`);
  }
  for (const [frac, row] of d.marks) {
    const s = d.shards[row];
    if (s) out.push(`<circle cx="${pct(frac)}" cy="${s.y + s.h / 2}" r="4" fill="${STYLE.ink}"/>`);
  }
  // The playhead at the run's start.
  out.push(`<line x1="0" x2="0" y1="${d.axisY}" y2="${bottom}" stroke="${STYLE.ink}" stroke-width="1.5"/>`);
  return `<svg class="first-frame__plot" height="${d.height}" font-family="system-ui, sans-serif">${out.join('')}</svg>`;
}

/** The pre-rendered page: hidden from assistive technology (the live page is the one to read). */
export function firstFrameHtml(d: FirstFrameData): string {
  return [
    `<div id="${FIRST_FRAME_ID}" class="first-frame" aria-hidden="true" data-scenario="${escapeHtml(d.scenarioId)}">`,
    `<div class="app">`,
    `<header class="app__header"><div class="brand"><span class="brand__mark"></span><span class="brand__name">Streamscope</span></div>`,
    `<h1 class="app__title">${escapeHtml(d.title)}</h1></header>`,
    `<div class="controls first-frame__controls"></div>`,
    `<div class="workspace"><div class="stage">`,
    `<div class="stage__scroll"><section class="timeline"><header class="timeline__header"><h2>Timeline</h2></header>`,
    `<div class="timeline__stage first-frame__timeline">${labelColumn(d)}${plotArea(d)}</div></section></div>`,
    `<div class="stage__callout"><section class="callout first-frame__callout"><header class="callout__header"><h2>${escapeHtml(d.calloutHeading)}</h2>`,
    d.calloutMeta ? `<span class="callout__meta">${escapeHtml(d.calloutMeta)}</span>` : '',
    // The callout's buttons as they first look (Back disabled), so its text sits where the live one will.
    d.calloutMeta ? `<span class="callout__nav"><span class="button button--small" aria-disabled="true">← Back <kbd class="kbd">P</kbd></span><span class="button button--small button--primary">Next → <kbd class="kbd kbd--on-dark">N</kbd></span><span class="callout__minimize">–</span></span>` : '',
    `</header><div class="callout__body"><div class="callout__text"><p>${escapeHtml(d.calloutText)}</p></div></div>`,
    d.calloutMeta ? `<footer class="callout__actions"><label class="narration__pause"><input type="checkbox" checked disabled tabindex="-1"> Pause at each step</label></footer>` : '',
    `</section></div>`,
    `</div><div class="dock dock--side first-frame__dock"></div></div>`,
    `</div></div>`,
  ].join('');
}
