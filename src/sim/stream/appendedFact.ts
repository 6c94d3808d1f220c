/**
 * The `record-appended` fact of a record in a shard's columns: it holds the time, the shard's
 * columns and the row, and reads everything else from them (the record itself is built when read,
 * `ShardRecords.recordAt`). Its JSON (the trace hash, golden files, exports) is the object-graph
 * fact's, key for key: `toJSON` spells it out in the same order.
 *
 * It is an object with getters: a spread (`{...fact}`) or a structured clone would drop them, so
 * code that copies facts copies the fields it needs. Even `t` and `type` are getters (read from the
 * row and the prototype), and `records` sits on the prototype of a subclass made once per shard's
 * columns: the row is the fact's one own field, a million facts in a long run (issue #16).
 * Make one with `AppendedRecordFact.of(records, index)`.
 */
import type { StreamRecord } from './record.ts';
import type { ShardRecords } from './recordStore.ts';
import { ColumnFactClasses } from '../trace/columnFactClass.ts';
import type { TraceEvent } from '../trace/events.ts';
import type { RowFactBuilder } from '../trace/trace.ts';

export class AppendedRecordFact {
  /** On the prototype of the shard's subclass (`of`), not on each fact. */
  declare readonly records: ShardRecords;
  /** Declared, not a class field: a field would be defined on every fact before the constructor sets it. */
  declare readonly index: number;

  protected constructor(index: number) {
    (this as { index: number }).index = index;
  }

  /** The fact of row `index` of `records`; its time is the row's append time. */
  static of(records: ShardRecords, index: number): AppendedRecordFact {
    return shardClasses.of(records, index);
  }

  get t(): number {
    return this.records.timeAt(this.index);
  }

  get type(): 'record-appended' {
    return 'record-appended';
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

/** The subclass whose prototype holds each shard's columns (a shard has one `ShardRecords` for its life). */
const shardClasses = new ColumnFactClasses<ShardRecords, AppendedRecordFact>(
  () =>
    class ShardRecordFact extends AppendedRecordFact {
      constructor(i: number) {
        super(i);
      }
    },
  'records',
);

/** Builds a trace row's `record-appended` fact (`Trace.pushRow`): frozen, so snapshots share it. */
export const appendedFactOf: RowFactBuilder<ShardRecords> = Object.freeze((records: ShardRecords, row: number) => AppendedRecordFact.of(records, row) as unknown as TraceEvent);
