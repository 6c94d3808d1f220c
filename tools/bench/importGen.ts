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
  /** Notes spelt with characters past ASCII: an accented letter, an em dash and two of CJK (2, 3 and 3 bytes in UTF-8). */
  wide?: boolean;
}

/** The stream a Lambda event's records name (`eventSourceARN`). */
const STREAM_ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/Votes/stream/2025-11-24T10:00:00.000';

const EPOCH_S = 1_763_978_400;
/** 21 digits like AWS's; the low part counts records. */
const SEQ_BASE = '1000000';

export function recordLine(i: number, keys: number, wide = false): string {
  const k = i % keys;
  const version = Math.floor(i / keys);
  const key = `{"pk":{"S":"item-${k}"}}`;
  const note = (v: number) => (wide ? `versión ${v} — 項目 ${k}` : `version ${v} of item ${k}`);
  const image = (v: number) => `{"pk":{"S":"item-${k}"},"count":{"N":"${v}"},"note":{"S":"${note(v)}"}}`;
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
    const line = recordLine(i, keys, options.wide);
    piece.push(line);
    if (every > 0 && i % every === every - 1) piece.push(line);
    if (piece.length >= pieceLines) {
      yield piece.join('\n') + '\n';
      piece = [];
    }
  }
  if (piece.length > 0) yield piece.join('\n') + '\n';
}

/**
 * The same records as `jsonLines` in documents of `perPage` records each, one a line: Lambda events
 * (`{"Records":[…]}`, each record naming its stream) or GetRecords pages (`{"Records":[…],"NextShardIterator":…}`).
 */
export function* recordPages(records: number, form: 'lambda-events' | 'get-records', options: GenOptions = {}, perPage = 100): Generator<string> {
  let page: string[] = [];
  let pages: string[] = [];
  const flush = () => {
    const next = `${STREAM_ARN}|1|AAAAAAAAAA${pages.length}`;
    pages.push(form === 'lambda-events' ? `{"Records":[${page.join(',')}]}` : `{"Records":[${page.join(',')}],"NextShardIterator":"${next}"}`);
    page = [];
  };
  for (const piece of jsonLines(records, options)) {
    for (const line of piece.split('\n')) {
      if (line === '') continue;
      page.push(form === 'lambda-events' ? `{"eventSourceARN":"${STREAM_ARN}",${line.slice(1)}` : line);
      if (page.length === perPage) flush();
    }
    if (pages.length >= 40) {
      yield pages.join('\n') + '\n';
      pages = [];
    }
  }
  if (page.length > 0) flush();
  if (pages.length > 0) yield pages.join('\n') + '\n';
}
