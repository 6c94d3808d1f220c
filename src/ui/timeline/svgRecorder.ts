/**
 * A `MarksContext` that records SVG elements instead of pixels, so the timeline exports as vectors
 * (and the Node bench can run `drawMarks` without a canvas; `calls` counts what it was asked).
 *
 * May import: ./drawMarks.ts types. Pure.
 */
import type { MarksContext } from './drawMarks.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => (Math.round(v * 100) / 100).toString();

interface State {
  fillStyle: string | object;
  strokeStyle: string | object;
  lineWidth: number;
  globalAlpha: number;
  font: string;
  textAlign: MarksContext['textAlign'];
  textBaseline: MarksContext['textBaseline'];
  dash: number[];
}

export class SvgRecorder implements MarksContext {
  fillStyle: string | object = '#000';
  strokeStyle: string | object = '#000';
  lineWidth = 1;
  globalAlpha = 1;
  font = '10px sans-serif';
  textAlign: MarksContext['textAlign'] = 'start';
  textBaseline: MarksContext['textBaseline'] = 'alphabetic';
  calls = 0;
  private dash: number[] = [];
  private path = '';
  private readonly parts: string[] = [];
  private readonly stack: State[] = [];

  private opacity(): string {
    return this.globalAlpha < 1 ? ` opacity="${n(this.globalAlpha)}"` : '';
  }

  save(): void {
    this.calls++;
    this.stack.push({ fillStyle: this.fillStyle, strokeStyle: this.strokeStyle, lineWidth: this.lineWidth, globalAlpha: this.globalAlpha, font: this.font, textAlign: this.textAlign, textBaseline: this.textBaseline, dash: this.dash });
  }
  restore(): void {
    this.calls++;
    const s = this.stack.pop();
    if (s) ({ fillStyle: this.fillStyle, strokeStyle: this.strokeStyle, lineWidth: this.lineWidth, globalAlpha: this.globalAlpha, font: this.font, textAlign: this.textAlign, textBaseline: this.textBaseline, dash: this.dash } = s);
  }
  beginPath(): void {
    this.calls++;
    this.path = '';
  }
  moveTo(x: number, y: number): void {
    this.calls++;
    this.path += `M${n(x)} ${n(y)}`;
  }
  lineTo(x: number, y: number): void {
    this.calls++;
    this.path += `L${n(x)} ${n(y)}`;
  }
  closePath(): void {
    this.calls++;
    this.path += 'Z';
  }
  arc(x: number, y: number, r: number, a0: number, a1: number): void {
    this.calls++;
    if (Math.abs(a1 - a0) >= Math.PI * 2 - 1e-6) {
      this.path += `M${n(x - r)} ${n(y)}a${n(r)} ${n(r)} 0 1 0 ${n(2 * r)} 0a${n(r)} ${n(r)} 0 1 0 ${n(-2 * r)} 0`;
    } else {
      const sx = x + r * Math.cos(a0);
      const sy = y + r * Math.sin(a0);
      const ex = x + r * Math.cos(a1);
      const ey = y + r * Math.sin(a1);
      this.path += `M${n(sx)} ${n(sy)}A${n(r)} ${n(r)} 0 ${a1 - a0 > Math.PI ? 1 : 0} 1 ${n(ex)} ${n(ey)}`;
    }
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.calls++;
    this.path += `M${n(x)} ${n(y)}h${n(w)}v${n(h)}h${n(-w)}Z`;
  }
  fill(): void {
    this.calls++;
    if (this.path) this.parts.push(`<path d="${this.path}" fill="${esc(String(this.fillStyle))}"${this.opacity()}/>`);
  }
  stroke(): void {
    this.calls++;
    if (!this.path) return;
    const dash = this.dash.length ? ` stroke-dasharray="${this.dash.join(' ')}"` : '';
    this.parts.push(`<path d="${this.path}" fill="none" stroke="${esc(String(this.strokeStyle))}" stroke-width="${n(this.lineWidth)}"${dash}${this.opacity()}/>`);
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    this.calls++;
    this.parts.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${esc(String(this.fillStyle))}"${this.opacity()}/>`);
  }
  clearRect(): void {
    this.calls++;
  }
  fillText(text: string, x: number, y: number): void {
    this.calls++;
    const anchor = this.textAlign === 'center' ? 'middle' : this.textAlign === 'right' || this.textAlign === 'end' ? 'end' : 'start';
    const baseline = this.textBaseline === 'middle' ? 'central' : this.textBaseline === 'top' || this.textBaseline === 'hanging' ? 'hanging' : 'auto';
    const bold = this.font.startsWith('bold') ? ' font-weight="bold"' : '';
    const size = /(\d+)px/.exec(this.font)?.[1] ?? '11';
    this.parts.push(`<text x="${n(x)}" y="${n(y)}" fill="${esc(String(this.fillStyle))}" font-size="${size}" font-family="system-ui, sans-serif"${bold} text-anchor="${anchor}" dominant-baseline="${baseline}"${this.opacity()}>${esc(text)}</text>`);
  }
  setLineDash(segments: number[]): void {
    this.calls++;
    this.dash = segments;
  }

  /** The recorded elements, in drawing order. */
  toSvg(): string {
    return `<g class="marks">${this.parts.join('')}</g>`;
  }
}
