/**
 * Reads a `_headers` file (the format of Netlify and Cloudflare Pages): a line naming a path pattern
 * (`/*`, `/assets/*`, `/sw.js`), then indented `Name: value` lines; `#` starts a comment. Used by
 * vite.config.ts (the preview server's headers, the CSP check) and tools/staticServer.ts.
 *
 * Pure: text in, rules out.
 */
export interface HeaderRule {
  pattern: string;
  headers: Record<string, string>;
}

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const raw of text.split('\n')) {
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    if (!/^\s/.test(raw)) {
      rules.push({ pattern: raw.trim(), headers: {} });
      continue;
    }
    const rule = rules.at(-1);
    const colon = raw.indexOf(':');
    if (!rule || colon < 0) throw new Error(`_headers: "${raw.trim()}" is not under a path or has no "Name: value"`);
    rule.headers[raw.slice(0, colon).trim()] = raw.slice(colon + 1).trim();
  }
  return rules;
}

/** Whether a request path matches a pattern (`*` matches anything, `/` included). */
export function pathMatches(pattern: string, path: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(path);
}

/** The headers for one path: every matching rule's, later rules winning. */
export function headersFor(rules: readonly HeaderRule[], path: string): Record<string, string> {
  return Object.assign({}, ...rules.filter((r) => pathMatches(r.pattern, path)).map((r) => r.headers));
}
