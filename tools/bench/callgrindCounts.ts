/**
 * Reading callgrind's output for the counted core row (`countedCore.ts`): the totals of a dump,
 * and its costs per function, JIT code named through V8's perf map (`--perf-basic-prof`), which
 * callgrind cannot name itself (it sees only addresses).
 *
 * Pure: text in, numbers out. May import: nothing.
 */

/** Event name → count: a dump's `totals:` (or `summary:`) line under its `events:` names. */
export function callgrindTotals(text: string): Record<string, number> {
  let events: string[] = [];
  let totals: number[] | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('events:')) events = line.slice(7).trim().split(/\s+/);
    else if (line.startsWith('totals:') || (totals === undefined && line.startsWith('summary:'))) totals = line.replace(/^\w+:/, '').trim().split(/\s+/).map(Number);
  }
  if (totals === undefined || events.length === 0) throw new Error('not a callgrind dump: no events and totals lines');
  return Object.fromEntries(events.map((e, i) => [e, totals![i] ?? 0]));
}

/** One line of a perf map: code at [start, start + size) named `name`. */
interface MappedCode {
  start: number;
  size: number;
  name: string;
}

/** V8's perf map (`perf-<pid>.map`: "start size name" in hex), sorted by start. */
export function perfMap(text: string): MappedCode[] {
  const out: MappedCode[] = [];
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/i.exec(line.trim());
    if (m) out.push({ start: parseInt(m[1]!, 16), size: parseInt(m[2]!, 16), name: m[3]!.replace(/^(JS|LazyCompile|Function):\s*/, '') });
  }
  return out.sort((a, b) => a.start - b.start);
}

function nameAt(map: MappedCode[], address: number): string | undefined {
  let lo = 0;
  let hi = map.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid]!.start <= address) lo = mid + 1;
    else hi = mid;
  }
  const code = map[lo - 1];
  return code !== undefined && address < code.start + code.size ? code.name : undefined;
}

/**
 * Self cost per function (event name → count), functions named by callgrind or, for JIT code it
 * knows only as an address ("0x…"), by the perf map. Cost lines after a `calls=` line are a
 * call's inclusive cost and are not counted as the caller's own.
 */
export function callgrindSelfCosts(text: string, map: MappedCode[]): Map<string, Record<string, number>> {
  const names = new Map<string, string>();
  let events: string[] = [];
  let current = '?';
  let callCost = false;
  const self = new Map<string, number[]>();
  for (const line of text.split('\n')) {
    if (line.startsWith('events:')) {
      events = line.slice(7).trim().split(/\s+/);
      continue;
    }
    const named = /^c?fn=\((\d+)\)(?: (.+))?$/.exec(line);
    if (named) {
      if (named[2] !== undefined) names.set(named[1]!, named[2].trim());
      if (line.startsWith('fn=')) current = names.get(named[1]!) ?? '?';
      continue;
    }
    if (line.startsWith('calls=')) {
      callCost = true;
      continue;
    }
    if (!/^[0-9+\-*]/.test(line)) continue;
    if (callCost) {
      callCost = false;
      continue;
    }
    const costs = line.trim().split(/\s+/).slice(1).map(Number);
    let sums = self.get(current);
    if (sums === undefined) self.set(current, (sums = new Array<number>(events.length).fill(0)));
    for (let i = 0; i < costs.length && i < sums.length; i++) sums[i]! += costs[i]!;
  }
  const out = new Map<string, Record<string, number>>();
  for (const [fn, sums] of self) {
    const name = fn.startsWith('0x') ? (nameAt(map, parseInt(fn, 16)) ?? 'JIT code (unnamed)') : fn;
    const into = out.get(name) ?? Object.fromEntries(events.map((e) => [e, 0]));
    events.forEach((e, i) => (into[e]! += sums[i]!));
    out.set(name, into);
  }
  return out;
}

/**
 * Functions of V8's garbage collector, by the names callgrind reads from Node's symbols (a
 * heuristic: the collectors' classes and their visitors; not the heap's allocation, which a
 * typed array's backing store calls without any collection).
 */
const COLLECTOR = /Scaveng|MarkCompact|Marking|Sweep|Evacuat|IteratePointers|GCTracer/;

/** The instructions of the collector's functions among `costs` (`callgrindSelfCosts`). */
export function collectorInstructions(costs: Map<string, Record<string, number>>): number {
  let sum = 0;
  for (const [name, c] of costs) if (COLLECTOR.test(name)) sum += c.Ir ?? 0;
  return sum;
}
