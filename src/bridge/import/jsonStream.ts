/**
 * Reads JSON documents from input that arrives in pieces (a file read as a stream), one pass over each
 * byte, never holding more than the document being read: a single value, several values one
 * after the other (`aws dynamodbstreams get-records >> pages.json` concatenates pages), JSON Lines, or
 * a Lambda function's CloudWatch log (lines such as `2024-…Z\t<request id>\tINFO\t{…}`, and the START /
 * END / REPORT lines Lambda writes around them). A syntax error is reported with its line and column
 * in the input as given, and the document is refused before anything walks it recursively when it
 * nests deeper than MAX_JSON_DEPTH (a 5,000-deep array overflowed the stack once).
 *
 * It reads UTF-8 bytes (a file's slices; text pushed is encoded first): a record the quick reader
 * takes is never decoded, and a document for `JSON.parse` is decoded alone (./utf8.ts says why).
 *
 * Pure. May import: ./charCodes.ts, ./utf8.ts. May not import: DOM, sim, worker, ui.
 */
import { QUOTE, BACKSLASH, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET } from './charCodes.ts';
import { concatBytes, joinBytes, utf16Length, utf8Bytes, utf8Text } from './utf8.ts';

/** Reads a kind of document straight from the bytes, when it can (./recordScanner.ts). */
export interface QuickReader {
  /** The document starting at `from` (its `{`) in `bytes`, or undefined to leave it to `JSON.parse`. */
  read(bytes: Uint8Array, from: number): unknown;
  /** The offset just past the document the last successful `read` returned. */
  readonly end: number;
}

/** Where reading stopped, and why (line and column from 1, in the input as given). */
export interface JsonSyntaxError {
  ok: false;
  message: string;
  line: number;
  column: number;
  excerpt: string;
}

/**
 * How deeply arrays and objects may nest. A DynamoDB item nests at most 32 levels, and a stream
 * record or a Lambda event wraps it in a few more.
 */
export const MAX_JSON_DEPTH = 128;

/**
 * The longest one document may be (bytes). Big inputs are many documents (pages, events, lines),
 * each parsed on its own; one document is parsed whole, so it must fit in memory as a string.
 */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/** How far ahead of a document's start the prefix checks look, in bytes (a CloudWatch prefix, unquoted keys). */
const LOOKAHEAD = 256;

/** Lambda's own log lines around an invocation, which hold no JSON. */
const LAMBDA_PLATFORM_LINE = /^(START|END|REPORT|INIT_START) RequestId/;
/** A console.log line in CloudWatch: timestamp, request id, level, then the message. */
const LOG_PREFIX = /^\S+\t\S+\t(INFO|DEBUG|WARN|ERROR|TRACE|LOG)\t/;
const UNQUOTED_KEY = /^\{\s*[A-Za-z_$][\w$]*\s*:/;
const UNQUOTED_KEY_MESSAGE = 'This is not JSON: keys without quotes look like console.log(event) output; log JSON.stringify(event) instead';


/** Line and column (from 1) of an offset in a text that starts at (line, column). */
function advance(text: string, offset: number, line: number, column: number): { line: number; column: number } {
  let l = line;
  let lineStart = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    l++;
    lineStart = i + 1;
  }
  return { line: l, column: lineStart < 0 ? column + offset : offset - lineStart + 1 };
}

/** The 80 characters around byte `offset` on its line. */
function excerptAtByte(bytes: Uint8Array, offset: number): string {
  const start = bytes.lastIndexOf(10, Math.max(0, offset - 1)) + 1;
  let end = bytes.indexOf(10, offset);
  if (end < 0) end = bytes.length;
  // 160 bytes hold 40 characters of any width.
  return utf8Text(bytes, Math.min(offset, Math.max(start, offset - 160)), offset).slice(-40) + utf8Text(bytes, offset, Math.max(offset, Math.min(end, offset + 160))).slice(0, 40);
}

const EMPTY = new Uint8Array(0);
const BOM = [0xef, 0xbb, 0xbf] as const;

/** The 80 characters around `offset` on its line. */
function excerptAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  const col = offset - start;
  return text.slice(start, end).slice(Math.max(0, col - 40), col + 40);
}

/** The offset a JSON.parse error names, if its message gives one (V8: "at position N"). */
function errorOffset(e: unknown): number | undefined {
  const m = /position (\d+)/.exec(e instanceof Error ? e.message : String(e));
  return m ? Number(m[1]) : undefined;
}

function cleanMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  // V8 appends its own position; ours replaces it with the position in the whole input.
  return m.replace(/\s*in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
}

/**
 * Push input as it comes (text, or UTF-8 bytes: a view the caller may reuse once `push` returns),
 * then `end()`; each call returns the documents completed so far, or the first error (after which
 * the reader refuses more). Documents a push completed before an error come first: the error is
 * then `failure`, and what the next call returns.
 */
