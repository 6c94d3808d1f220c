/**
 * Reads JSON documents from text that arrives in pieces (a file read as a stream), one pass over each
 * character, never holding more than the document being read: a single value, several values one
 * after the other (`aws dynamodbstreams get-records >> pages.json` concatenates pages), JSON Lines, or
 * a Lambda function's CloudWatch log (lines such as `2024-…Z\t<request id>\tINFO\t{…}`, and the START /
 * END / REPORT lines Lambda writes around them). A syntax error is reported with its line and column
 * in the input as given, and the document is refused before anything walks it recursively when it
 * nests deeper than MAX_JSON_DEPTH (a 5,000-deep array overflowed the stack once).
 *
 * Pure. May import: ./charCodes.ts. May not import: DOM, sim, worker, ui.
 */
import { QUOTE, BACKSLASH, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET } from './charCodes.ts';

/** Reads a kind of document straight from the text, when it can (./recordScanner.ts). */
export interface QuickReader {
  /** The document starting at `from` (its `{`), or undefined to leave it to `JSON.parse`. */
  read(text: string, from: number): unknown;
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
 * The longest one document may be (characters). Big inputs are many documents (pages, events, lines),
 * each parsed on its own; one document is parsed whole, so it must fit in memory as a string.
 */
export const MAX_DOCUMENT_CHARS = 64 * 1024 * 1024;

/** How far ahead of a document's start the prefix checks look (a CloudWatch prefix, unquoted keys). */
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
 * Push text as it comes, then `end()`; each call returns the documents completed so far, or the
 * first error (after which the reader refuses more).
 */
export class JsonDocumentReader {
  /** Text not yet looked at past the previous push (at most a line's lookahead). */
  private carry = '';
  /** Line and column of the first character of the next text handed to `scan`. */
  private line = 1;
  private column = 1;
  private failed: JsonSyntaxError | undefined;
  /** The document being read: its earlier pieces, where it started, and the scanner's state. */
  private pieces: string[] = [];
  private pieceChars = 0;
  private inDoc = false;
  private docLine = 1;
  private docColumn = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Documents read so far. */
  documents = 0;

  /**
   * @param quick asked first at each document's opening brace: it reads a document it knows
   *   (a plain stream record, ./recordScanner.ts) straight from the text, or returns undefined and
   *   the document is cut out and given to `JSON.parse`, errors and all
   */
  constructor(
    private readonly maxDocumentChars = MAX_DOCUMENT_CHARS,
    private readonly quick?: QuickReader,
  ) {}

  push(chunk: string): unknown[] | JsonSyntaxError {
    if (this.failed) return this.failed;
    const text = this.carry + chunk;
    this.carry = '';
    return this.scan(text, false);
  }

  end(): unknown[] | JsonSyntaxError {
    if (this.failed) return this.failed;
    const text = this.carry;
    this.carry = '';
    const docs = this.scan(text, true);
    if (!Array.isArray(docs)) return docs;
    if (this.inDoc) {
      const whole = this.pieces.join('');
      const at = advance(whole, whole.length, this.docLine, this.docColumn);
      return this.fail(at.line, at.column, excerptAt(whole, whole.length), 'The JSON ends before this value is closed (a missing } or ])');
    }
    return docs;
  }

  private fail(line: number, column: number, excerpt: string, message: string): JsonSyntaxError {
    this.failed = { ok: false, message: `${message} (line ${line}, column ${column})`, line, column, excerpt };
    return this.failed;
  }

