/**
 * Colours and shapes of the timeline, chosen to survive colour blindness and a projector: item keys
 * take the Okabe–Ito palette (distinguishable in the common deficiencies), event names take shapes as
 * well as words, consumers and workers take Paul Tol's muted set, and trouble is one red.
 *
 * May import: nothing. Pure constants.
 */

/** Okabe–Ito, minus black (kept for text): an item key's colour is `KEY_COLOURS[key % length]`. */
export const KEY_COLOURS = ['#E69F00', '#56B4E9', '#009E73', '#0072B2', '#D55E00', '#CC79A7', '#F0E442'] as const;

/** Paul Tol's muted scheme, for consumers (carets, flags, batch bars). */
export const CONSUMER_COLOURS = ['#332288', '#117733', '#AA4499', '#44AA99', '#882255'] as const;

/** Lease bands: one colour per worker, lighter than the consumer colours. */
export const WORKER_COLOURS = ['#88CCEE', '#DDCC77', '#CC6677', '#999933', '#AA4499'] as const;

export const STYLE = {
  ink: '#1f2328',
  muted: '#57606a',
  grid: '#d0d7de',
  laneFill: '#f6f8fa',
  laneFillAlt: '#ffffff',
  trimmed: '#8c959f',
  trimmedFill: 'rgba(140,149,159,0.22)',
  harm: '#C00000',
  crash: '#C00000',
  success: '#0072B2',
  failure: '#D55E00',
  pending: '#8c959f',
  future: 'rgba(246,248,250,0.85)',
  font: '11px system-ui, -apple-system, "Segoe UI", sans-serif',
  fontBold: 'bold 11px system-ui, -apple-system, "Segoe UI", sans-serif',
} as const;

export type TimelineStyle = typeof STYLE;

export function keyColour(key: number): string {
  return KEY_COLOURS[key % KEY_COLOURS.length]!;
}

/**
 * Okabe–Ito's own hues by name, so a value that names a colour (a vote for "green") is drawn in it;
 * other values take the key palette by their place.
 */
const NAMED_COLOURS: Record<string, string> = { orange: '#E69F00', sky: '#56B4E9', 'sky blue': '#56B4E9', green: '#009E73', blue: '#0072B2', red: '#D55E00', vermillion: '#D55E00', purple: '#CC79A7', pink: '#CC79A7', yellow: '#F0E442' };

/** The colour of the `code`th value records are coloured by (`Frame.colourKey`). */
export function valueColour(code: number, value: string): string {
  return NAMED_COLOURS[value.toLowerCase()] ?? keyColour(code);
}

/** A record whose item lacks the attribute records are coloured by. */
export const NO_VALUE_COLOUR = '#6e7781';

export function consumerColour(consumer: number): string {
  return CONSUMER_COLOURS[consumer % CONSUMER_COLOURS.length]!;
}

export function workerColour(worker: number): string {
  return WORKER_COLOURS[worker % WORKER_COLOURS.length]!;
}

/** Event name → the glyph the legend shows (the canvas draws the same shape). */
export const EVENT_GLYPHS = { INSERT: '●', MODIFY: '◆', REMOVE: '✕' } as const;
