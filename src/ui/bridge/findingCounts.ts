/**
 * How many findings an imported stream has in all, for the dock's Findings tab: its count is what a
 * phone's folded sheet shows of the findings (`dock/Dock.tsx`). `findingCounts` counts every
 * finding of a kind while `findings` lists only the first examples, so a kind's count comes from
 * the former where the summary has it (`findingCountOf`, which the Findings panel counts by too). Kept apart from the panel
 * (a chunk loaded when shown) because the tab is drawn with the page.
 *
 * May import: protocol types. May not import: React, worker runtime, sim runtime.
 */
import type { ImportFinding, ImportSummary } from '../../worker/protocol.ts';

type Counted = Pick<ImportSummary, 'findings' | 'findingCounts'>;

/** Every finding of one kind, listed or not: the summary's count of it, else the listed ones. */
export function findingCountOf({ findings, findingCounts }: Counted, kind: ImportFinding['kind']): number {
  return findingCounts?.[kind] ?? findings.filter((f) => f.kind === kind).length;
}

/** Every finding of the stream, listed or not. */
export function findingsTotal(imported: Counted): number {
  const kinds = new Set([...(Object.keys(imported.findingCounts ?? {}) as ImportFinding['kind'][]), ...imported.findings.map((f) => f.kind)]);
  let total = 0;
  for (const kind of kinds) total += findingCountOf(imported, kind);
  return total;
}

/** The dock's Findings tab's count and what a screen reader says of it ("3 findings"). */
export function findingsTabCount(imported: Counted): { count: number; description: string } {
  const count = findingsTotal(imported);
  return { count, description: `${count.toLocaleString('en-US')} finding${count === 1 ? '' : 's'}` };
}
