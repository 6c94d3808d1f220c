/**
 * The compare view's named pairs as plain data, without the scenarios they run: the gallery (in the
 * app's first chunk) lists them, and `comparisons.ts` resolves each side to its scenario when the
 * compare view loads.
 *
 * Data only. May import: nothing at runtime.
 */

export interface ComparisonSide {
  /** What this side is, in a few words ("naive counter"). */
  label: string;
  scenarioId: string;
  /** Keep only these consumers (and the interventions aimed at them); all when absent. */
  consumers?: readonly string[];
}

export interface Comparison {
  id: string;
  title: string;
  /** The question the pair answers, shown above the two runs. */
  question: string;
  left: ComparisonSide;
  right: ComparisonSide;
}

export const comparisons: readonly Comparison[] = [
  {
    id: 'voting',
    title: 'Naive vs idempotent vote counter',
    question: 'The same votes and the same mid-batch crash; Lambda retries the whole batch. Which counter ends with the right totals?',
    left: { label: 'naive counter (plain increment)', scenarioId: 'voting-naive-crash' },
    right: { label: 'idempotent counter (eventID ledger)', scenarioId: 'voting-idempotent' },
  },
  {
    id: 'checkpoints',
    title: 'Checkpoint every record vs every 10 records',
    question: 'The same batch and the same crash before a checkpoint; a standby worker takes over. How much does each replay, and how many checkpoint writes did it pay?',
    left: { label: 'checkpoint every record', scenarioId: 'checkpoint-frequency', consumers: ['every-record'] },
    right: { label: 'checkpoint every 10 records', scenarioId: 'checkpoint-frequency', consumers: ['every-10'] },
  },
];
