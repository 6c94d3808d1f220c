/**
 * The trace hash of an imported run, from what identifies each fact rather than its whole JSON:
 * serialising every record of a million-record import costs seconds (most of the placing time),
 * and an import has no golden trace to match. Records count by time, shard, eventID, sequence
 * number and event; writes by time, key and outcome; every other fact (tables, shards, findings:
 * a handful) by its JSON. The same file gives the same hash; so does any edit a reader would see
 * on the timeline. The same FNV-1a as sim/trace/hash.ts (it extends that hasher).
 *
 * Pure. May import: sim trace types and hash, ./factReads.ts. May not import: ui, Worker globals.
 */
import type { TraceEvent } from '../sim/trace/events.ts';
import { TraceHasher } from '../sim/trace/hash.ts';
import { recordHead } from './factReads.ts';

export class ImportHasher extends TraceHasher {
  /** The last time spelt, and its spelling: an import's records come ten or so to a second, and a record's two facts share theirs. */
  private lastT = NaN;
  private lastTText = '';

  private timeText(t: number): string {
    if (t !== this.lastT) {
      this.lastT = t;
      this.lastTText = String(t);
    }
    return this.lastTText;
  }

  /**
   * A record's line is `t|r|shard|eventID|sequence number|event`, a write's `t|w|key|outcome`, fed
   * part by part: the hash of the joined line, without joining it (a million joined lines were
   * 30 % of the hasher's time, their copies the collector's).
   */
  override update(fact: TraceEvent): void {
    if (fact.type === 'record-appended') {
      const r = recordHead(fact);
      this.updateRecord(fact.t, fact.shardId, r.eventID, r.dynamodb.SequenceNumber, r.eventName);
    } else if (fact.type === 'write') this.updateWrite(fact.t, fact.keyString, fact.outcome);
    else {
      this.updateString(`${JSON.stringify(fact)}\n`);
      this.count++;
    }
  }

  /** A record-appended fact, from its parts (an imported run's placing reads them from the import's columns: ./importPlacing.ts). */
  updateRecord(t: number, shardId: string, eventID: string, sequenceNumber: string, eventName: string): void {
    this.updateString(this.timeText(t));
    this.updateString('|r|');
    this.updateString(shardId);
    this.updateString('|');
    this.updateString(eventID);
    this.updateString('|');
    this.updateString(sequenceNumber);
    this.updateString('|');
    this.updateString(eventName);
    this.updateString('\n');
    this.count++;
  }

  /** A write fact, from its parts. */
  updateWrite(t: number, keyString: string, outcome: string): void {
    this.updateString(this.timeText(t));
    this.updateString('|w|');
    this.updateString(keyString);
    this.updateString('|');
    this.updateString(outcome);
    this.updateString('\n');
    this.count++;
  }
}
