/**
 * The scheduled requests part (`../parts.ts`): the interventions that send a request when their
 * time comes (a write, a mapping or table update) and the forms' checks of one before it is
 * scheduled; a chunk of its own in the browser's worker, loaded before a run with such an
 * intervention (the scenario's or the user's) and before the forms' first check.
 */
import type { ScheduledRequestsPart } from '../parts.ts';
import { applyWrite, writeRequestProblem } from '../faults/write.ts';
import { applySettingChange, settingsRequestProblem } from '../faults/settings.ts';

export const scheduledRequestsPart: ScheduledRequestsPart = { applyWrite, applySettingChange, writeRequestProblem, settingsRequestProblem };
