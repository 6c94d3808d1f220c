/**
 * A user-code sandbox for Node (tests and tools): the learner's module in a `node:vm` context with
 * its own globals (no require, no process but `process.env`, no timers), a seeded Math.random, the
 * simulated clock, and `dynamodb` calling the simulation synchronously. Data crosses the context
 * boundary as JSON, as structured cloning does across the browser's worker boundary. The time limit
 * is vm's `timeout`, with the context's microtasks run inside it (`microtaskMode: 'afterEvaluate'`),
 * so an endless loop after an `await` is stopped too.
 *
 * Not the browser's isolation (vm is no security boundary): for trusted tests only.
 */
import vm from 'node:vm';
import { compileUserCode } from '../../src/worker/usercode/compile.ts';
import { errorFromSandbox } from '../../src/worker/usercode/errors.ts';
import { TIMEOUT_MESSAGE, USER_CODE_TIME_LIMIT_MS, UserCodeError, type DbCall, type UserCodeLoadOptions, type UserCodeRunner, type UserCodeSandbox, type UserInvocation } from '../../src/sim/index.ts';

const PRELUDE = String.raw`
(function (seed, env) {
  'use strict';
  const G = globalThis;
  let s = seed >>> 0;
  const rand = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  Math.random = rand;
  const RealDate = Date;
  const FakeDate = function Date(...a) { if (!new.target) return new RealDate(G.__now).toString(); return a.length > 0 ? new RealDate(...a) : new RealDate(G.__now); };
  FakeDate.now = () => G.__now; FakeDate.parse = RealDate.parse; FakeDate.UTC = RealDate.UTC; FakeDate.prototype = RealDate.prototype;
  G.Date = FakeDate;
  G.process = Object.freeze({ env: Object.freeze(env) });
  const bridge = G.__db;
  const toError = (e) => Object.assign(new Error(e.message), e.extra || {}, { name: e.name, $fault: 'client' });
  const send = (operation, input) => {
    const r = JSON.parse(bridge(String(operation), JSON.stringify(input)));
    return r.ok ? Promise.resolve(r.value) : Promise.reject(toError(r.error));
  };
  const client = { send };
  for (const op of ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem', 'TransactWriteItems', 'TransactGetItems']) client[op[0].toLowerCase() + op.slice(1)] = (input) => send(op, input);
  G.dynamodb = Object.freeze(client);
  G.console = { log() {}, info() {}, warn() {}, error() {}, debug() {} };
})`;

const DRIVER = String.raw`
(function (factory) {
  const describe = (err) => ({ name: String((err && err.name) || 'Error'), message: String(err && err.message !== undefined ? err.message : err), stack: String((err && err.stack) || '') });
  let handler;
  globalThis.__start = (json) => {
    const m = JSON.parse(json);
    globalThis.__now = m.nowEpochMs;
    globalThis.__outcome = undefined;
    (async () => {
      try {
        if (!handler) handler = factory();
        const h = await handler;
        if (typeof h !== 'function') return { ok: false, init: true, error: { name: 'Runtime.HandlerNotFound', message: 'the exported handler is not a function', stack: '' } };
        const context = Object.assign({}, m.context, { getRemainingTimeInMillis: () => m.context.remainingTimeMs });
        try { return { ok: true, value: JSON.stringify(await h(m.event, context)) }; } catch (err) { return { ok: false, error: describe(err) }; }
      } catch (err) { return { ok: false, init: true, error: describe(err) }; }
    })().then((r) => { globalThis.__outcome = r; });
  };
})`;

class VmRunner implements UserCodeRunner {
  private context: vm.Context | undefined;
  private db: DbCall = () => {
    throw new Error('no invocation is running');
  };

  constructor(
    private readonly body: string,
    private readonly options: UserCodeLoadOptions,
    private readonly limitMs: number,
  ) {}

  private start(): vm.Context {
    if (this.context) return this.context;
    const bridge = (op: string, input: string): string => {
      try {
        return JSON.stringify({ ok: true, value: this.db(op, JSON.parse(input)) });
      } catch (e) {
        const err = e as { name?: string; message?: string; extra?: Record<string, unknown> };
        return JSON.stringify({ ok: false, error: { name: err.name ?? 'Error', message: err.message ?? String(e), extra: err.extra ?? {} } });
      }
    };
    const context = vm.createContext({ __db: bridge, __now: 0 }, { microtaskMode: 'afterEvaluate', codeGeneration: { strings: false, wasm: false } });
    vm.runInContext(`${PRELUDE}(${this.options.seed >>> 0}, ${JSON.stringify(this.options.env)})`, context, { filename: 'prelude.js' });
    const factory = vm.runInContext(`(async function () { 'use strict';\n${this.body}\n})`, context, { filename: 'handler.js' });
    vm.runInContext(DRIVER, context, { filename: 'prelude.js' })(factory);
    return (this.context = context);
  }

  async invoke(invocation: UserInvocation, db: DbCall): Promise<unknown> {
    const context = this.start();
    this.db = db;
    try {
      vm.runInContext(`__start(${JSON.stringify(JSON.stringify(invocation))})`, context, { timeout: this.limitMs });
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        this.context = undefined; // a fresh module next time, as after a Lambda timeout
        throw new UserCodeError('timeout', TIMEOUT_MESSAGE);
      }
      throw e;
    } finally {
      this.db = () => {
        throw new Error('a DynamoDB call was made after its invocation returned; await every call before returning');
      };
    }
    const outcome = context.__outcome as { ok: boolean; init?: boolean; value?: string; error?: { name: string; message: string; stack: string } } | undefined;
    if (!outcome) throw new UserCodeError('threw', 'Error: the handler awaited something that never finished');
    if (!outcome.ok) throw errorFromSandbox(outcome.error, outcome.init === true);
    return outcome.value === undefined ? undefined : JSON.parse(outcome.value);
  }

  dispose(): void {
    this.context = undefined;
  }
}

/** A node:vm sandbox with the browser's time limit (or `limitMs`). */
export function createVmSandbox(limitMs = USER_CODE_TIME_LIMIT_MS): UserCodeSandbox {
  return {
    load(code, options) {
      const compiled = compileUserCode(code);
      if (!compiled.ok) throw new UserCodeError('syntax', compiled.problem.message, compiled.problem.line, compiled.problem.column);
      return new VmRunner(compiled.body, options, limitMs);
    },
  };
}

/** The trace hash Node computes for an inline scenario with user code (the browser must agree). */
export async function nodeUserCodeTraceHash(scenario: unknown): Promise<string> {
  const { createHost } = await import('../../src/worker/host.ts');
  const { parseScenario } = await import('../../src/scenarios/schema.ts');
  const checked = parseScenario(scenario);
  if (!checked.ok) throw new Error(checked.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return (await createHost({ sandbox: createVmSandbox(), yieldSlice: async () => undefined }).load({ inline: checked.scenario })).traceHash;
}
