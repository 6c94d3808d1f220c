// Imports read in the worker (issues 21.5, 16.3, 16.4): a file (Blob) is read as a stream while the
// run on screen stays loaded; the first bad line stops it with the importer's message; the memory
// budget refuses what would not fit; cancel() stops an import or a computation and keeps the run.
import { describe, expect, it } from 'vitest';
import { createHost } from './host.ts';
import { createImports } from './importRun.ts';
import { PLACING_SLICE } from './bridgeRuns.ts';
import { BYTES_PER_IMPORTED_RECORD, MIN_MEMORY_BUDGET_BYTES, PEAK_BYTES_PER_IMPORTED_RECORD, runMemoryBytes, runOverBudget } from './memoryBudget.ts';
import { jsonLines } from '../../tools/bench/importGen.ts';

const file = (records: number, duplicateEvery = 0) => new Blob([...jsonLines(records, { duplicateEvery }, 500)]);

describe('importStream: a file read in the worker', () => {
  it('reads JSON Lines from a file while the run on screen stays, then loads it by id', async () => {
    const host = createHost();
    const before = await host.load('voting-booth');
    const progress: number[] = [];
    const r = await host.importStream(file(3000, 1000), {}, (p) => progress.push(p.records));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.records).toBe(3003);
    expect(r.memoryBytes).toBe(3003 * BYTES_PER_IMPORTED_RECORD);
    expect(await host.traceHash()).toBe(before.traceHash);
    expect(progress.at(-1)).toBe(3003);
    const shown = await host.load({ importId: r.importId });
    expect(shown.imported).toMatchObject({ records: 3003, lanes: 1, findingCounts: { duplicate: 3 }, memoryBytes: r.memoryBytes });
    expect(shown.imported?.findingsSummary).toBe('3 duplicates');
    expect(shown.memoryBytes).toBe(r.memoryBytes);
    await expect(host.load({ importId: r.importId + 100 })).rejects.toMatchObject({ name: 'invalid-import' });
  });

  it('shows a record of the imported file as the file spells it (records are kept as columns and built when read)', async () => {
    const host = createHost();
    const text = [...jsonLines(300)].join('');
    const r = await host.importStream(new Blob([text]));
    if (!r.ok) throw new Error(r.error.message);
    const shown = await host.load({ importId: r.importId });
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { dynamodb: { SequenceNumber: string } });
    const shardId = (await host.frame({ atMs: 0 })).lanes[0]!.shardId;
    for (const k of [0, 150, 299]) {
      const frame = await host.frame({ atMs: shown.durationMs, selected: { shardId, sequenceNumber: lines[k]!.dynamodb.SequenceNumber } });
      // As the page gets it: a structured clone, images and all.
      expect(JSON.stringify(structuredClone(frame.selectedRecord))).toBe(JSON.stringify({ ...lines[k], eventSource: 'aws:dynamodb' }));
    }
  });

  it('stops at the first line that is not a stream record, with its message; nothing changes', async () => {
    const host = createHost();
    const before = await host.load('voting-booth');
    const text = [...jsonLines(10)].join('') + '{"Item": {"pk": {"S": "a"}}}\n' + [...jsonLines(10)].join('');
    const r = await host.importStream(new Blob([text]));
    expect(r).toMatchObject({ ok: false, error: { reason: 'not-stream-records', details: [expect.stringMatching(/^document 11: This looks like a DynamoDB GetItem output/)] } });
    const json = await host.importStream(new Blob(['{"Records": [' + '['.repeat(5000)]));
    expect(json).toMatchObject({ ok: false, error: { reason: 'not-json', message: expect.stringMatching(/nests deeper than 128 levels/) } });
    expect(await host.traceHash()).toBe(before.traceHash);
  });

  it('refuses an import past the memory budget, saying how much and how to raise it', async () => {
    const host = createHost();
    const tooMany = Math.ceil(MIN_MEMORY_BUDGET_BYTES / PEAK_BYTES_PER_IMPORTED_RECORD) + 10;
    const r = await host.importStream(new Blob([...jsonLines(tooMany)]), { memoryBudgetBytes: MIN_MEMORY_BUDGET_BYTES });
    expect(r).toMatchObject({ ok: false, error: { reason: 'too-many-records', message: expect.stringMatching(/more than 64 MB of memory .*Raise the memory budget/) } });
  });

  it('a cancel between pieces stops the read: the import fails as cancelled and holds nothing', async () => {
    let pieces = 0;
    const cancelled = Object.assign(new Error('cancelled'), { name: 'cancelled' });
    const imports = createImports({
      bridge: () => import('./bridgeImport.ts'),
      async checkpoint() {
        if (++pieces === 1) throw cancelled;
      },
      nextRunId: () => 1,
      budgetBytes: () => 1e9,
    });
    const blob = file(2000);
    const read: number[] = [];
    const { piecesOf } = await import('./importFile.ts');
    let total = 0;
    for await (const p of piecesOf(blob, 4096)) total += p.size;
    expect(total).toBe(blob.size);
    await expect(imports.read(blob, (p) => read.push(p.read))).rejects.toBe(cancelled);
    expect(() => imports.take(1)).toThrow(/no longer held/);
  });
});