  /** Reads `text` (which follows everything read before); `final` when no more will come. */
  private scan(text: string, final: boolean): unknown[] | JsonSyntaxError {
    const docs: unknown[] = [];
    const n = text.length;
    let i = 0;
    let docFrom = 0;
    // Line and column of offsets in `text`, counted forward once (offsets asked for only grow).
    let countedLine = this.line;
    let countedStart = -1;
    let nextNewline = text.indexOf('\n');
    const at = (offset: number) => {
      while (nextNewline >= 0 && nextNewline < offset) {
        countedLine++;
        countedStart = nextNewline + 1;
        nextNewline = text.indexOf('\n', nextNewline + 1);
      }
      return { line: countedLine, column: countedStart < 0 ? this.column + offset : offset - countedStart + 1 };
    };
    // The next newline at or after `i` (searched again only once `i` passes it).
    let newline = -2;
    while (i < n) {
      if (this.inDoc) {
        const end = this.scanDocument(text, i);
        if (typeof end === 'object') {
          const p = at(end.deep);
          return this.fail(p.line, p.column, excerptAt(text, end.deep), `The JSON nests deeper than ${MAX_JSON_DEPTH} levels; stream records and Lambda events never do`);
        }
        if (end < 0) {
          if (this.pieceChars + (n - docFrom) > this.maxDocumentChars) {
            const p = at(docFrom);
            return this.fail(p.line, p.column, excerptAt(text, docFrom), `One JSON document here is longer than ${Math.round(this.maxDocumentChars / 1048576)} MB; a big input must be many documents (GetRecords pages or Lambda events one after another, or JSON Lines: one record per line)`);
          }
          this.pieces.push(text.slice(docFrom));
          this.pieceChars += n - docFrom;
          break;
        }
        const docText = this.pieces.length > 0 ? this.pieces.join('') + text.slice(docFrom, end) : text.slice(docFrom, end);
        this.pieces = [];
        this.pieceChars = 0;
        this.inDoc = false;
        try {
          docs.push(JSON.parse(docText));
          this.documents++;
        } catch (e) {
          const offset = errorOffset(e) ?? docText.length;
          const p = advance(docText, offset, this.docLine, this.docColumn);
          return this.fail(p.line, p.column, excerptAt(docText, offset), cleanMessage(e));
        }
        i = end;
        continue;
      }
      const c = text[i]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',' || c === '\uFEFF') {
        i++;
        continue;
      }
      if (c === '{' && this.quick) {
        const value = this.quick.read(text, i);
        if (value !== undefined) {
          docs.push(value);
          this.documents++;
          i = this.quick.end;
          continue;
        }
      }
      // Only the start of the line is looked at, so many documents on one line cost one pass.
      if (newline !== -1 && newline < i) newline = text.indexOf('\n', i);
      const lineEnd = newline;
      if (!final && lineEnd < 0 && n - i < LOOKAHEAD) {
        // Too little of this line is here to tell what it is: wait for the next piece.
        this.carry = text.slice(i);
        break;
      }
      const line = text.slice(i, Math.min(n, i + LOOKAHEAD, lineEnd < 0 ? n : lineEnd));
      if (c !== '{' && c !== '[') {
        if (LAMBDA_PLATFORM_LINE.test(line)) {
          i = lineEnd < 0 ? n : lineEnd;
          continue;
        }
        const prefix = LOG_PREFIX.exec(line);
        if (prefix) {
          i += prefix[0].length;
          continue;
        }
        const p = at(i);
        if (/^[A-Za-z_$][\w$]*\s*:/.test(line) || UNQUOTED_KEY.test(line)) return this.fail(p.line, p.column, excerptAt(text, i), UNQUOTED_KEY_MESSAGE);
        return this.fail(p.line, p.column, excerptAt(text, i), `Expected a JSON object or array, found ${JSON.stringify(line.slice(0, 20))}`);
      }
      if (UNQUOTED_KEY.test(line)) {
        const p = at(i);
        return this.fail(p.line, p.column, excerptAt(text, i), UNQUOTED_KEY_MESSAGE);
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
    // Everything up to the carried text has been read: the next text starts where the carry does.
    const next = at(n - this.carry.length);
    this.line = next.line;
    this.column = next.column;
    return docs;
  }

  /**
   * Scans the current document from `from`: the offset just past its end, -1 when the text ends
   * first (the state carries on to the next piece), or `{ deep }` where it nests too deeply.
   */
  private scanDocument(text: string, from: number): number | { deep: number } {
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    const n = text.length;
    for (let i = from; i < n; i++) {
      const c = text.charCodeAt(i);
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
  return { ok: true, docs: first.length > 0 && rest.length > 0 ? [...first, ...rest] : first.length > 0 ? first : rest };
}
