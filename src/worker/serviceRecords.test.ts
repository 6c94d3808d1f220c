// TTL deletions are the service's writes (`userIdentity` dynamodb.amazonaws.com) and the timeline
// draws them apart from user deletes: the frame marks them in `records.byService`.
import { describe, expect, it } from 'vitest';
import { EVENT_NAMES } from './columns.ts';
import { createHost } from './host.ts';

describe('records of the service’s own writes', () => {
  it('ttl-archive: TTL deletes are marked as the service’s, user writes are not', async () => {
    const host = createHost({ yieldSlice: async () => {} });
    const run = await host.load('ttl-archive');
    const f = await host.frame({ atMs: run.durationMs });
    const remove = EVENT_NAMES.indexOf('REMOVE');
    let service = 0;
    for (let k = 0; k < f.records.t.length; k++) {
      if (f.records.byService[k]) {
        service++;
        expect(f.records.event[k]).toBe(remove);
      }
    }
    expect(service).toBeGreaterThan(0);
    expect([...f.records.byService].filter((b) => b === 0).length).toBeGreaterThan(0);
  });
});