describe('placing an import: in slices, with progress and Cancel', () => {
  const imports = (checkpoint: () => Promise<void>) => createImports({ bridge: () => import('./bridgeImport.ts'), checkpoint, nextRunId: () => 1, budgetBytes: () => 1e9 });

  it('reports placing and indexing by trace facts, up to all of them', async () => {
    const seen: { phase: string; read: number; total: number }[] = [];
    const r = await imports(async () => {}).read(file(34_000), (p) => seen.push(p));
    if (!r.ok) throw new Error(r.error.message);
    const facts = seen.filter((p) => p.phase === 'placing' || p.phase === 'indexing');
    expect(new Set(facts.map((p) => p.phase))).toEqual(new Set(['placing', 'indexing']));
    expect(facts.every((p, i) => p.read <= p.total && (i === 0 || p.read >= facts[i - 1]!.read || p.phase !== facts[i - 1]!.phase))).toBe(true);
    expect(facts.at(-1)).toMatchObject({ phase: 'indexing', read: facts.at(-1)!.total });
    expect(facts.at(-1)!.total).toBeGreaterThan(PLACING_SLICE); // more than one slice
  });

  it('a cancel while indexing stops it: nothing is held', async () => {
    let phase = '';
    const cancelled = Object.assign(new Error('cancelled'), { name: 'cancelled' });
    const importer = imports(async () => {
      if (phase === 'indexing') throw cancelled;
    });
    await expect(importer.read(file(5_000), (p) => (phase = p.phase))).rejects.toBe(cancelled);
    expect(() => importer.take(1)).toThrow(/no longer held/);
  });
});

describe('cancel(): a computation in progress', () => {
  it('stops with `cancelled` at the next slice; the run loaded before stays', async () => {
    let slices = -1e9;
    let cancel: () => Promise<void> = async () => {};
    const host = createHost({
      async yieldSlice() {
        if (++slices === 3) await cancel();
      },
    });
    cancel = () => host.cancel();
    const before = await host.load('voting-booth');
    slices = 0;
    await expect(host.load('voting-naive-crash')).rejects.toMatchObject({ name: 'cancelled' });
    expect(await host.traceHash()).toBe(before.traceHash);
    // The next request is not cancelled by the earlier cancel.
    slices = 100;
    await expect(host.load('voting-naive-crash')).resolves.toMatchObject({ scenarioId: 'voting-naive-crash' });
  });

  it('reports the memory a run takes, and refuses one past the budget with a message', async () => {
    const host = createHost();
    const r = await host.load('voting-naive-crash', { memoryBudgetBytes: 1 }); // an absurd budget means the default
    expect(r.memoryBytes).toBe(runMemoryBytes(r.eventCount));
    expect(runOverBudget(r.eventCount, MIN_MEMORY_BUDGET_BYTES, 1000)).toBeUndefined();
    expect(runOverBudget(300_000, MIN_MEMORY_BUDGET_BYTES, 12_500)).toMatch(/more than 64 MB of memory \(the memory budget\) by 12.5 s .*300,000 trace facts.*Raise the memory budget/);
  });
});
