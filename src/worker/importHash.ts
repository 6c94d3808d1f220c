/**
 * The trace hash of an imported run, from what identifies each fact rather than its whole JSON:
 * serialising every record of a million-record import costs seconds (most of the placing time),
 * and an import has no golden trace to match. Records count by time, shard, eventID, sequence
 * number and event; writes by time, key and outcome; every other fact (tables, shards, findings:
 * a handful) by its JSON. The same file gives the same hash; so does any edit a reader would see
 * on the timeline. FNV-1a (64-bit as two 32-bit halves), like sim/trace/hash.ts.
 *
 * Pure. May import: sim trace types. May not import: ui, Worker globals.
 */
import type { TraceEvent } from '../sim/trace/events.ts';

const PRIME_LO = 0x1b3;

export class ImportHasher {
  private hi = 0xcbf29ce4;
  private lo = 0x84222325;

  update(fact: TraceEvent): void {
    if (fact.type === 'record-appended') {
      const r = fact.record;
      this.text(`${fact.t}|r|${fact.shardId}|${r.eventID}|${r.dynamodb.SequenceNumber}|${r.eventName}\n`);
    } else if (fact.type === 'write') this.text(`${fact.t}|w|${fact.keyString}|${fact.outcome}\n`);
    else this.text(`${JSON.stringify(fact)}\n`);
  }

  private text(s: string): void {
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < s.length; i++) {
      lo ^= s.charCodeAt(i);
      const loMul = Math.imul(lo, PRIME_LO);
      const carry = Math.floor(((lo >>> 0) * PRIME_LO) / 0x100000000);
      hi = (Math.imul(hi, PRIME_LO) + (lo << 8) + carry) | 0;
      lo = loMul;
    }
    this.hi = hi;
    this.lo = lo;
  }

  digest(): string {
    return (this.hi >>> 0).toString(16).padStart(8, '0') + (this.lo >>> 0).toString(16).padStart(8, '0');
  }
}
