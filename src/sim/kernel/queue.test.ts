import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from './queue.ts';

/** Pushes (a time) and pops, interleaved; the queue must pop in (time, push order), wherever an event sits (script or heap). */
const ops = fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }).map((t) => ({ push: t })), fc.constant({ pop: true as const })), { maxLength: 200 });

describe('EventQueue', () => {
  it('pops in (time, push order) whether events came in order (the script) or not (the heap)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 100 }), ops, (script, later) => {
        const q = new EventQueue<number>();
        const model: Array<{ timeMs: number; seq: number }> = [];
        let now = 0;
        const push = (t: number): void => {
          const seq = q.push(Math.max(t, now), seq0());
          model.push({ timeMs: Math.max(t, now), seq });
        };
        let n = 0;
        const seq0 = (): number => n++;
        for (const t of script) push(t);
        for (const op of later) {
          if ('push' in op) push(op.push);
          else {
            model.sort((a, b) => a.timeMs - b.timeMs || a.seq - b.seq);
            const want = model.shift();
            expect(q.peek()?.seq).toBe(want?.seq);
            const got = q.pop();
            expect(got?.seq).toBe(want?.seq);
            if (got) now = got.timeMs;
          }
          expect(q.size).toBe(model.length);
        }
      }),
    );
  });

  it('popDue(limit) takes what a peek shows when it is due by the limit, and nothing otherwise', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 60 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 50 })), { maxLength: 80 }), (script, steps) => {
        const q = new EventQueue<number>();
        const copy = (): EventQueue<number> => q.clone();
        for (const t of script) q.push(t, t);
        let now = 0;
        for (const [limit, push] of steps) {
          const before = copy();
          const seen = before.peek();
          const got = q.popDue(limit);
          if (seen === undefined || seen.timeMs > limit) {
            expect(got).toBeUndefined();
            expect(q.size).toBe(before.size);
          } else {
            expect(got).toBe(seen);
            expect(q.size).toBe(before.size - 1);
            now = got!.timeMs;
          }
          q.push(Math.max(now, push), push);
        }
      }),
    );
  });

  it('shares its script with a copy once running, and a copy goes on independently', () => {
    const q = new EventQueue<string>();
    for (let t = 0; t < 5; t++) q.push(t * 10, `call ${t}`);
    q.pop();
    const copy = q.clone();
    q.pop();
    copy.push(15, 'late');
    expect([copy.pop()?.event, copy.pop()?.event, copy.pop()?.event]).toEqual(['call 1', 'late', 'call 2']);
    expect(q.pop()?.event).toBe('call 2');
  });

  it('keeps every push before the run in the shared script, even out of time order (a rollover queued an hour ahead)', () => {
    const q = new EventQueue<string>();
    q.push(3_600_000, 'rollover');
    for (let t = 0; t < 5; t++) q.push(t * 10, `call ${t}`);
    q.push(20, 'same time, later push');
    expect(q.pop()?.event).toBe('call 0');
    // Nothing outside the frozen script: a snapshot copies no entry.
    expect(q.entries()).toHaveLength(0);
    const order = [];
    for (let e = q.pop(); e; e = q.pop()) order.push(e.event);
    expect(order).toEqual(['call 1', 'call 2', 'same time, later push', 'call 3', 'call 4', 'rollover']);
  });

  it('sets a long script\'s few out-of-order entries aside in the heap instead of sorting it', () => {
    const q = new EventQueue<string>();
    for (let s = 0; s < 4; s++) q.push(14_400_000, `rollover ${s}`);
    for (let t = 0; t < 1000; t++) q.push(t * 10, `call ${t}`);
    expect(q.pop()?.event).toBe('call 0');
    // Only the rollovers left the script (a snapshot copies those four entries, not the writes).
    expect(q.entries().map((e) => e.event).sort()).toEqual(['rollover 0', 'rollover 1', 'rollover 2', 'rollover 3']);
    const order = [];
    for (let e = q.pop(); e; e = q.pop()) order.push(e.event);
    expect(order).toEqual([...Array.from({ length: 999 }, (_, t) => `call ${t + 1}`), 'rollover 0', 'rollover 1', 'rollover 2', 'rollover 3']);
  });

  it('pops a long script with a few outliers (and ties) in (time, push order), as a sorted one', () => {
    // A script in time order with some entries anywhere else (ahead, behind, on a tie): the entries
    // set aside and the script left must pop together exactly as one sorted list, before and after
    // later pushes (which go to the heap with the outliers).
    const outlier = fc.record({ at: fc.nat({ max: 399 }), timeMs: fc.integer({ min: 0, max: 5000 }) });
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 400 }), fc.array(outlier, { maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 20 }), (n, outliers, later) => {
        const times = Array.from({ length: n }, (_, i) => i * 10);
        for (const o of outliers) times.splice(Math.min(o.at, times.length), 0, o.timeMs);
        const q = new EventQueue<number>();
        const model = times.map((t) => ({ timeMs: t, seq: q.push(t, t) }));
        const got: number[] = [];
        const first = q.pop();
        if (first) got.push(first.seq);
        for (const t of later) model.push({ timeMs: Math.max(t, first?.timeMs ?? 0), seq: q.push(Math.max(t, first?.timeMs ?? 0), t) });
        for (let e = q.pop(); e !== undefined; e = q.pop()) got.push(e.seq);
        model.sort((a, b) => a.timeMs - b.timeMs || a.seq - b.seq);
        expect(got).toStrictEqual(model.map((m) => m.seq));
      }),
      { numRuns: 300 },
    );
  });

  it('lets go of script chunks it has read, while a copy taken earlier still reads them', () => {
    const q = new EventQueue<number>();
    for (let t = 0; t < 10_000; t++) q.push(t, t);
    for (let i = 0; i < 100; i++) q.pop();
    const copy = q.clone();
    for (let i = 100; i < 9_000; i++) expect(q.pop()?.event).toBe(i);
    // The running queue keeps no chunk it has read to its end (their events are done).
    expect((q as unknown as { chunks: unknown[] }).chunks.filter((c) => c !== undefined)).toHaveLength(1);
    const rest: number[] = [];
    for (let e = copy.pop(); e; e = copy.pop()) rest.push(e.event);
    expect(rest).toEqual(Array.from({ length: 9_900 }, (_, i) => i + 100));
    expect(q.size).toBe(1_000);
  });

  it('takes back the last push from the script before the run starts', () => {
    const q = new EventQueue<string>();
    q.push(0, 'a');
    q.push(10, 'b');
    expect(q.removeLast().event).toBe('b');
    expect(q.size).toBe(1);
    expect(q.pushed).toBe(1);
  });

  it('pops a script in (time, push order) whether pushed in order or not, with pushes taken back', () => {
    // Mostly steps forward (a script in time order), sometimes back, sometimes a push taken back.
    const step = fc.oneof(fc.integer({ min: 0, max: 5 }).map((d) => ({ d })), fc.integer({ min: -20, max: -1 }).map((d) => ({ d })), fc.constant({ undo: true as const }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
        const q = new EventQueue<number>();
        const model: Array<{ timeMs: number; seq: number }> = [];
        let t = 30;
        for (const s of steps) {
          if ('undo' in s) {
            if (model.length === 0) continue;
            expect(q.removeLast().seq).toBe(model.pop()!.seq);
          } else {
            t = Math.max(0, t + s.d);
            model.push({ timeMs: t, seq: q.push(t, 0) });
          }
        }
        model.sort((a, b) => a.timeMs - b.timeMs || a.seq - b.seq);
        const got: number[] = [];
        for (let e = q.pop(); e !== undefined; e = q.pop()) got.push(e.seq);
        expect(got).toStrictEqual(model.map((m) => m.seq));
      }),
      { numRuns: 300 },
    );
  });
});
