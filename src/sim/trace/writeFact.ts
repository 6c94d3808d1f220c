/**
 * The `write` fact of a row in the world's write columns (`writeColumns.ts`): it holds the time,
 * the columns and the row, and reads the rest through getters. Its JSON (trace hash, golden
 * files) is the object fact's, key for key and with the same optional keys: `toJSON` spells it
 * out. Absent optional fields read as undefined. A spread or a structured clone drops the getters
 * (`t` and `type` included). `columns` sits on the prototype of a subclass made once per write
 * columns, so the row is the fact's one own field (a million facts in a long run, issue #16).
 * Make one with `WriteFact.of(columns, index)`.
 */
import type { Item } from '../table/attributeValue.ts';
import type { WriteColumns, WriteOutcome } from './writeColumns.ts';
import { ColumnFactClasses } from './columnFactClass.ts';
import type { TraceEvent } from './events.ts';
import type { RowFactBuilder } from './trace.ts';

interface WriteJson {
  t: number;
  type: 'write';
  table: string;
  op: string;
  key: Item;
  keyString: string;
  outcome: WriteOutcome;
  newItem?: Item;
  byService?: boolean;
  region?: string;
}

export class WriteFact {
  /** On the prototype of the columns' subclass (`of`), not on each fact. */
  declare readonly columns: WriteColumns;
  /** Declared, not a class field: a field would be defined on every fact before the constructor sets it. */
  declare readonly index: number;

  protected constructor(index: number) {
    (this as { index: number }).index = index;
  }

  /** The fact of row `index` of `columns`; its time is the row's. */
  static of(columns: WriteColumns, index: number): WriteFact {
    return columnsClasses.of(columns, index);
  }

  get t(): number {
    return this.columns.timeAt(this.index);
  }

  get type(): 'write' {
    return 'write';
  }

  get table(): string {
    return this.columns.tableAt(this.index);
  }

  get op(): string {
    return this.columns.opAt(this.index);
  }

  get key(): Item {
    return this.columns.keyAt(this.index);
  }

  get keyString(): string {
    return this.columns.keyStringAt(this.index);
  }

  get outcome(): WriteOutcome {
    return this.columns.outcomeAt(this.index);
  }

  get newItem(): Item | undefined {
    return this.columns.newItemAt(this.index);
  }

  get byService(): true | undefined {
    return this.columns.byServiceAt(this.index) ? true : undefined;
  }

  get region(): string | undefined {
    return this.columns.regionAt(this.index);
  }

  toJSON(): WriteJson {
    const out: WriteJson = { t: this.t, type: this.type, table: this.table, op: this.op, key: this.key, keyString: this.keyString, outcome: this.outcome };
    const newItem = this.newItem;
    if (newItem) out.newItem = newItem;
    if (this.columns.byServiceAt(this.index)) out.byService = true;
    const region = this.region;
    if (region !== undefined) out.region = region;
    return out;
  }
}

/** Builds a trace row's `write` fact (`Trace.pushRow`): frozen, so snapshots share it. */
export const writeFactOf: RowFactBuilder<WriteColumns> = Object.freeze((columns: WriteColumns, row: number) => WriteFact.of(columns, row) as unknown as TraceEvent);

/** The subclass whose prototype holds each `WriteColumns` (one per world, and one per fork). */
const columnsClasses = new ColumnFactClasses<WriteColumns, WriteFact>(
  () =>
    class ColumnsWriteFact extends WriteFact {
      constructor(i: number) {
        super(i);
      }
    },
  'columns',
);
