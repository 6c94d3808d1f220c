/**
 * Tokenizer for DynamoDB expressions (condition, update, and anything else built on them).
 *
 * Pure: turns text into tokens and nothing else. Keywords are not recognised here: AND, SET,
 * BETWEEN… are plain identifiers, and the parser compares them case-insensitively, because the
 * same word may be a keyword in one position and a (reserved, hence refused) name in another.
 */
import { validationError } from '../../api/errors.ts';

export type TokenKind = 'ident' | 'name' | 'value' | 'number' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

// Longest first so `<=` wins over `<`.
const PUNCTUATION = ['<>', '<=', '>=', '<', '>', '=', '(', ')', '[', ']', ',', '.', '+', '-'];
const IDENT_START = /[A-Za-z_]/;
const WORD_CHAR = /[A-Za-z0-9_]/;

/** DynamoDB's syntax-error wording: the offending token and the text just around it. */
export function syntaxError(label: string, src: string, tokens: readonly Token[], at: number): Error {
  const tok = tokens[at];
  const prev = at > 0 ? tokens[at - 1] : undefined;
  const shown = !tok || tok.kind === 'eof' ? '<EOF>' : tok.text;
  const start = prev ? prev.start : (tok?.start ?? src.length);
  const end = tok && tok.kind !== 'eof' ? tok.end : src.length;
  const near = src.slice(start, end);
  return validationError(`Invalid ${label}: Syntax error; token: "${shown}", near: "${near}"`);
}

function readWord(src: string, from: number): number {
  let i = from;
  while (i < src.length && WORD_CHAR.test(src[i]!)) i++;
  return i;
}

export function tokenize(src: string, label: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    const start = i;
    let kind: TokenKind;
    if (IDENT_START.test(ch)) {
      kind = 'ident';
      i = readWord(src, i + 1);
    } else if (ch >= '0' && ch <= '9') {
      kind = 'number';
      while (i < src.length && src[i]! >= '0' && src[i]! <= '9') i++;
    } else if ((ch === '#' || ch === ':') && i + 1 < src.length && WORD_CHAR.test(src[i + 1]!)) {
      kind = ch === '#' ? 'name' : 'value';
      i = readWord(src, i + 1);
    } else {
      const p = PUNCTUATION.find((q) => src.startsWith(q, i));
      if (p === undefined) {
        tokens.push({ kind: 'punct', text: ch, start, end: start + 1 });
        throw syntaxError(label, src, tokens, tokens.length - 1);
      }
      kind = 'punct';
      i += p.length;
    }
    tokens.push({ kind, text: src.slice(start, i), start, end: i });
  }
  tokens.push({ kind: 'eof', text: '', start: src.length, end: src.length });
  return tokens;
}