export class JsonDocumentReader {
  /** Bytes not yet looked at past the previous push (at most a line's lookahead): a copy. */
  private carry: Uint8Array = EMPTY;
  /** A high surrogate that ended the text pushed last: encoded with the character it begins. */
  private heldSurrogate = '';
  /** Line and column (UTF-16 code units, from 1) of the first byte of the next input handed to `scan`. */
  private line = 1;
  private column = 1;
  private failed: JsonSyntaxError | undefined;
  /** The document being read: its earlier pieces (copies), where it started, and the scanner's state. */
  private pieces: Uint8Array[] = [];
  private pieceBytes = 0;
  private inDoc = false;
  private docLine = 1;
  private docColumn = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Documents read so far. */
  documents = 0;

  /** The error reading stopped at, once there is one. */
  get failure(): JsonSyntaxError | undefined {
    return this.failed;
  }

  /**
   * @param quick asked first at each document's opening brace: it reads a document it knows
   *   (a plain stream record, ./recordScanner.ts) straight from the bytes, or returns undefined and
   *   the document is cut out and given to `JSON.parse`, errors and all
   */
  constructor(
    private readonly maxDocumentBytes = MAX_DOCUMENT_BYTES,
    private readonly quick?: QuickReader,
  ) {}

  push(chunk: string | Uint8Array): unknown[] | JsonSyntaxError {
    if (this.failed) return this.failed;
    let bytes = typeof chunk === 'string' ? this.encoded(chunk) : chunk;
    if (this.carry.length > 0) bytes = joinBytes(this.carry, bytes);
    this.carry = EMPTY;
    return this.scan(bytes, false);
  }

  end(): unknown[] | JsonSyntaxError {
    if (this.failed) return this.failed;
    const held = this.heldSurrogate ? utf8Bytes(this.heldSurrogate) : EMPTY;
    this.heldSurrogate = '';
    const bytes = joinBytes(this.carry, held);
    this.carry = EMPTY;
    const docs = this.scan(bytes, true);
    if (!Array.isArray(docs)) return docs;
    if (this.inDoc) {
      const whole = this.pieceText(EMPTY);
      const at = advance(whole, whole.length, this.docLine, this.docColumn);
      return this.fail(at.line, at.column, excerptAt(whole, whole.length), 'The JSON ends before this value is closed (a missing } or ])');
    }
    return docs;
  }

  /** Text as UTF-8, a surrogate pair cut between two pushes encoded whole. */
  private encoded(text: string): Uint8Array {
    let t = this.heldSurrogate + text;
    this.heldSurrogate = '';
    const last = t.charCodeAt(t.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.heldSurrogate = t.slice(-1);
      t = t.slice(0, -1);
    }
    return utf8Bytes(t);
  }

  /** The document's earlier pieces and `tail`, decoded. */
  private pieceText(tail: Uint8Array): string {
    const whole = this.pieces.length === 0 ? tail : concatBytes([...this.pieces, tail], this.pieceBytes + tail.length);
    this.pieces = [];
    this.pieceBytes = 0;
    return utf8Text(whole, 0, whole.length);
  }

  private fail(line: number, column: number, excerpt: string, message: string): JsonSyntaxError {
    this.failed = { ok: false, message: `${message} (line ${line}, column ${column})`, line, column, excerpt };
    return this.failed;
  }

  /** Stops at an error: the documents completed before it, when there are any (the error is `failure`), or the error. */
  private stop(docs: unknown[], line: number, column: number, excerpt: string, message: string): unknown[] | JsonSyntaxError {
    const error = this.fail(line, column, excerpt, message);
    return docs.length > 0 ? docs : error;
  }

