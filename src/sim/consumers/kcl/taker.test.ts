import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { computeLeasesToTake, isExpired, observeScan, targetPerWorker } from './taker.ts';
import type { Lease } from './leaseTable.ts';
import type { ObservedLease } from './state.ts';

const S = { failoverMs: 10_000, maxLeasesToStealAtOneTime: 1 };

function lease(key: string, owner: string | undefined, counter = 1): Lease {
  return { leaseKey: key, ...(owner ? { leaseOwner: owner } : {}), leaseCounter: counter, checkpoint: 'TRIM_HORIZON', ownerSwitchesSinceCheckpoint: 0, parentShardIds: [] };
}

describe('lease taker (reference §7.3)', () => {
  test('check 62: expiry is judged by the observer — unchanged counter for longer than failover across scans', () => {
    let mem = observeScan(new Map(), [lease('a', 'w1', 5)], 0);
    expect(isExpired(mem.get('a')!, 0, 10_000)).toBe(false); // first seen owned: renewed as of this scan
    mem = observeScan(mem, [lease('a', 'w1', 6)], 20_000);
    expect(isExpired(mem.get('a')!, 20_000, 10_000)).toBe(false); // counter moved
    mem = observeScan(mem, [lease('a', 'w1', 6)], 40_050);
    expect(isExpired(mem.get('a')!, 40_050, 10_000)).toBe(true); // stood still 20 s
    // An unowned lease is takeable at once.
    expect(isExpired(observeScan(new Map(), [lease('b', undefined)], 0).get('b')!, 0, 10_000)).toBe(true);
  });

  test('maxLeasesForWorker caps what one worker takes (KCL logs a warning and lowers its target)', () => {
    const mem = observeScan(new Map(), ['a', 'b', 'c', 'd'].map((k) => lease(k, undefined)), 0);
    expect(computeLeasesToTake('w1', mem, 0, S)).toHaveLength(4);
    expect(computeLeasesToTake('w1', mem, 0, { ...S, maxLeasesForWorker: 2 }).map((d) => d.lease.leaseKey)).toEqual(['a', 'b']);
  });

  test('check 71: target is ceil(L/W)', () => {
    expect(targetPerWorker(4, 2)).toBe(2);
    expect(targetPerWorker(5, 2)).toBe(3);
    expect(targetPerWorker(2, 3)).toBe(1);
  });

  test('check 71: 2 workers and 4 leases end 2/2, stealing one lease per taker run', () => {
    const leases = ['a', 'b', 'c', 'd'].map((k) => lease(k, 'w1'));
    let mem: Map<string, ObservedLease> = new Map();
    const counts = (): Record<string, number> => leases.reduce<Record<string, number>>((m, l) => ({ ...m, [l.leaseOwner!]: (m[l.leaseOwner!] ?? 0) + 1 }), {});
    for (let run = 0; run < 4; run++) {
      const now = run * 20_050;
      // w1 renews between scans, so its leases never look expired.
      for (const l of leases) l.leaseCounter++;
      mem = observeScan(mem, leases.map((l) => ({ ...l })), now);
      const take = computeLeasesToTake('w2', mem, now, S);
      expect(take.length).toBeLessThanOrEqual(1);
      for (const d of take) {
        expect(d.reason).toBe('stolen');
        const l = leases.find((x) => x.leaseKey === d.lease.leaseKey)!;
        l.leaseOwner = 'w2';
      }
    }
    expect(counts()).toEqual({ w1: 2, w2: 2 });
  });

  test('check 71: expired leases are taken first and nothing is stolen while any is expired', () => {
    const mem = observeScan(new Map(), [lease('a', 'w1'), lease('b', 'w1'), lease('c', 'w1'), lease('d', undefined)], 0);
    const take = computeLeasesToTake('w2', mem, 0, S);
    expect(take.map((d) => [d.lease.leaseKey, d.reason])).toEqual([['d', 'new']]);
  });

  test('check 71 (property): never more than the target, never steals more than maxLeasesToStealAtOneTime', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ owner: fc.constantFrom('w1', 'w2', 'w3', undefined), counter: fc.nat(5), stale: fc.boolean() }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 3 }),
        (rows, maxSteal) => {
          const leases = rows.map((r, i) => lease(`s${String(i).padStart(2, '0')}`, r.owner, r.counter));
          let mem = observeScan(new Map(), leases, 0);
          mem = observeScan(mem, leases.map((l, i) => (rows[i]!.stale ? l : { ...l, leaseCounter: l.leaseCounter + 1 })), 20_050);
          const take = computeLeasesToTake('w4', mem, 20_050, { failoverMs: 10_000, maxLeasesToStealAtOneTime: maxSteal });
          const stolen = take.filter((d) => d.reason === 'stolen');
          const expired = [...mem.values()].filter((o) => isExpired(o, 20_050, 10_000));
          if (expired.length > 0) expect(stolen).toEqual([]);
          expect(stolen.length).toBeLessThanOrEqual(maxSteal);
          expect(take.length).toBeLessThanOrEqual(leases.length);
          expect(new Set(take.map((d) => d.lease.leaseKey)).size).toBe(take.length);
        },
      ),
    );
  });
});
