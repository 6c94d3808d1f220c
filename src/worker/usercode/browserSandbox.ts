/**
 * The browser's user-code sandbox: one dedicated Worker per consumer and run, started by the
 * simulation worker itself (a nested worker) from a `data:` URL holding the prelude and the
 * learner's code. Two properties make it a boundary (see docs/architecture/sandbox.md):
 * - It is a *module* worker, so the script is parsed as the check (acorn, `sourceType: 'module'`)
 *   parsed it: no HTML-like comments, strict mode. The assembled script is checked again here.
 * - A `data:` worker's origin is a new opaque origin (HTML: "run a worker"), unlike a `blob:`
 *   worker's, which is the app's: code that got past the prelude still has no IndexedDB, no
 *   CacheStorage and no service worker of the app's, and its requests carry `Origin: null`. The
 *   prelude refuses to run the code at any other origin.
 * Nested, not relayed through the page: the simulation awaits the invocation, and each DynamoDB
 * call of the code comes straight back to it, so the page's rendering never sits between them and
 * the page never holds a handle on the code.
 *
 * Each invocation has a wall-clock limit, measured here (outside the sandbox): when it passes, the
 * sandbox worker is terminated and the invocation fails as a timeout; the next invocation starts a
 * fresh worker (like Lambda's new execution environment after a timeout). The limit starts when the
 * sandbox says it began, so a slow worker start on a busy machine is not counted.
 *
 * May import: sim types, ./compile.ts and ./prelude.ts (both lazily), ./scriptLayout.ts. Uses Worker, setTimeout.
 */
import { TIMEOUT_MESSAGE, USER_CODE_TIME_LIMIT_MS, UserCodeError, type DbCall, type UserCodeLoadOptions, type UserCodeRunner, type UserCodeSandbox, type UserInvocation } from '../../sim/usercode/types.ts';
import type { checkAssembledScript as CheckAssembled, compileUserCode as Compile } from './compile.ts';
import type { sandboxScript as SandboxScript } from './prelude.ts';
import { errorFromSandbox } from './errors.ts';

/** How long a new sandbox worker may take to start before its invocation fails. */
const START_LIMIT_MS = 15_000;
const CANCELLED_MESSAGE = 'The run was cancelled.';

interface FromSandbox {
  type: 'started' | 'db' | 'done';
  id?: number;
  invocation?: number;
  call?: number;
  operation?: string;
  input?: unknown;
  ok?: boolean;
  init?: boolean;
  value?: unknown;
  error?: { name: string; message: string; stack: string };
}

function dbReply(db: DbCall, m: FromSandbox): Record<string, unknown> {
  try {
    return { type: 'db-result', call: m.call, ok: true, value: db(m.operation ?? '', m.input) };
  } catch (e) {
    const err = e as { name?: string; message?: string; extra?: Record<string, unknown> };
    return { type: 'db-result', call: m.call, ok: false, error: { name: err.name ?? 'Error', message: err.message ?? String(e), extra: err.extra ?? {} } };
  }
}

class BrowserRunner implements UserCodeRunner {
  private worker: Worker | undefined;
  private readonly url: string;
  private nextId = 1;
  /** Fails the invocation in flight, if any (set while one runs). */
  private failInFlight: ((e: UserCodeError) => void) | undefined;
  private cancelled = false;

  constructor(
    private readonly script: string,
    /** Lines of the learner's code, to tell its stack frames from the prelude's. */
    private readonly lines: number,
    /** The sandbox's live runners, which this one leaves when disposed. */
    private readonly live: Set<BrowserRunner>,
  ) {
    live.add(this);
    this.url = `data:text/javascript;charset=utf-8,${encodeURIComponent(script)}`;
  }

  private start(): Worker {
    return (this.worker ??= new Worker(this.url, { name: 'streamscope-user-code', type: 'module' }));
  }

  private stop(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }

