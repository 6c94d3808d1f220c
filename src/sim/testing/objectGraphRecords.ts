/**
 * Test oracle: stream records as the core built them before the columnar store (issue #16), one
 * object graph per record, with BigInt sequence numbers and the eventID drawn as text. The record
 * store (`../stream/recordStore.ts`) must build the very same records on demand; the property
 * test beside it holds it to this.
 *
 * Pure (no test framework), like the rest of `src/sim/testing/`.
 */
import type { Item } from '../table/attributeValue.ts';
import { itemSize } from '../table/attributes.ts';
import type { Rng } from '../kernel/rng.ts';
import { TTL_SERVICE_IDENTITY, type EventName, type StreamRecord, type StreamRecordBody, type StreamViewType } from '../stream/record.ts';

export interface RecordInput {
  eventID: string;
  eventName: EventName;
  region: string;
  keys: Item;
  oldItem: Item | undefined;
  newItem: Item | undefined;
  sequenceNumber: string;
  viewType: StreamViewType;
  epochMs: number;
  byService: boolean;
}

function includesNew(viewType: StreamViewType): boolean {
  return viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
}

function includesOld(viewType: StreamViewType): boolean {
  return viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
}

/** Builds the record for one change of one item, following the view-type table of reference §2.3. */
export function buildRecord(r: RecordInput): StreamRecord {
  const newImage = includesNew(r.viewType) && r.eventName !== 'REMOVE' ? r.newItem : undefined;
  const oldImage = includesOld(r.viewType) && r.eventName !== 'INSERT' ? r.oldItem : undefined;
  let size = itemSize(r.keys);
  if (newImage) size += itemSize(newImage);
  if (oldImage) size += itemSize(oldImage);
  // Built field by field rather than with conditional spreads (which allocate a temporary object
  // each): the same keys in the same order, so the JSON (and every trace hash) is unchanged.
  const body = { ApproximateCreationDateTime: Math.floor(r.epochMs / 1000), Keys: r.keys } as StreamRecordBody;
  if (newImage) body.NewImage = newImage;
  if (oldImage) body.OldImage = oldImage;
  body.SequenceNumber = r.sequenceNumber;
  body.SizeBytes = Math.max(1, size);
  body.StreamViewType = r.viewType;
  const rec: StreamRecord = {
    eventID: r.eventID,
    eventName: r.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: r.region,
    dynamodb: body,
  };
  if (r.byService) rec.userIdentity = TTL_SERVICE_IDENTITY;
  return rec;
}

/** The previous store of one shard: records as built, sequence numbers as BigInt. */
export class ObjectGraphShard {
  readonly records: StreamRecord[] = [];
  readonly seqs: bigint[] = [];
  private next: bigint;

  constructor(first: bigint) {
    this.next = first;
  }

  /** Appends as the previous `appendRecord` did: the gap added to a BigInt, the eventID drawn with `hex(32)`. */
  append(gap: number, ids: Rng, r: Omit<RecordInput, 'eventID' | 'sequenceNumber'>): StreamRecord {
    this.next += BigInt(gap);
    const rec = buildRecord({ ...r, eventID: ids.hex(32), sequenceNumber: this.next.toString() });
    this.records.push(rec);
    this.seqs.push(this.next);
    return rec;
  }

  /** Index of the first record whose sequence number is ≥ seq (> seq when `after`). */
  indexOfSequence(seq: bigint, after: boolean): number {
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const v = this.seqs[mid]!;
      if (v < seq || (after && v === seq)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
