/**
 * The Vite plugin that puts the default scenario's first view into index.html (issue 13.5): at
 * `npm start`, `npm run build` and every build the e2e suite and the bench make, it runs the default
 * scenario in the simulation (in Node, once per server or build) and writes the picture before
 * `<div id="root">`, with the tiny gate script (public/first-frame-gate.js) that turns the picture
 * off for links before the first paint, and starts the simulation worker (a build names its script). Nothing generated is committed, so it cannot go stale.
 *
 * May import: vite types, the scenarios' gallery index, ./firstFrameData.ts, ./firstFrameHtml.ts.
 */
import type { HtmlTagDescriptor, Plugin } from 'vite';
import { defaultScenarioId } from '../../src/scenarios/galleryIndex.ts';
import { computeFirstFrame } from './firstFrameData.ts';
import { firstFrameHtml } from './firstFrameHtml.ts';

export function firstFramePlugin(): Plugin {
  let html: Promise<string> | undefined;
  return {
    name: 'streamscope:first-frame',
    transformIndexHtml: {
      order: 'pre',
      async handler(page) {
        const picture = await (html ??= computeFirstFrame().then(firstFrameHtml));
        if (!page.includes('<div id="root">')) throw new Error('index.html: <div id="root"> not found for the first frame');
        return page.replace('<div id="root">', `${picture}<div id="root">`);
      },
    },
  };
}

/**
 * The gate script, added after Vite's own HTML pass (a classic script it would warn it cannot bundle),
 * after a `<meta name="streamscope-first-frame">` naming the scenario the picture is of: the gate reads
 * the id there, so the gate and the catalogue's default cannot drift apart.
 */
export function firstFrameGatePlugin(): Plugin {
  return {
    name: 'streamscope:first-frame-gate',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx) => firstFrameGateTags(defaultScenarioId, simWorkerFile(Object.keys(ctx.bundle ?? {}))),
    },
  };
}

/**
 * The simulation worker's built script among a build's files (none at `npm start`, whose dev server
 * has no bundle): the gate starts it before the page's modules load (src/worker/earlyStart.ts).
 */
export function simWorkerFile(files: string[]): string | undefined {
  const found = files.filter((f) => /(^|\/)sim\.worker-[\w-]+\.js$/.test(f));
  if (found.length > 1) throw new Error(`more than one simulation worker script in the build: ${found.join(', ')}`);
  return found[0];
}

/**
 * The tags the gate plugin adds to `<head>`, in order: the meta naming the pictured scenario, the
 * meta naming the worker's script (in a build), then the gate, which reads both.
 */
export function firstFrameGateTags(scenarioId: string, workerFile?: string): HtmlTagDescriptor[] {
  return [
    { tag: 'meta', attrs: { name: 'streamscope-first-frame', content: scenarioId }, injectTo: 'head-prepend' },
    ...(workerFile === undefined ? [] : [{ tag: 'meta', attrs: { name: 'streamscope-sim-worker', content: `./${workerFile}` }, injectTo: 'head-prepend' } as const]),
    { tag: 'script', attrs: { src: './first-frame-gate.js' }, injectTo: 'head-prepend' },
  ];
}