  /** The run was cancelled: stop the code now and refuse to run it again. */
  cancel(): void {
    this.cancelled = true;
    this.failInFlight?.(new UserCodeError('unavailable', CANCELLED_MESSAGE));
    this.stop();
  }

  invoke(invocation: UserInvocation, db: DbCall): Promise<unknown> {
    if (this.cancelled) return Promise.reject(new UserCodeError('unavailable', CANCELLED_MESSAGE));
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      let timer = setTimeout(() => fail(new UserCodeError('timeout', 'The sandbox did not start in time.')), START_LIMIT_MS);
      const done = () => {
        this.failInFlight = undefined;
        clearTimeout(timer);
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
      };
      const fail = (e: UserCodeError) => {
        done();
        if (e.kind === 'timeout') this.stop();
        reject(e);
      };
      const onMessage = (ev: MessageEvent<FromSandbox>) => {
        const m = ev.data;
        if (m.type === 'started' && m.id === id) {
          clearTimeout(timer);
          timer = setTimeout(() => fail(new UserCodeError('timeout', TIMEOUT_MESSAGE)), USER_CODE_TIME_LIMIT_MS);
        } else if (m.type === 'db') {
          // A call from an earlier invocation (not awaited there) is refused: it would land at another time.
          const reply = m.invocation === id ? dbReply(db, m) : dbReply(() => { throw new Error(`${m.operation} was called after its invocation returned; await every call before returning`); }, m);
          worker.postMessage(reply);
        } else if (m.type === 'done' && m.id === id) {
          done();
          if (m.ok) resolve(m.value);
          else reject(errorFromSandbox(m.error, m.init === true, this.lines));
        }
      };
      const onError = (ev: ErrorEvent) => {
        ev.preventDefault();
        const inCode = ev.lineno > 1 && ev.lineno - 1 <= this.lines;
        fail(new UserCodeError('threw', `Uncaught ${ev.message}${inCode ? ` (line ${ev.lineno - 1}, column ${ev.colno})` : ''}`, inCode ? ev.lineno - 1 : undefined, inCode ? ev.colno : undefined));
      };
      this.failInFlight = fail;
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      worker.postMessage({ type: 'invoke', id, ...invocation });
    });
  }

  dispose(): void {
    this.live.delete(this);
    this.stop();
  }
}

/** The parser (acorn) and the prelude are chunks of their own: the worker loads them only for runs with user code. */
let compiler: typeof Compile | undefined;
let checkAssembled: typeof CheckAssembled | undefined;
let sandboxScript: typeof SandboxScript | undefined;

export async function loadCompiler(): Promise<typeof Compile> {
  const [compile, prelude] = await Promise.all([import('./compile.ts'), import('./prelude.ts')]);
  sandboxScript ??= prelude.sandboxScript;
  checkAssembled ??= compile.checkAssembledScript;
  return (compiler ??= compile.compileUserCode);
}

/** The sandbox the simulation worker gives the core. */
export function createBrowserSandbox(): UserCodeSandbox {
  // The runners of runs still computing or shown; a cancel stops them all (a shown run's are idle).
  const live = new Set<BrowserRunner>();
  return {
    cancel() {
      for (const runner of live) runner.cancel();
      live.clear();
    },
    async prepare() {
      await loadCompiler();
    },
    load(code: string, options: UserCodeLoadOptions): UserCodeRunner {
      if (!compiler || !sandboxScript || !checkAssembled) throw new UserCodeError('unavailable', 'the code parser is not loaded yet (prepare() was not awaited)');
      const compiled = compiler(code);
      if (!compiled.ok) throw new UserCodeError('syntax', compiled.problem.message, compiled.problem.line, compiled.problem.column);
      const script = sandboxScript(compiled.body, options.seed, options.env);
      if (!checkAssembled(script, compiled.body)) throw new UserCodeError('syntax', 'The code does not stay inside its function in the sandbox script, so it was not run.', 1, 1);
      return new BrowserRunner(script, code.split('\n').length, live);
    },
  };
}
