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

describe('legend entries for what the marks draw', () => {
  it('explains TTL deletes (the service’s) apart from user deletes, and the in-flight delivery dot', () => {
    const labels = legendEntries([], ['archiver'], 1200).entries.map((e) => e.label);
    expect(labels).toContain('REMOVE');
    expect(labels).toContain('REMOVE by TTL (the service, not a user)');
    expect(labels).toContain('batch on its way to the consumer');
  });
});
