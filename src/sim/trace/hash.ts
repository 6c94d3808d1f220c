/**
 * A stable hash of a trace: FNV-1a (64-bit, computed as two 32-bit lanes with Math.imul) over the
 * canonical JSON of each fact. JSON.stringify keeps insertion order, and facts are always built
 * with the same field order, so equal runs give equal hashes in every engine.
 */
import type { TraceEvent } from './events.ts';

const FNV_PRIME_LO = 0x1b3;
const FNV_OFFSET_HI = 0xcbf29ce4;
const FNV_OFFSET_LO = 0x84222325;

/** Incremental hasher: feed facts in order, read the digest at any point. */
export class TraceHasher {
  private hi = FNV_OFFSET_HI;
  private lo = FNV_OFFSET_LO;
  protected count = 0;

  get hashedCount(): number {
    return this.count;
  }

  update(event: TraceEvent): void {
    this.updateString(JSON.stringify(event));
    this.updateString('\n');
    this.count++;
  }

  /** Feeds text to the hash; subclasses that hash facts another way (worker/importHash.ts) use it too. */
  protected updateString(s: string): void {
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < s.length; i++) {
      lo ^= s.charCodeAt(i);
      // 64-bit multiply by the FNV prime 0x100000001b3, split into 32-bit halves. The carry into
      // the high half is floor(lo · 0x1b3 / 2^32), from lo's 16-bit halves in integers (each
      // product under 2^25): a float multiply, divide and floor per character cost twice as much.
      const carry = ((lo >>> 16) * FNV_PRIME_LO + (((lo & 0xffff) * FNV_PRIME_LO) >>> 16)) >>> 16;
      hi = (Math.imul(hi, FNV_PRIME_LO) + (lo << 8) + carry) | 0;
      lo = Math.imul(lo, FNV_PRIME_LO);
    }
    this.hi = hi;
    this.lo = lo;
  }

  digest(): string {
    return (this.hi >>> 0).toString(16).padStart(8, '0') + (this.lo >>> 0).toString(16).padStart(8, '0');
  }
}

/** The hash of a whole trace, as 16 hexadecimal digits. */
export function traceHash(trace: readonly TraceEvent[]): string {
  const h = new TraceHasher();
  for (const e of trace) h.update(e);
  return h.digest();
}
