/**
 * Invariant checks, evaluated as the simulation runs and recorded in the trace as
 * `invariant-broken` / `invariant-restored` facts that name the records and the cause in words.
 *
 * - `evaluateChecks(world, consumerId)`: consumers call it after each batch. Incremental: reads only
 *   the facts since its last call (state in `moduleState(world, 'checks')`).
 * - `finalChecks(world)`: at the end of a run; also counts records passed by as lost, and compares
 *   each target with what its source table implies.
 *
 * The checks work from trace facts (`record-processed`, `checkpoint`, `crash`, `records-trimmed`,
 * `record-appended`, `write`) so every explanation points at something the UI shows. They read the
 * world's tables to compare targets and write nothing but trace facts.
 */
import type { World } from '../world.ts';
import { record } from '../world.ts';
import { registeredConsumers, registeredHandler } from '../handlers/index.ts';
import { readableKeyString } from '../handlers/records.ts';
import { compareRow, compareTable, oracleFromSource, TargetOracle, type RowMismatch } from './oracle.ts';
import { recordIndex } from './recordIndex.ts';
import { allCheckStates, checkState, type ConsumerCheckState } from './state.ts';
import { confirmPassed, scanFacts, type Outcome } from './scan.ts';
import { listSentences } from './format.ts';
import { replicationChecks } from './replication.ts';

export { CHECKS, type CheckName } from './state.ts';
export { formatSimTime } from './format.ts';

function prepare(world: World, consumerId: string): ConsumerCheckState {
  const st = checkState(world, consumerId);
  if (!st.reg) {
    const reg = registeredHandler(world, consumerId);
    if (reg) {
      st.reg = reg;
      st.oracle = new TargetOracle(reg.parts);
    }
  }
  return st;
}

/** The causes recorded for records that touch any of `keys`, and their eventIDs. */
function causesFor(st: ConsumerCheckState, keys: readonly string[]): { texts: string[]; eventIDs: string[] } {
  const texts: string[] = [];
  const eventIDs: string[] = [];
  for (const inc of st.incidents.values()) {
    if (!keys.some((k) => inc.keys.has(k))) continue;
    texts.push(inc.text);
    eventIDs.push(inc.eventID);
  }
  return { texts, eventIDs };
}

/** `VoteCounts-c1[alice] votes = 3, expected 2; VoteCounts-c1[bob] ...` */
function rowsInWords(st: ConsumerCheckState, rows: readonly RowMismatch[]): string {
  const target = st.reg?.handler.targetTable ?? '';
  return listSentences(rows.map((m) => `${target}[${readableKeyString(m.keyString)}] ${m.detail}`));
}

/** (a): re-compares the target rows touched since the last evaluation with the oracle. */
function evaluateTarget(world: World, st: ConsumerCheckState, out: Outcome[]): void {
  if (!st.reg || !st.oracle) return;
  const target = world.tables.get(st.reg.handler.targetTable);
  const newly: RowMismatch[] = [];
  for (const ks of [...st.dirty].sort()) {
    const m = compareRow(st.reg.parts.logic, st.oracle, ks, target?.items.get(ks));
    if (!m) st.mismatched.delete(ks);
    else if (!st.mismatched.has(ks)) {
      st.mismatched.set(ks, m);
      newly.push(m);
    } else st.mismatched.set(ks, m);
  }
  st.dirty.clear();
  if (newly.length > 0) {
    const { texts, eventIDs } = causesFor(st, newly.map((m) => m.keyString));
    const cause = texts.length > 0 ? ` Cause: ${listSentences(texts, 2)}.` : ' No single record explains it yet.';
    out.push({
      kind: 'broken',
      check: 'target-matches-records',
      message: `The target differs from what the records ${st.consumer} processed imply: ${rowsInWords(st, newly)}.${cause}`,
      eventIDs,
    });
  }
}

function emit(world: World, consumer: string, outcomes: readonly Outcome[]): void {
  for (const o of outcomes) {
    if (o.kind === 'broken') record(world, { t: world.nowMs, type: 'invariant-broken', check: o.check, consumer, message: o.message, eventIDs: o.eventIDs });
    else record(world, { t: world.nowMs, type: 'invariant-restored', check: o.check, consumer, message: o.message });
  }
}

/** Reports the target check restored when rows were wrong before this evaluation and none are now. */
function targetRestored(st: ConsumerCheckState, hadMismatch: boolean, out: Outcome[]): void {
  if (hadMismatch && st.mismatched.size === 0 && st.reg) {
    out.push({
      kind: 'restored',
      check: 'target-matches-records',
      message: `${st.reg.handler.targetTable} again matches what the records ${st.consumer} processed imply.`,
      eventIDs: [],
    });
  }
}

/** Evaluates every check for one consumer over the facts since its last evaluation; records the outcomes. */
export function evaluateChecks(world: World, consumerId: string): void {
  const st = prepare(world, consumerId);
  const idx = recordIndex(world);
  const out: Outcome[] = [];
  const hadMismatch = st.mismatched.size > 0;
  scanFacts(world, st, idx, out);
  evaluateTarget(world, st, out);
  targetRestored(st, hadMismatch, out);
  emit(world, consumerId, out);
  st.cursor = world.trace.length; // past our own facts
}

/** At the end of a run: every check once more, lost records confirmed, targets against their sources. */
export function finalChecks(world: World): void {
  const ids = new Set<string>([...world.consumers.keys(), ...registeredConsumers(world), ...allCheckStates(world).keys()]);
  for (const id of [...ids].sort()) {
    evaluateChecks(world, id);
    const st = checkState(world, id);
    const out: Outcome[] = [];
    confirmPassed(st, undefined, undefined, world.nowMs, out);
    finalTarget(world, st, out);
    emit(world, id, out);
    st.cursor = world.trace.length;
  }
  // Global tables: do the replicas hold the same items, and which writes did last writer wins drop?
  replicationChecks(world);
}

/** At quiescence the target should be what the source table implies (not for the archiver). */
function finalTarget(world: World, st: ConsumerCheckState, out: Outcome[]): void {
  const reg = st.reg;
  const source = reg && world.tables.get(reg.handler.spec.sourceTable);
  // A consumer behind a filter sees only the matching records by design; its target cannot equal
  // what the whole table implies, so only the per-record checks judge it.
  if (!reg || !source || st.filtered.size > 0) return;
  const oracle = oracleFromSource(reg.parts, source);
  if (!oracle) return;
  const rows = compareTable(reg.parts.logic, oracle, world.tables.get(reg.handler.targetTable));
  if (rows.length === 0) {
    if (st.finalBroken) {
      st.finalBroken = false;
      out.push({ kind: 'restored', check: 'target-matches-source', message: `${reg.handler.targetTable} matches ${source.name}.`, eventIDs: [] });
    }
    return;
  }
  st.finalBroken = true;
  const idx = recordIndex(world);
  let unprocessed = 0;
  for (const info of idx.byEvent.values()) if (info.table === source.name && !((st.processed.get(info.eventID)?.ok ?? 0) > 0)) unprocessed++;
  const { texts, eventIDs } = causesFor(st, rows.map((r) => r.keyString));
  const causes = [...(unprocessed > 0 ? [`${unprocessed} record(s) of ${source.name} were never processed by ${st.consumer}`] : []), ...texts];
  out.push({
    kind: 'broken',
    check: 'target-matches-source',
    message: `At the end of the run the target differs from what ${source.name} holds: ${rowsInWords(st, rows)}.${causes.length > 0 ? ` Cause: ${listSentences(causes, 3)}.` : ''}`,
    eventIDs,
  });
}
