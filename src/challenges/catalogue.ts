/**
 * The challenges, in the order the gallery lists them, each checked against the format when this
 * module loads (a malformed challenge is a bug to see at once, not a panel that half works).
 *
 * May import: ./schema.ts and the challenge modules. May not import sim runtime, worker, ui, share.
 */
import { ChallengeSchema, type Challenge } from './schema.ts';
import { voteCounterChallenge } from './voteCounter.ts';
import { checkpointPlacementChallenge, kclFailoverChallenge } from './kclCheckpoints.ts';
import { globalTableChallenge, ttlArchiverChallenge } from './codeChallenges.ts';
import { perKeyOrderChallenge } from './perKeyOrder.ts';
import { partialBatchChallenge, poisonChallenge } from './lambdaErrors.ts';

export const challenges: readonly Challenge[] = [voteCounterChallenge, checkpointPlacementChallenge, poisonChallenge, partialBatchChallenge, perKeyOrderChallenge, ttlArchiverChallenge, kclFailoverChallenge, globalTableChallenge].map((c) => ChallengeSchema.parse(c));

export function findChallenge(id: string): Challenge | undefined {
  return challenges.find((c) => c.id === id);
}
