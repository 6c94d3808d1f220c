/**
 * Stream records exactly as DynamoDB Streams' GetRecords returns them (reference §2).
 *
 * Which images a record carries depends on the stream's view type (reference §2.3): an image that
 * does not exist, or that the view type leaves out, is an absent key, never `{}`. `SizeBytes` follows
 * the rule every AWS example fits: the size of Keys plus each included image. Records are immutable
 * once built.
 */
import type { Item } from '../table/attributeValue.ts';
import { itemSize } from '../table/attributes.ts';

export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
export const STREAM_VIEW_TYPES: readonly StreamViewType[] = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'];

export type EventName = 'INSERT' | 'MODIFY' | 'REMOVE';

/** The Streams API's Identity shape (GetRecords); Lambda events spell it `{type, principalId}`. */
export interface StreamIdentity {
  PrincipalId: string;
  Type: string;
}

export interface StreamRecordBody {
  /** Epoch seconds, rounded down to the whole second. */
  ApproximateCreationDateTime: number;
  Keys: Item;
  NewImage?: Item;
  OldImage?: Item;
  SequenceNumber: string;
  SizeBytes: number;
  StreamViewType: StreamViewType;
}

export interface StreamRecord {
  eventID: string;
  eventName: EventName;
  eventVersion: string;
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: StreamRecordBody;
  /** Present only on deletions made by the service (TTL). */
  userIdentity?: StreamIdentity;
}

/** The identity AWS stamps on TTL deletions (reference §1.3). */
export const TTL_SERVICE_IDENTITY: StreamIdentity = { PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' };

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
