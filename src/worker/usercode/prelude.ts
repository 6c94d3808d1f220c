/**
 * The sandbox's prelude: JavaScript source that runs first in the sandbox worker, before the
 * learner's code. It keeps an allow-list of globals (the language's own, console, timers, text and
 * URL helpers) and deletes the rest — fetch, XMLHttpRequest, WebSocket, EventSource, importScripts,
 * indexedDB, caches, BroadcastChannel, Worker, navigator (storage), postMessage, FontFace… — then
 * locks the Function constructors and eval, replaces Date/performance with the simulated clock and
 * Math.random/crypto with a seeded generator, and defines `dynamodb` and `process.env`. Each
 * DynamoDB call is a message to the simulation worker, answered at the current simulated time.
 *
 * A string: with the learner's code it becomes the `data:` URL of a module worker the simulation
 * worker starts (see ./browserSandbox.ts).
 */

const KEEP = [
  'Object', 'Array', 'Number', 'parseFloat', 'parseInt', 'Infinity', 'NaN', 'undefined', 'Boolean', 'String', 'Symbol',
  'Date', 'Promise', 'RegExp', 'Error', 'AggregateError', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError',
  'TypeError', 'URIError', 'globalThis', 'JSON', 'Math', 'Intl', 'ArrayBuffer', 'Uint8Array', 'Int8Array', 'Uint16Array',
  'Int16Array', 'Uint32Array', 'Int32Array', 'Float32Array', 'Float64Array', 'Float16Array', 'Uint8ClampedArray',
  'BigUint64Array', 'BigInt64Array', 'DataView', 'Map', 'BigInt', 'Set', 'WeakMap', 'WeakSet', 'WeakRef',
  'FinalizationRegistry', 'Proxy', 'Reflect', 'Iterator', 'decodeURI', 'decodeURIComponent', 'encodeURI',
  'encodeURIComponent', 'escape', 'unescape', 'isFinite', 'isNaN', 'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
  'queueMicrotask', 'structuredClone', 'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams', 'atob', 'btoa',
  'DOMException', 'self', 'constructor',
];

/** Names that must be gone after the prelude (the e2e and unit tests check them). */
export const DENIED_GLOBALS = [
  'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'indexedDB', 'caches', 'BroadcastChannel',
  'Worker', 'SharedWorker', 'navigator', 'postMessage', 'FontFace', 'fonts', 'WebTransport', 'Function', 'eval',
];

