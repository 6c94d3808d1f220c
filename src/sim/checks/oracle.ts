/**
 * The checks' oracle: what a handler's target should hold, folded from the same per-kind
 * contributions the handlers use (handlers/kinds.ts), over *full* item states. Each source item
 * contributes what its latest record implies; the target should be the sum (counters) or the union
 * (rows) of those contributions. Incremental: replacing one item's contribution returns the target
 * keys it touched, so a check re-compares only those rows.
 *
 * Pure data structure plus read-only comparisons against a target table's items.
 */
import type { Item } from '../table/attributeValue.ts';
import { keyString, itemsEqual } from '../table/attributes.ts';
import { keyAttributeNames, type TableState } from '../table/table.ts';
import { UNKNOWN, type Contribution, type KindLogic } from '../handlers/kinds.ts';
import type { HandlerParts } from '../handlers/modes.ts';

interface ExpectedRow {
  key: Item;
  /** Rows family: the row and how many source items contribute it. */
  item?: Item;
  refs: number;
  /** Counts family: attribute → expected amount. */
  counts: Map<string, number>;
}

export class TargetOracle {
  private readonly rows = new Map<string, ExpectedRow>();
  private readonly byItem = new Map<string, Contribution>();

  constructor(private readonly parts: HandlerParts) {}

  /** Read each time: a handler learns its target's key schema when its source table appears. */
  private get names(): string[] {
    return keyAttributeNames(this.parts.targetSchema);
  }

  /** Sets what source item `itemId` contributes (undefined: nothing); returns the target keys touched. */
  set(itemId: string, c: Contribution | undefined): string[] {
    const touched: string[] = [];
    const old = this.byItem.get(itemId);
    if (old) this.apply(old, -1, touched);
    if (c) {
      this.byItem.set(itemId, c);
      this.apply(c, 1, touched);
    } else this.byItem.delete(itemId);
    return touched;
  }

  private apply(c: Contribution, sign: 1 | -1, touched: string[]): void {
    const hash = this.parts.targetSchema.hash.name;
    if ('counts' in c) {
      for (const [value, attrs] of c.counts) {
        const key: Item = { [hash]: { S: value } };
        const row = this.row(keyString(key, [hash]), key);
        for (const [a, v] of attrs) row.counts.set(a, (row.counts.get(a) ?? 0) + sign * v);
        touched.push(keyString(key, [hash]));
      }
      return;
    }
    const names = this.names;
    for (const item of c.rows) {
      const key: Item = Object.fromEntries(names.map((n) => [n, item[n]!]));
      const ks = keyString(key, names);
      const row = this.row(ks, key);
      row.refs += sign;
      if (sign > 0) row.item = item;
      touched.push(ks);
    }
  }

  private row(ks: string, key: Item): ExpectedRow {
    let row = this.rows.get(ks);
    if (!row) this.rows.set(ks, (row = { key, refs: 0, counts: new Map() }));
    return row;
  }

  /** The expected amount of a counter, or the expected row (undefined when none is expected). */
  expected(ks: string): { counts: Map<string, number> } | { item: Item | undefined } {
    const row = this.rows.get(ks);
    if (this.parts.logic.family === 'counts') return { counts: row?.counts ?? new Map() };
    return { item: row && row.refs > 0 ? row.item : undefined };
  }

  keys(): IterableIterator<string> {
    return this.rows.keys();
  }
}

/** The value of a numeric attribute, missing counted as 0. */
function amount(item: Item | undefined, attr: string): number {
  const v = item?.[attr];
  return v && 'N' in v ? Number(v.N) : 0;
}

export interface RowMismatch {
  keyString: string;
  /** In words: `votes = 3, expected 2`, `present, expected absent`. */
  detail: string;
}

/** Compares one target row with the oracle; undefined when they agree. */
export function compareRow(logic: KindLogic, oracle: TargetOracle, ks: string, actual: Item | undefined): RowMismatch | undefined {
  const exp = oracle.expected(ks);
  if ('counts' in exp) {
    const diffs = logic.counters.filter((a) => amount(actual, a) !== (exp.counts.get(a) ?? 0));
    if (diffs.length === 0) return undefined;
    return { keyString: ks, detail: diffs.map((a) => `${a} = ${amount(actual, a)}, expected ${exp.counts.get(a) ?? 0}`).join('; ') };
  }
  if (itemsEqual(actual, exp.item)) return undefined;
  const detail = !actual ? 'missing, expected present' : !exp.item ? 'present, expected absent' : 'differs from the expected item';
  return { keyString: ks, detail };
}

/** Every target row that differs from the oracle (rows of the target and rows expected). */
export function compareTable(logic: KindLogic, oracle: TargetOracle, target: TableState | undefined): RowMismatch[] {
  const keys = new Set<string>([...(target?.items.keys() ?? []), ...oracle.keys()]);
  const out: RowMismatch[] = [];
  for (const ks of [...keys].sort()) {
    const m = compareRow(logic, oracle, ks, target?.items.get(ks));
    if (m) out.push(m);
  }
  return out;
}

/**
 * The oracle a source table implies right now: every item contributes as if just inserted. Not
 * meaningful for the archiver (its truth is what TTL deleted, not what remains); returns undefined.
 */
export function oracleFromSource(parts: HandlerParts, source: TableState): TargetOracle | undefined {
  if (!parts.logic.relevant({ eventID: '', eventName: 'INSERT', keys: {}, byService: false, sequenceNumber: '0' })) return undefined;
  const names = keyAttributeNames(source.keySchema);
  const oracle = new TargetOracle(parts);
  for (const [ks, item] of source.items) {
    const keys: Item = Object.fromEntries(names.map((n) => [n, item[n]!]));
    const c = parts.logic.after({ eventID: '', eventName: 'INSERT', keys, newItem: item, byService: false, sequenceNumber: '0' }, names);
    if (c !== UNKNOWN) oracle.set(ks, c);
  }
  return oracle;
}
