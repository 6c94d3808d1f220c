import { describe, expect, it } from 'vitest';
import { leaseHoldersOf, legendEntries } from './Legend.tsx';

describe('legend', () => {
  it('names lease holders only: Lambda lanes hold no lease, KCL workers keep their colour index', () => {
    const lambda = leaseHoldersOf({ workers: ['lane-0'], leases: { worker: new Uint16Array(0) } });
    expect(legendEntries(lambda, ['counter'], 1200).entries.map((e) => e.label)).not.toContain('lease: lane-0');
    const kcl = leaseHoldersOf({ workers: ['lane-0', 'worker-2'], leases: { worker: Uint16Array.from([1, 1]) } });
    expect(kcl).toEqual(['', 'worker-2']);
    expect(legendEntries(kcl, ['app'], 1200).entries.map((e) => e.label)).toContain('lease: worker-2');
  });
});