const PRELUDE = String.raw`function (factory, seed, env, KEEP, DENIED) {
  'use strict';
  const G = globalThis;
  const post = G.postMessage.bind(G);
  const listen = G.addEventListener.bind(G);
  const RealDate = G.Date;
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let now = 0;
  // The sandbox is a data: worker, whose origin is opaque: even code that got past this prelude
  // could not reach the app's storage, caches or service worker. Anywhere else, run nothing.
  const isolated = G.origin === 'null';
  const timer = (real, name) => function (fn, ms, ...args) {
    if (typeof fn !== 'function') throw new TypeError(name + ' needs a function: a string would be run as code, which the sandbox refuses');
    return real(fn, ms, ...args);
  };
  G.setTimeout = timer(G.setTimeout.bind(G), 'setTimeout');
  G.setInterval = timer(G.setInterval.bind(G), 'setInterval');
  const keep = new Set(KEEP);
  for (let o = G; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (keep.has(name)) continue;
      try { delete o[name]; } catch (e) { /* not configurable: shadowed below */ }
    }
  }
  for (const name of DENIED) {
    if (name in G) try { Object.defineProperty(G, name, { value: undefined, writable: false, configurable: false }); } catch (e) { /* reported by the tests */ }
  }
  for (const f of [function () {}, async function () {}, function* () {}, async function* () {}]) {
    Object.defineProperty(Object.getPrototypeOf(f), 'constructor', { value: undefined, writable: false, configurable: false });
  }
  const FakeDate = function Date(...a) {
    if (!new.target) return new RealDate(now).toString();
    return a.length > 0 ? new RealDate(...a) : new RealDate(now);
  };
  FakeDate.now = () => now;
  FakeDate.parse = RealDate.parse;
  FakeDate.UTC = RealDate.UTC;
  FakeDate.prototype = RealDate.prototype;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: FakeDate });
  G.Date = FakeDate;
  Math.random = rand;
  const u32 = () => (rand() * 4294967296) >>> 0;
  G.crypto = Object.freeze({
    getRandomValues(a) { for (let i = 0; i < a.length; i++) a[i] = u32(); return a; },
    randomUUID() {
      const h = Array.from({ length: 4 }, () => u32().toString(16).padStart(8, '0')).join('');
      return h.slice(0, 8) + '-' + h.slice(8, 12) + '-4' + h.slice(13, 16) + '-' + '89ab'[u32() & 3] + h.slice(17, 20) + '-' + h.slice(20, 32);
    },
  });
  G.performance = Object.freeze({ now: () => 0, timeOrigin: 0 });
  G.process = Object.freeze({ env: Object.freeze(Object.assign({}, env)) });

  let current = 0;
  let nextCall = 1;
  const pending = new Map();
  const toError = (e) => Object.assign(new Error(e.message), e.extra || {}, { name: e.name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
  const send = (operation, input) => new Promise((resolve, reject) => {
    if (typeof operation !== 'string') throw new TypeError('dynamodb.send(operation, input): operation is a name like "UpdateItem"');
    const call = nextCall++;
    pending.set(call, { resolve, reject });
    post({ type: 'db', invocation: current, call, operation, input });
  });
  const lower = (op) => op[0].toLowerCase() + op.slice(1);
  const client = { send };
  for (const op of ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem', 'TransactWriteItems', 'TransactGetItems']) client[lower(op)] = (input) => send(op, input);
  G.dynamodb = Object.freeze(client);

  const describe = (err) => ({
    name: String((err && err.name) || 'Error'),
    message: String(err && err.message !== undefined ? err.message : err),
    stack: String((err && err.stack) || ''),
  });
  let handler;
  const run = async (m) => {
    try {
      if (!isolated) return { ok: false, init: true, error: { name: 'Sandbox.NotIsolated', message: 'the sandbox is not at an opaque origin, so your code was not run', stack: '' } };
      if (!handler) handler = factory();
      const h = await handler;
      if (typeof h !== 'function') return { ok: false, init: true, error: { name: 'Runtime.HandlerNotFound', message: 'the exported handler is not a function', stack: '' } };
      const context = Object.assign({}, m.context, { callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => m.context.remainingTimeMs });
      let value;
      try { value = await h(m.event, context); } catch (err) { return { ok: false, error: describe(err) }; }
      // Lambda sends the handler's result as JSON: a BigInt or a cycle fails the invocation there.
      try { return { ok: true, value: value === undefined ? undefined : JSON.parse(JSON.stringify(value)) }; }
      catch (err) { return { ok: false, error: { name: 'Runtime.MarshalError', message: 'Unable to stringify response body: ' + describe(err).message, stack: '' } }; }
    } catch (err) {
      return { ok: false, init: true, error: describe(err) };
    }
  };
  listen('message', (e) => {
    const m = e.data;
    if (m.type === 'db-result') {
      const p = pending.get(m.call);
      if (!p) return;
      pending.delete(m.call);
      if (m.ok) p.resolve(m.value); else p.reject(toError(m.error));
      return;
    }
    if (m.type !== 'invoke') return;
    now = m.nowEpochMs;
    current = m.id;
    post({ type: 'started', id: m.id });
    run(m).then((r) => {
      try { post(Object.assign({ type: 'done', id: m.id }, r)); }
      catch (err) { post({ type: 'done', id: m.id, ok: false, error: { name: 'Runtime.InvalidResponse', message: 'the handler returned a value that cannot be copied: ' + err.message, stack: '' } }); }
    });
  });
}`;

/**
 * The whole sandbox script: the learner's module as an async function (created, not run) handed to
 * the prelude, which locks the globals before it ever calls it. The code comes first, on line 2, so
 * stack lines map back to the code as written by subtracting one.
 */
export function sandboxScript(body: string, seed: number, env: Record<string, string>): string {
  const prelude = `(${PRELUDE})(factory, ${seed >>> 0}, ${JSON.stringify(env)}, ${JSON.stringify(KEEP)}, ${JSON.stringify(DENIED_GLOBALS)})`;
  return `((start) => start(async function () { 'use strict';\n${body}\n}))((factory) => ${prelude});\n`;
}

export { SCRIPT_LINE_OFFSET } from './scriptLayout.ts';
