/**
 * The projections part (`../parts.ts`): a read's ProjectionExpression or AttributesToGet and an
 * UpdateItem's UPDATED_OLD / UPDATED_NEW (`../table/reads/projection.ts`); a chunk of its own in the
 * browser's worker, loaded before a run that asks for one (or runs the learner's code, which may).
 */
import type { ProjectionsPart } from '../parts.ts';
import { projectItem, projectionOf, readProjection, resolveProjection } from '../table/reads/projection.ts';

export const projectionsPart: ProjectionsPart = { readProjection, projectItem, projectionOf, resolveProjection };
