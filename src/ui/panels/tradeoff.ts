/**
 * Which points the checkpoint trade-off chart (CheckpointTradeoff.tsx) draws: one per KCL consumer,
 * when two or more checkpoint differently. Kept apart from the chart so the app can decide whether to
 * show it without loading it.
 *
 * May import: protocol and scenario types, ./ConsumersPanel.tsx helpers.
 */
import type { ConsumerCountersView } from '../../worker/protocol.ts';
import { checkpointText, type ConsumerSpec } from './ConsumersPanel.tsx';

type KclSpec = Extract<ConsumerSpec, { kind: 'kcl' }>;

export interface TradeoffPoint {
  id: string;
  strategy: string;
  checkpointWrites: number;
  reprocessed: number;
}

/** The points to draw, or none when fewer than two KCL consumers checkpoint differently. */
export function tradeoffPoints(specs: readonly ConsumerSpec[], counters: Record<string, ConsumerCountersView> | undefined): TradeoffPoint[] {
  const kcl = specs.filter((s): s is KclSpec => s.kind === 'kcl');
  const strategies = new Set(kcl.map((s) => JSON.stringify(s.checkpoint)));
  if (kcl.length < 2 || strategies.size < 2) return [];
  return kcl.map((s) => ({
    id: s.id,
    strategy: checkpointText(s.checkpoint),
    checkpointWrites: counters?.[s.id]?.checkpointWrites ?? 0,
    reprocessed: counters?.[s.id]?.reprocessed ?? 0,
  }));
}
