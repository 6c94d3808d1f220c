import { describe, expect, it } from 'vitest';
import { callgrindSelfCosts, callgrindTotals, collectorInstructions, perfMap } from './callgrindCounts.ts';

// A dump as callgrind 3.19 writes one (name compression, relative positions, a call's inclusive cost).
const DUMP = `# callgrind format
version: 1
pid: 4242
positions: line
events: Ir D1mr D1mw DLmr DLmw
summary: 0

ob=(1) /usr/bin/node
fl=(1) ???
fn=(1) 0x0000000000001010
0 100 4 1 2 0
+1 50 1 0 1 0
cfn=(2) Builtins_StringEqual
calls=1 0
0 30 2 0 0 0
fn=(2)
0 30 2 0 0 0
fn=(3) 0x0000000000001100
0 20 0 0 0 0
fn=(4) 0x0000000000009000
0 7 0 0 0 0
fn=(1)
0 5 0 0 0 0

totals: 212 7 1 3 0
`;

const MAP = `1000 80 JS:*commitChange core.mjs:10:1
10f0 40 LazyCompile:*append core.mjs:20:1
`;

describe('callgrindTotals', () => {
  it('reads the totals under their event names', () => {
    expect(callgrindTotals(DUMP)).toEqual({ Ir: 212, D1mr: 7, D1mw: 1, DLmr: 3, DLmw: 0 });
  });

  it('refuses text that is not a dump', () => {
    expect(() => callgrindTotals('hello')).toThrow(/not a callgrind dump/);
  });
});

describe('callgrindSelfCosts', () => {
  it("counts each function's own lines, not a call's inclusive cost, and names JIT addresses by the perf map", () => {
    const costs = callgrindSelfCosts(DUMP, perfMap(MAP));
    // 0x1010 is commitChange's (twice: its own lines after the call and a later block of it).
    expect(costs.get('*commitChange core.mjs:10:1')).toEqual({ Ir: 155, D1mr: 5, D1mw: 1, DLmr: 3, DLmw: 0 });
    expect(costs.get('Builtins_StringEqual')?.Ir).toBe(30);
    expect(costs.get('*append core.mjs:20:1')?.Ir).toBe(20);
    // An address no map line covers.
    expect(costs.get('JIT code (unnamed)')?.Ir).toBe(7);
    const all = [...costs.values()].reduce((s, c) => s + c.Ir!, 0);
    expect(all).toBe(212);
  });
});

describe('collectorInstructions', () => {
  it("sums the collectors' functions, not the heap's allocation", () => {
    const costs = new Map<string, Record<string, number>>([
      ['heap::base::SlotCallbackResult v8::internal::Scavenger::ScavengeObject<v8::internal::FullHeapObjectSlot>(v8::internal::FullHeapObjectSlot, v8::internal::HeapObject)', { Ir: 300 }],
      ['v8::internal::MarkCompactCollector::CollectGarbage()', { Ir: 20 }],
      ['v8::internal::Heap::AllocateExternalBackingStore(std::function<void* (unsigned long)> const&, unsigned long)', { Ir: 9 }],
      ['*commitChange core.mjs:10:1', { Ir: 1000 }],
    ]);
    expect(collectorInstructions(costs)).toBe(320);
  });
});