  /** Reads `bytes` (which follow everything read before); `final` when no more will come. */
  private scan(bytes: Uint8Array, final: boolean): unknown[] | JsonSyntaxError {
    const docs: unknown[] = [];
    const n = bytes.length;
    let i = 0;
    let docFrom = 0;
    // Line and column of offsets in `bytes`, counted forward once (offsets asked for only grow):
    // the column counts the line's UTF-16 code units up to `colAt`.
    let countedLine = this.line;
    let lineStart = -1;
    let colAt = 0;
    let colCount = this.column - 1;
    let nextNewline = bytes.indexOf(10);
    const at = (offset: number) => {
      while (nextNewline >= 0 && nextNewline < offset) {
        countedLine++;
        lineStart = colAt = nextNewline + 1;
        colCount = 0;
        nextNewline = bytes.indexOf(10, nextNewline + 1);
      }
      if (offset < colAt) {
        colAt = Math.max(0, lineStart);
        colCount = lineStart < 0 ? this.column - 1 : 0;
      }
      colCount += utf16Length(bytes, colAt, offset);
      colAt = offset;
      return { line: countedLine, column: colCount + 1 };
    };
    // The next newline at or after `i` (searched again only once `i` passes it).
    let newline = -2;
    while (i < n) {
      if (this.inDoc) {
        const end = this.scanDocument(bytes, i);
        if (typeof end === 'object') {
          const p = at(end.deep);
          return this.stop(docs, p.line, p.column, excerptAtByte(bytes, end.deep), `The JSON nests deeper than ${MAX_JSON_DEPTH} levels; stream records and Lambda events never do`);
        }
        if (end < 0) {
          if (this.pieceBytes + (n - docFrom) > this.maxDocumentBytes) {
            const p = at(docFrom);
            return this.stop(docs, p.line, p.column, excerptAtByte(bytes, docFrom), `One JSON document here is longer than ${Math.round(this.maxDocumentBytes / 1048576)} MB; a big input must be many documents (GetRecords pages or Lambda events one after another, or JSON Lines: one record per line)`);
          }
          this.pieces.push(bytes.slice(docFrom));
          this.pieceBytes += n - docFrom;
          break;
        }
        const docText = this.pieceText(bytes.subarray(docFrom, end));
        this.inDoc = false;
        try {
          docs.push(JSON.parse(docText));
          this.documents++;
        } catch (e) {
          const offset = errorOffset(e) ?? docText.length;
          const p = advance(docText, offset, this.docLine, this.docColumn);
          return this.stop(docs, p.line, p.column, excerptAt(docText, offset), cleanMessage(e));
        }
        i = end;
        continue;
      }
      const c = bytes[i]!;
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 44) {
        i++;
        continue;
      }
      if (c === BOM[0] && bytes[i + 1] === BOM[1] && bytes[i + 2] === BOM[2]) {
        i += 3;
        continue;
      }
      if (c === OPEN_BRACE && this.quick) {
        const value = this.quick.read(bytes, i);
        if (value !== undefined) {
          docs.push(value);
          this.documents++;
          i = this.quick.end;
          continue;
        }
      }
      // Only the start of the line is looked at, so many documents on one line cost one pass.
      if (newline !== -1 && newline < i) newline = bytes.indexOf(10, i);
      const lineEnd = newline;
      if (!final && lineEnd < 0 && n - i < LOOKAHEAD) {
        // Too little of this line is here to tell what it is: wait for the next piece.
        this.carry = bytes.slice(i);
        break;
      }
      const line = utf8Text(bytes, i, Math.min(n, i + LOOKAHEAD, lineEnd < 0 ? n : lineEnd));
      if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
        if (LAMBDA_PLATFORM_LINE.test(line)) {
          i = lineEnd < 0 ? n : lineEnd;
          continue;
        }
        const prefix = LOG_PREFIX.exec(line);
        if (prefix) {
          i += utf8Bytes(prefix[0]).length;
          continue;
        }
        const p = at(i);
        if (/^[A-Za-z_$][\w$]*\s*:/.test(line) || UNQUOTED_KEY.test(line)) return this.stop(docs, p.line, p.column, excerptAtByte(bytes, i), UNQUOTED_KEY_MESSAGE);
        return this.stop(docs, p.line, p.column, excerptAtByte(bytes, i), `Expected a JSON object or array, found ${JSON.stringify(line.slice(0, 20))}`);
      }
      if (UNQUOTED_KEY.test(line)) {
        const p = at(i);
        return this.stop(docs, p.line, p.column, excerptAtByte(bytes, i), UNQUOTED_KEY_MESSAGE);
      }
      const p = at(i);
      this.inDoc = true;
      this.docLine = p.line;
      this.docColumn = p.column;
      this.depth = 0;
      this.inString = false;
      this.escaped = false;
      docFrom = i;
    }
    // Everything up to the carried bytes has been read: the next input starts where the carry does.
    const next = at(n - this.carry.length);
    this.line = next.line;
    this.column = next.column;
    return docs;
  }

  /**
   * Scans the current document from `from`: the offset just past its end, -1 when the input ends
   * first (the state carries on to the next piece), or `{ deep }` where it nests too deeply. A
   * UTF-8 character's bytes are all 0x80 or more: none is taken for a quote or a bracket.
   */
  private scanDocument(bytes: Uint8Array, from: number): number | { deep: number } {
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    const n = bytes.length;
    for (let i = from; i < n; i++) {
      const c = bytes[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
        continue;
      }
      if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (++depth > MAX_JSON_DEPTH) return { deep: i };
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth--;
        if (depth <= 0) {
          this.depth = 0;
          return i + 1;
        }
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    return -1;
  }
}

/** Splits and parses a whole text into JSON documents (the stream reader given everything at once). */
export function readAllDocuments(text: string): { ok: true; docs: unknown[] } | JsonSyntaxError {
  const reader = new JsonDocumentReader(Number.MAX_SAFE_INTEGER);
  const first = reader.push(text);
  if (!Array.isArray(first)) return first;
  const rest = reader.end();
  if (!Array.isArray(rest)) return rest;
  if (reader.failure) return reader.failure;
  return { ok: true, docs: first.length > 0 && rest.length > 0 ? [...first, ...rest] : first.length > 0 ? first : rest };
}
