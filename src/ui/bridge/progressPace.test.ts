// The import dialog's progress: a new phase at once, within a phase at most one report a period
// (the latest, once the wait is over), nothing after the import ends.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pacedProgress, type PaceClock } from './progressPace.ts';

type P = { phase: string; read: number };

/** A clock the test moves: timers run when `advance` passes their time. */
function fakeClock() {
  let now = 0;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let nextId = 1;
  const clock: PaceClock = {
    now: () => now,
    later: (run, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    cancel: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.run();
    }
    now = until;
  };
  return { clock, advance, pending: () => timers.length };
}

describe('pacedProgress', () => {
  it('shows the first report and each new phase at once, and within a phase the latest after the wait', () => {
    const { clock, advance } = fakeClock();
    const shown: [number, P][] = [];
    const pace = pacedProgress<P>((p) => shown.push([clock.now(), p]), 250, clock);
    pace.report({ phase: 'reading', read: 0 });
    advance(50);
    pace.report({ phase: 'reading', read: 1 });
    advance(50);
    pace.report({ phase: 'reading', read: 2 });
    advance(200);
    pace.report({ phase: 'placing', read: 0 });
    expect(shown).toEqual([
      [0, { phase: 'reading', read: 0 }],
      [250, { phase: 'reading', read: 2 }],
      [300, { phase: 'placing', read: 0 }],
    ]);
  });

  it('drops a report still waiting when stopped', () => {
    const { clock, advance, pending } = fakeClock();
    const shown: P[] = [];
    const pace = pacedProgress<P>((p) => shown.push(p), 250, clock);
    pace.report({ phase: 'reading', read: 0 });
    pace.report({ phase: 'reading', read: 5 });
    pace.stop();
    advance(1000);
    pace.report({ phase: 'placing', read: 1 });
    expect(shown).toEqual([{ phase: 'reading', read: 0 }]);
    expect(pending()).toBe(0);
  });

  it('never shows two reports of a phase closer than the period, and ends each burst on its latest', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ gap: fc.integer({ min: 0, max: 400 }), phase: fc.constantFrom('reading', 'placing') }), { maxLength: 60 }), (steps) => {
        const { clock, advance } = fakeClock();
        const shown: [number, P][] = [];
        const pace = pacedProgress<P>((p) => shown.push([clock.now(), p]), 250, clock);
        steps.forEach((s, i) => {
          advance(s.gap);
          pace.report({ phase: s.phase, read: i });
        });
        advance(1000);
        for (let i = 1; i < shown.length; i++) {
          if (shown[i]![1].phase === shown[i - 1]![1].phase) expect(shown[i]![0] - shown[i - 1]![0]).toBeGreaterThanOrEqual(250);
        }
        // Whatever was reported last is shown in the end.
        if (steps.length > 0) expect(shown.at(-1)![1].read).toBe(steps.length - 1);
        // In order, each at most once.
        const reads = shown.map(([, p]) => p.read);
        expect(reads).toEqual([...reads].sort((a, b) => a - b));
        expect(new Set(reads).size).toBe(reads.length);
      }),
    );
  });
});
