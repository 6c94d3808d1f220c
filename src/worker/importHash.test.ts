// The imported run's hash (./importHash.ts) is FNV-1a over one line a fact: fed in parts, it must
// stay the hash of the joined lines, so the same file keeps the hash it had.
import { describe, expect, it } from 'vitest';
import { ImportHasher } from './importHash.ts';
import { TraceHasher } from '../sim/trace/hash.ts';
import type { TraceEvent } from '../sim/trace/events.ts';

/** The lines as the hasher's comment spells them, hashed joined. */
class JoinedLines extends TraceHasher {
  line(s: string) {
    this.updateString(s);
  }
}

describe('ImportHasher', () => {
  it('hashes each fact as its joined line', () => {
    const record = { eventID: 'e1', eventName: 'INSERT', eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'us-east-1', dynamodb: { Keys: { pk: { S: 'a' } }, SequenceNumber: '100000000000000000001', SizeBytes: 10, StreamViewType: 'KEYS_ONLY' } };
    const facts = [
      { t: 0, type: 'shard-opened', streamArn: 's', shardId: 'shard-1', partition: 0, startingSequenceNumber: '1' },
      { t: 1_500, type: 'write', table: 'T', op: 'INSERT (imported record)', key: { pk: { S: 'a' } }, keyString: 'S1:a', outcome: 'INSERT', newItem: { pk: { S: 'a' } } },
      { t: 1_500, type: 'record-appended', streamArn: 's', shardId: 'shard-1', keyString: 'S1:a', record },
    ] as unknown as TraceEvent[];
    const hasher = new ImportHasher();
    for (const f of facts) hasher.update(f);
    const joined = new JoinedLines();
    joined.line(`${JSON.stringify(facts[0])}\n`);
    joined.line('1500|w|S1:a|INSERT\n');
    joined.line('1500|r|shard-1|e1|100000000000000000001|INSERT\n');
    expect(hasher.digest()).toBe(joined.digest());
  });
});
