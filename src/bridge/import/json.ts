/**
 * Reads pasted text as one or more JSON documents: a single value, several values one after the
 * other (`aws dynamodbstreams get-records >> pages.json` concatenates pages), JSON Lines, or a
 * Lambda function's CloudWatch log (lines such as `2024-…Z\t<request id>\tINFO\t{…}`, and the
 * START / END / REPORT lines Lambda writes around them). A syntax error is reported with its line
 * and column in the text as pasted.
 *
 * Pure. May import: nothing. May not import: DOM, sim, worker, ui.
 */

export type JsonDocs = { ok: true; docs: unknown[] } | { ok: false; message: string; line: number; column: number; excerpt: string };

/** Line and column (from 1) of an offset in the text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function excerptAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  const line = text.slice(start, end);
  const col = offset - start;
  const from = Math.max(0, col - 40);
  return line.slice(from, col + 40);
}

/** Lambda's own log lines around an invocation, which hold no JSON. */
const LAMBDA_PLATFORM_LINE = /^(START|END|REPORT|INIT_START) RequestId/;
/** A console.log line in CloudWatch: timestamp, request id, level, then the message. */
const LOG_PREFIX = /^\S+\t\S+\t(INFO|DEBUG|WARN|ERROR|TRACE|LOG)\t/;

/**
 * How deeply arrays and objects may nest. A DynamoDB item nests at most 32 levels, and a stream
 * record or a Lambda event wraps it in a few more; deeper input is refused with a message before
 * anything walks it recursively (a 5,000-deep array overflowed the stack once).
 */
export const MAX_JSON_DEPTH = 128;

/** How far ahead of a document's start the prefix checks look (a CloudWatch prefix, unquoted keys). */
const LOOKAHEAD = 256;

/**
 * Where the JSON value starting at `from` ends (exclusive), -1 when the text ends first, or
 * `{ deep }` at the offset where it nests deeper than MAX_JSON_DEPTH.
 */
function valueEnd(text: string, from: number): number | { deep: number } {
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (++depth > MAX_JSON_DEPTH) return { deep: i };
    }
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
      if (depth < 0) return i + 1;
    }
  }
  return -1;
}

/** The offset a JSON.parse error names, if its message gives one (V8: "at position N"). */
function errorOffset(e: unknown): number | undefined {
  const m = /position (\d+)/.exec(e instanceof Error ? e.message : String(e));
  return m ? Number(m[1]) : undefined;
}

function failure(text: string, offset: number, message: string): JsonDocs {
  const { line, column } = lineColumn(text, offset);
  return { ok: false, message: `${message} (line ${line}, column ${column})`, line, column, excerpt: excerptAt(text, offset) };
}

function cleanMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  // V8 appends its own position; ours replaces it with the position in the whole text.
  return m.replace(/\s*in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
}

/** Splits and parses the text into JSON documents. */
export function readJsonDocuments(text: string): JsonDocs {
  const docs: unknown[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',' || c === '\uFEFF') {
      i++;
      continue;
    }
    // Only the start of the line is looked at, so many documents on one line cost one pass, not
    // a rescan of the rest of the text each (4.8 MB once took 126 s).
    const line = text.slice(i, Math.min(n, i + LOOKAHEAD)).split('\n', 1)[0]!;
    if (c !== '{' && c !== '[') {
      if (LAMBDA_PLATFORM_LINE.test(line)) {
        const lineEnd = text.indexOf('\n', i);
        i = lineEnd < 0 ? n : lineEnd;
        continue;
      }
      const prefix = LOG_PREFIX.exec(line);
      if (prefix) {
        i += prefix[0].length;
        continue;
      }
      if (/^[A-Za-z_$][\w$]*\s*:/.test(line) || /^\{\s*[A-Za-z_$][\w$]*\s*:/.test(line)) {
        return failure(text, i, 'This is not JSON: keys without quotes look like console.log(event) output; log JSON.stringify(event) instead');
      }
      return failure(text, i, `Expected a JSON object or array, found ${JSON.stringify(line.slice(0, 20))}`);
    }
    if (/^\{\s*[A-Za-z_$][\w$]*\s*:/.test(line)) {
      return failure(text, i, 'This is not JSON: keys without quotes look like console.log(event) output; log JSON.stringify(event) instead');
    }
    const found = valueEnd(text, i);
    if (typeof found !== 'number') return failure(text, found.deep, `The JSON nests deeper than ${MAX_JSON_DEPTH} levels; stream records and Lambda events never do`);
    const end = found;
    const chunk = text.slice(i, end < 0 ? n : end);
    try {
      docs.push(JSON.parse(chunk));
    } catch (e) {
      const at = errorOffset(e);
      const offset = at === undefined ? i + chunk.length : i + at;
      const message = end < 0 ? 'The JSON ends before this value is closed (a missing } or ])' : cleanMessage(e);
      return failure(text, end < 0 ? n : Math.min(offset, n), message);
    }
    i = end < 0 ? n : end;
  }
  return { ok: true, docs };
}
