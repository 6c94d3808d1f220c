/**
 * Stream records as JSON Lines, as a Lambda function logging `JSON.stringify(record)` per record or
 * a script paging GetRecords would write them: `keys` items each inserted then modified, one record
 * per line, NEW_AND_OLD_IMAGES (each OldImage is the item's previous NewImage, so a clean stream has
 * no gaps), growing sequence numbers, ten records per second. `duplicateEvery` repeats every k-th
 * record (a retry's duplicate) for the findings. Deterministic: the same arguments give the same text.
 *
 * May import: nothing.
 */

export interface GenOptions {
  keys?: number;
  /** Repeat every k-th record once (0: never). */
  duplicateEvery?: number;
}

const EPOCH_S = 1_763_978_400;
/** 21 digits like AWS's; the low part counts records. */
const SEQ_BASE = '1000000';

export function recordLine(i: number, keys: number): string {
  const k = i % keys;
  const version = Math.floor(i / keys);
  const key = `{"pk":{"S":"item-${k}"}}`;
  const image = (v: number) => `{"pk":{"S":"item-${k}"},"count":{"N":"${v}"},"note":{"S":"version ${v} of item ${k}"}}`;
  const body =
    version === 0
      ? `"Keys":${key},"NewImage":${image(0)}`
      : `"Keys":${key},"NewImage":${image(version)},"OldImage":${image(version - 1)}`;
  const seq = SEQ_BASE + String(i).padStart(14, '0');
  return `{"eventID":"e${i.toString(16).padStart(8, '0')}","eventName":"${version === 0 ? 'INSERT' : 'MODIFY'}","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"us-east-1","dynamodb":{"ApproximateCreationDateTime":${EPOCH_S + Math.floor(i / 10)},${body},"SequenceNumber":"${seq}","SizeBytes":${120 + (k % 40)},"StreamViewType":"NEW_AND_OLD_IMAGES"}}`;
}

/** `records` lines (plus duplicates), in pieces of about `pieceLines` lines each. */
export function* jsonLines(records: number, options: GenOptions = {}, pieceLines = 4096): Generator<string> {
  const keys = options.keys ?? Math.max(1, Math.floor(records / 20));
  const every = options.duplicateEvery ?? 0;
  let piece: string[] = [];
  for (let i = 0; i < records; i++) {
    const line = recordLine(i, keys);
    piece.push(line);
    if (every > 0 && i % every === every - 1) piece.push(line);
    if (piece.length >= pieceLines) {
      yield piece.join('\n') + '\n';
      piece = [];
    }
  }
  if (piece.length > 0) yield piece.join('\n') + '\n';
}
