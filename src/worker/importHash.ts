/**
 * The trace hash of an imported run, from what identifies each fact rather than its whole JSON:
 * serialising every record of a million-record import costs seconds (most of the placing time),
 * and an import has no golden trace to match. Records count by time, shard, eventID, sequence
 * number and event; writes by time, key and outcome; every other fact (tables, shards, findings:
 * a handful) by its JSON. The same file gives the same hash; so does any edit a reader would see
 * on the timeline. The same FNV-1a as sim/trace/hash.ts (it extends that hasher).
 *
 * Pure. May import: sim trace types and hash. May not import: ui, Worker globals.
 */
import type { TraceEvent } from '../sim/trace/events.ts';
import { TraceHasher } from '../sim/trace/hash.ts';
import { recordHead } from './factReads.ts';

export class ImportHasher extends TraceHasher {
  override update(fact: TraceEvent): void {
    if (fact.type === 'record-appended') {
      const r = recordHead(fact);
      this.updateString(`${fact.t}|r|${fact.shardId}|${r.eventID}|${r.dynamodb.SequenceNumber}|${r.eventName}\n`);
    } else if (fact.type === 'write') this.updateString(`${fact.t}|w|${fact.keyString}|${fact.outcome}\n`);
    else this.updateString(`${JSON.stringify(fact)}\n`);
    this.count++;
  }
}
