/**
 * The shapes the importer accepts, as zod schemas written from the reference's documented shapes
 * (reference §2.1–2.6, the botocore DescribeStream example): a stream record as GetRecords returns
 * it or as a Lambda function receives it, a GetRecords page, a Lambda DynamoDB event (also the
 * tumbling-window form, which names its shard), and DescribeStream output.
 *
 * Where real tools differ in spelling, both are accepted and normalised:
 * - `ApproximateCreationDateTime`: epoch seconds as a number (the wire, Lambda events), as numeric
 *   text (`"1.46480646E9"`, the API reference example), or an ISO-8601 date (AWS CLI v2 prints
 *   timestamps that way); all become whole epoch seconds.
 * - `userIdentity`: `{Type, PrincipalId}` (GetRecords) or `{type, principalId}` (Lambda).
 *
 * May import: zod, ../attributes.ts, sim types. May not import: sim runtime, worker, ui.
 */
import { z } from 'zod';
import { itemProblem } from '../attributes.ts';

// The app's Content Security Policy forbids eval, which zod would otherwise probe for.
z.config({ jitless: true });

const item = z.record(z.string(), z.unknown()).superRefine((v, ctx) => {
  const problem = itemProblem(v, '');
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Epoch seconds from any of the spellings tools use; whole seconds, rounded down as AWS does. */
export function epochSeconds(v: number | string): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.floor(v) : undefined;
  const text = v.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    const n = Number(text);
    return Number.isFinite(n) ? Math.floor(n) : undefined;
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) {
    const ms = Date.parse(text.replace(' ', 'T'));
    return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
  }
  return undefined;
}

const creationTime = z.union([z.number(), z.string()]).superRefine((v, ctx) => {
  const s = epochSeconds(v);
  if (s === undefined) ctx.addIssue({ code: 'custom', message: `expected epoch seconds (a number such as 1700000000) or an ISO-8601 date; got ${JSON.stringify(v)}` });
  else if (s > 100_000_000_000) ctx.addIssue({ code: 'custom', message: `${s} is too large for epoch seconds (is it milliseconds? AWS gives seconds)` });
});

export const StreamViewTypeSchema = z.enum(['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES']);

export const StreamRecordBodySchema = z.object({
  ApproximateCreationDateTime: creationTime,
  Keys: item,
  NewImage: item.optional(),
  OldImage: item.optional(),
  SequenceNumber: z.string().regex(/^\d{1,40}$/, 'must be a sequence number: a string of up to 40 digits'),
  SizeBytes: z.number().int().min(1),
  StreamViewType: StreamViewTypeSchema,
});

const identity = z.union([
  z.object({ type: z.string(), principalId: z.string() }),
  z.object({ Type: z.string(), PrincipalId: z.string() }),
]);

export const StreamRecordSchema = z.object({
  eventID: z.string().min(1),
  eventName: z.enum(['INSERT', 'MODIFY', 'REMOVE']),
  eventVersion: z.string(),
  eventSource: z.literal('aws:dynamodb', { message: 'must be "aws:dynamodb" (a DynamoDB stream record)' }),
  awsRegion: z.string(),
  dynamodb: StreamRecordBodySchema,
  eventSourceARN: z.string().optional(),
  userIdentity: identity.optional(),
});

export type RawRecord = z.infer<typeof StreamRecordSchema>;

export const GetRecordsPageSchema = z.object({
  Records: z.array(StreamRecordSchema),
  NextShardIterator: z.string().nullable().optional(),
});

/** A Lambda event: records with `eventSourceARN`; the tumbling-window form adds `shardId` and `window`. */
export const LambdaEventSchema = z.object({
  Records: z.array(StreamRecordSchema.extend({ eventSourceARN: z.string().min(1) })),
  shardId: z.string().optional(),
  eventSourceARN: z.string().optional(),
});

export const DescribeStreamSchema = z.object({
  StreamDescription: z.object({
    StreamArn: z.string().optional(),
    StreamViewType: StreamViewTypeSchema.optional(),
    TableName: z.string().optional(),
    StreamStatus: z.string().optional(),
    KeySchema: z.array(z.object({ AttributeName: z.string(), KeyType: z.enum(['HASH', 'RANGE']) })).optional(),
    Shards: z.array(
      z.object({
        ShardId: z.string().min(1),
        ParentShardId: z.string().optional(),
        SequenceNumberRange: z
          .object({
            StartingSequenceNumber: z.string().regex(/^\d{1,40}$/).optional(),
            EndingSequenceNumber: z.string().regex(/^\d{1,40}$/).optional(),
          })
          .optional(),
      }),
    ),
    LastEvaluatedShardId: z.string().optional(),
  }),
});

/** A zod issue as `path: message`, with the path written as in JavaScript (`Records[2].dynamodb.Keys`). */
export function issueText(prefix: string, issue: { path: PropertyKey[]; message: string }): string {
  let path = prefix;
  for (const p of issue.path) path += typeof p === 'number' ? `[${p}]` : path === '' ? String(p) : `.${String(p)}`;
  const message = issue.message;
  if (message.startsWith('.')) return `${path}${message}`;
  return `${path || '(top level)'}: ${message}`;
}
