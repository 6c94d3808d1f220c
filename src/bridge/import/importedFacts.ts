/**
 * An imported record's two trace facts, light (issue #16: a million records, 10 million within
 * 2 GB): each holds its time, key string and record, and reads the rest from the record and from
 * its class's prototype (the table; the lane's stream and shard), instead of eight and six fields
 * of its own. Field for field they read as the object facts `trace.ts` made before, and their JSON
 * (`toJSON`) is that object's, key for key. Like the core's column facts (`WriteFact`,
 * `AppendedRecordFact`), a spread or a structured clone would drop the getters: code copies the
 * fields it needs.
 *
 * Pure. May import: sim types, ../types.ts (types). May not import: DOM, sim runtime, worker, ui.
 */
import type { StreamRecord } from '../../sim/stream/record.ts';
import type { Item } from '../../sim/table/attributeValue.ts';
import type { RecordHead, WriteSource } from '../types.ts';

const OPS: Record<StreamRecord['eventName'], string> = { INSERT: 'INSERT (imported record)', MODIFY: 'MODIFY (imported record)', REMOVE: 'REMOVE (imported record)' };

/** The `write` fact of an imported record: the item as the record shows it (NewImage, or the keys alone). */
export abstract class ImportedWrite {
  abstract readonly table: string;

  constructor(
    readonly t: number,
    readonly keyString: string,
    private readonly source: WriteSource,
  ) {}

  get type(): 'write' {
    return 'write';
  }

  get op(): string {
    return OPS[this.source.eventName];
  }

  get key(): Item {
    return this.source.dynamodb.Keys;
  }

  get outcome(): StreamRecord['eventName'] {
    return this.source.eventName;
  }

  get newItem(): Item | undefined {
    const d = this.source.dynamodb;
    return this.source.eventName === 'REMOVE' ? undefined : (d.NewImage ?? d.Keys);
  }

  /**
   * `newItem !== undefined`, without parsing the item (an imported run keeps its images as text:
   * ./itemTexts.ts). The fold and the item history ask this of every write (worker/itemHistory.ts `setsItem`).
   */
  get setsItem(): boolean {
    return this.source.eventName !== 'REMOVE';
  }

  /** A deletion the service made (TTL) carries `userIdentity`. */
  get byService(): true | undefined {
    return this.source.userIdentity ? true : undefined;
  }

  toJSON(): object {
    const { t, type, table, op, key, keyString, outcome, newItem, byService } = this;
    return { t, type, table, op, key, keyString, outcome, ...(newItem ? { newItem } : {}), ...(byService ? { byService } : {}) };
  }
}

/** Where an imported run's records are built when read (./recordColumns.ts). */
export interface RecordSource {
  record(index: number): StreamRecord;
  head(index: number): RecordHead;
}

/**
 * The `record-appended` fact of an imported record on its lane. Its record is built when read: the
 * passes over a million facts that look at each one's type and time (the fold's snapshots, the event
 * log) do not spell out its strings.
 */
export abstract class ImportedAppend {
  abstract readonly streamArn: string;
  abstract readonly shardId: string;

  private spelt: RecordHead | undefined;

  /** `from`: the record itself, or the list it is record `index` of. */
  constructor(
    readonly t: number,
    readonly keyString: string,
    private readonly from: StreamRecord | RecordSource,
    private readonly index?: number,
  ) {}

  get record(): StreamRecord {
    return this.index === undefined ? (this.from as StreamRecord) : (this.from as RecordSource).record(this.index);
  }

  /**
   * The record without its images, which columns then do not parse (worker/factReads.ts). Kept
   * once read: the placing pass reads it twice, for the hash and the index (a million heads spelt
   * twice were half a second), and the fact itself is dropped after the pass.
   */
  get head(): RecordHead {
    return this.index === undefined ? (this.from as StreamRecord) : (this.spelt ??= (this.from as RecordSource).head(this.index));
  }

  get type(): 'record-appended' {
    return 'record-appended';
  }

  toJSON(): object {
    return { t: this.t, type: this.type, streamArn: this.streamArn, shardId: this.shardId, keyString: this.keyString, record: this.record };
  }
}

export type WriteClass = new (t: number, keyString: string, record: WriteSource) => ImportedWrite;
export type AppendClass = new (t: number, keyString: string, from: StreamRecord | RecordSource, index?: number) => ImportedAppend;

/** The write facts' class of one import: its table on the prototype. */
export function writeClass(table: string): WriteClass {
  class Write extends ImportedWrite {
    declare readonly table: string;
  }
  Object.defineProperty(Write.prototype, 'table', { value: table });
  return Write;
}

/** The record facts' class of one lane: its stream and shard on the prototype. */
export function appendClass(streamArn: string, shardId: string): AppendClass {
  class Append extends ImportedAppend {
    declare readonly streamArn: string;
    declare readonly shardId: string;
  }
  Object.defineProperty(Append.prototype, 'streamArn', { value: streamArn });
  Object.defineProperty(Append.prototype, 'shardId', { value: shardId });
  return Append;
}
