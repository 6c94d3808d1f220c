/**
 * Stream records exactly as DynamoDB Streams' GetRecords returns them (reference §2).
 *
 * Which images a record carries depends on the stream's view type (reference §2.3): an image that
 * does not exist, or that the view type leaves out, is an absent key, never `{}`. `SizeBytes` follows
 * the rule every AWS example fits: the size of Keys plus each included image. Records are immutable
 * once built. The core stores them as columns and builds these objects when read
 * (`recordStore.ts`); the object-graph builder it replaced is the test oracle in
 * `../testing/objectGraphRecords.ts`.
 */
import type { Item } from '../table/attributeValue.ts';

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
