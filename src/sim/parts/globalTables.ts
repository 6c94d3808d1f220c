/**
 * The global-tables part (`../parts.ts`): replicas in other Regions and the replication between
 * them; a chunk of its own in the browser's worker, loaded before a run whose plan adds a replica.
 */
import type { GlobalTablesPart } from '../parts.ts';
import { replicaDescription, updateReplicas } from '../replication/replicas.ts';
import { deliverReplication, replicateCommitted } from '../replication/replicate.ts';

export const globalTablesPart: GlobalTablesPart = { updateReplicas, replicaDescription, replicateCommitted, deliverReplication };
