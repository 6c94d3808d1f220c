/**
 * The `record-appended` fact of a record in a shard's columns: it holds the time, the shard's
 * columns and the row, and reads everything else from them (the record itself is built when read,
 * `ShardRecords.recordAt`). Its JSON (the trace hash, golden files, exports) is the object-graph
 * fact's, key for key: `toJSON` spells it out in the same order.
 *
 * It is an object with getters: a spread (`{...fact}`) or a structured clone would drop them, so
 * code that copies facts copies the fields it needs.
 */
import type { StreamRecord } from './record.ts';
import type { ShardRecords } from './recordStore.ts';

export class AppendedRecordFact {
  readonly t: number;
  readonly type = 'record-appended' as const;
  readonly records: ShardRecords;
  readonly index: number;

  constructor(t: number, records: ShardRecords, index: number) {
    this.t = t;
    this.records = records;
    this.index = index;
  }

  get streamArn(): string {
    return this.records.streamArn;
  }

  get shardId(): string {
    return this.records.shardId;
  }

  get keyString(): string {
    return this.records.keyStringAt(this.index);
  }

  /** A new object on every read, equal to every other (records are immutable data). */
  get record(): StreamRecord {
    return this.records.recordAt(this.index);
  }

  toJSON(): { t: number; type: 'record-appended'; streamArn: string; shardId: string; keyString: string; record: StreamRecord } {
    return { t: this.t, type: this.type, streamArn: this.streamArn, shardId: this.shardId, keyString: this.keyString, record: this.record };
  }
}
