/**
 * What a share link carries, version 1: which scenario (a built-in id, or a whole scenario inline),
 * the seed when it differs, the interventions the user made, the playhead and the view.
 *
 * Bump the version only when `optional`/`default` cannot absorb a change; each bump adds a migration
 * in `migrations.ts` and a fixture link in `__fixtures__/`, so old links keep opening.
 *
 * May import: zod, scenarios (schema), sim types. May not import: worker, ui.
 */
import { z } from 'zod';
import { InterventionSchema, ScenarioSchema } from '../scenarios/schema.ts';
import { ScenarioEditsSchema } from '../scenarios/edits.ts';

export const LINK_VERSION = 1;

export const LinkViewSchema = z.object({
  /** Playback speed multiplier. */
  speed: z.number().min(0.25).max(10_000).optional(),
  /** Visible time window [from, to] in simulated ms. */
  window: z.tuple([z.number().min(0), z.number().min(0)]).optional(),
  /** Selected record's eventID. */
  selected: z.string().max(64).optional(),
});

export const LinkPayloadSchema = z
  .object({
    v: z.literal(LINK_VERSION),
    /** A built-in scenario by id, or a full scenario inline. */
    scenario: z.union([z.object({ id: z.string().max(64) }), z.object({ inline: ScenarioSchema })]),
    /**
     * Added in v1 (optional, so older links still open and the version stays 1): settings changed in
     * the app, as a change set against the built-in scenario `scenario.id` (`scenarios/edits.ts`).
     */
    edits: ScenarioEditsSchema.optional(),
    /** Overrides the scenario's seed. */
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    /** Interventions the user added on top of the scenario's own, in the order they were made. */
    interventions: z.array(InterventionSchema).max(200).optional(),
    /** Playhead, simulated ms. */
    at: z.number().min(0).optional(),
    view: LinkViewSchema.optional(),
    /**
     * Added in v1 (optional, so older links still open and the version stays 1): an attempt at a
     * challenge (`src/challenges`). The attempt itself is the run's `edits` (the learner's settings
     * and code against the challenge's visible run); opening the link grades it again.
     */
    challenge: z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/) }).strict().optional(),
  })
  .refine((p) => p.edits === undefined || 'id' in p.scenario, { message: 'edits apply to a built-in scenario; an inline scenario carries its settings itself', path: ['edits'] })
  .refine((p) => p.challenge === undefined || 'id' in p.scenario, { message: 'a challenge attempt runs on a built-in scenario', path: ['challenge'] });

export type LinkPayload = z.infer<typeof LinkPayloadSchema>;
