/**
 * The link codec (fflate and the zod schema of links and scenarios, a quarter of the app's script)
 * as a chunk of its own: a first visit without a link never needs it before its first frame. The
 * same promise serves every caller, so callbacks chained on it run in the order they were chained
 * (the link writer's newest state always lands last).
 *
 * May import: share codec (dynamically).
 */
import type * as CodecModule from '../../share/codec.ts';

export type Codec = typeof CodecModule;

let codec: Promise<Codec> | undefined;

export function loadCodec(): Promise<Codec> {
  return (codec ??= import('../../share/codec.ts'));
}

let idle: Promise<Codec> | undefined;

/**
 * The codec, loaded once the page is idle (at most a second later) unless something has asked for
 * it already: for writing the link, which need not compete with the first frame.
 */
export function loadCodecWhenIdle(): Promise<Codec> {
  if (codec) return codec;
  return (idle ??= new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1_000 });
    else setTimeout(resolve, 200);
  }).then(loadCodec));
}
