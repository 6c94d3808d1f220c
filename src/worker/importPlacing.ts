/**
 * The placing pass of an imported run: each fact of the imported trace, in order, hashed
 * (./importHash.ts) and indexed (./indexBuilder.ts). A record's two facts are read in the import's
 * columns (`ImportedFacts.recordFacts`): its time, lane, key number, event name and identity as
 * they are kept, its sequence number copied entry to entry (`SeqTexts.pushFrom`), and only the hash
 * given its eventID and sequence number as text. Building each record's facts and spelling its head
 * (eventID, sequence number, body), for the index to parse the sequence number back and look its lane
 * and key up by text, was the index's 60 % of the pass (session 18, a profile at 200,000 records). The
 * hash and the index come out as the facts' own would (importPlacing.test.ts holds them equal).
 *
 * Records kept as objects (pasted text, a stream sent to the worker: small) go through their facts.
 *
 * May import: ./indexBuilder.ts (type), ./importHash.ts (type), ./columns.ts, ./column.ts, ./view.ts (key summaries), sim's record
 * constants, bridge types. May not import: ui, Worker globals.
 */
import type { ImportedFacts, ImportedRecordFacts } from '../bridge/import/trace.ts';
import type { SeqTexts } from '../bridge/seqTexts.ts';
import type { ImportHasher } from './importHash.ts';
import { TTL_SERVICE_IDENTITY } from '../sim/stream/record.ts';
import type { Builder } from './indexBuilder.ts';
import { EVENT_NAMES } from './columns.ts';
import { Column } from './column.ts';
import { keySummary } from './view.ts';

/** An import lane as the builder knows it (found once its shard is opened). */
interface PlacedLane {
  lane: number;
  table: string;
  /** The builder's key number per import key number, for the lane's table. */
  keys: number[];
}

export class ImportPlacing {
  private readonly parts: ImportedRecordFacts;
  /** The records' own sequence numbers (columns), or undefined: records kept as objects. */
  private readonly seqs: SeqTexts | undefined;
  private readonly lanes: Array<PlacedLane | undefined> = [];
  private readonly keysByTable = new Map<string, number[]>();
  /** Records per import lane, counted when the first lane opens. */
  private laneCounts: Int32Array | undefined;

  constructor(
    private readonly trace: ImportedFacts,
    private readonly hasher: ImportHasher,
    private readonly builder: Builder,
  ) {
    this.parts = trace.recordFacts();
    const records = this.parts.records as { sequenceTexts?: () => SeqTexts };
    this.seqs = typeof records.sequenceTexts === 'function' ? records.sequenceTexts() : undefined;
    // Each record's row, made room for at once: grown by a quarter, each column was some fifty
    // fresh, zero-filled buffers and copies over a million records (a sixth of the placing in a
    // Chromium profile).
    const n = this.parts.records.length;
    if (builder.rec.fact.length === 0) Object.assign(builder.rec, { lane: Column.of(Uint16Array, n), event: Column.of(Uint8Array, n), key: Column.of(Uint32Array, n), ordinal: Column.of(Uint32Array, n), byService: Column.of(Uint8Array, n) });
  }

  /** Hashes and indexes fact `f` (facts are placed in order, from 0). */
  place(f: number): void {
    const ref = this.seqs === undefined ? -1 : this.trace.ref(f)!;
    if (ref >= 0 && this.placeRecordFact(f, ref)) return;
    const fact = this.trace.at(f)!;
    this.hasher.update(fact);
    this.builder.add(fact, f);
  }

  /** A record's write (`ref` even) or record-appended fact from the columns; false to place it as a fact. */
  private placeRecordFact(f: number, ref: number): boolean {
    const { records, times, keyIdOf, keyStrings, laneIds, shardIds } = this.parts;
    const i = ref >> 1;
    const t = times[i]!;
    const eventName = records.eventName(i);
    const key = keyIdOf(i);
    const b = this.builder;
    if ((ref & 1) === 0) {
      this.hasher.updateWrite(t, keyStrings[key]!, eventName);
      // All `Builder.add` keeps of a write.
      b.times.push(t);
      b.writeFacts.push(f);
      return true;
    }
    const laneId = laneIds[i]!;
    const lane = this.lanes[laneId] ?? this.findLane(laneId);
    if (lane === undefined) return false;
    const k = (lane.keys[key] ??= b.key(lane.table, keyStrings[key]!, () => keySummary(records.keys(i), b.tableKeys.get(lane.table) ?? [])));
    this.hasher.updateRecord(t, shardIds[laneId]!, records.eventID(i), records.sequenceNumber(i), eventName);
    // `Builder.add` and `addRecord`'s row (here, in the import's chunk: the worker's core is kept
    // small), the sequence number copied and compared in columns. The eventID is not indexed: only a
    // record-processed fact looks a record up by it, and an imported trace has none
    // (bridge/import/trace.ts makes tables, lanes, writes, records and findings only).
    b.times.push(t);
    const r = b.rec.fact.length;
    b.rec.seq.pushFrom(this.seqs!, i);
    b.recBySeq.setAt(lane.lane, r, this.compareSeqs);
    b.rec.fact.push(f);
    b.rec.lane.push(lane.lane);
    b.rec.event.push(Math.max(0, EVENT_NAMES.indexOf(eventName)));
    b.rec.key.push(k);
    const list = b.laneRecords[lane.lane]!;
    list.push(r);
    b.rec.ordinal.push(list.length);
    b.rec.byService.push(records.identity(i)?.PrincipalId === TTL_SERVICE_IDENTITY.PrincipalId ? 1 : 0);
    b.deliveries.addRecord();
    return true;
  }

  /**
   * Two placed records' sequence numbers in the index's lane order (`compareSeq`: the shorter
   * first, then by character), compared in the columns (`SeqTexts.compare`, as numbers): the same
   * order for an import's, which are digits without leading zeros (the scanner and zod take only
   * digits, and both drop leading zeros).
   */
  private readonly compareSeqs = (a: number, b: number): number => this.builder.rec.seq.compare(a, b);

  /** The builder's lane for import lane `laneId`, once its shard-opened fact is placed. */
  private findLane(laneId: number): PlacedLane | undefined {
    const lane = this.builder.laneByShard.get(this.parts.shardIds[laneId]!);
    if (lane === undefined) return undefined;
    // The lane's list of records, made room for at once (every lane's records counted in one pass).
    if (this.laneCounts === undefined) {
      this.laneCounts = new Int32Array(this.parts.shardIds.length);
      for (const id of this.parts.laneIds) this.laneCounts[id]!++;
    }
    if (this.builder.laneRecords[lane]?.length === 0) this.builder.laneRecords[lane] = Column.of(Uint32Array, this.laneCounts[laneId]);
    const table = this.builder.streamTable.get(this.parts.streamArns[laneId]!) ?? '';
    let keys = this.keysByTable.get(table);
    if (!keys) this.keysByTable.set(table, (keys = []));
    return (this.lanes[laneId] = { lane, table, keys });
  }
}
