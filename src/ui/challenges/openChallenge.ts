/**
 * Opening a challenge from the gallery: the Challenge tab opens at once, and the visible run with the
 * learner's saved attempt (or the challenge's start) loads as soon as the challenges' chunk is in.
 *
 * May import: ./challenge.store.ts, stores, the playback machine type. May not import: worker runtime, React.
 */
import type { ActorRefFrom } from 'xstate';
import type { PlaybackMachine } from '../machines/playback.machine.ts';
import { dockTabChosen, selectionCleared } from '../stores/view.store.ts';
import { challengeOpened, challengeStore } from './challenge.store.ts';

export async function openChallenge(id: string, playback: ActorRefFrom<PlaybackMachine>): Promise<void> {
  challengeOpened(id);
  dockTabChosen('challenge');
  const [{ findChallenge }, { visibleSource }] = await Promise.all([import('../../challenges/catalogue.ts'), import('./challengeRuns.ts')]);
  const challenge = findChallenge(id);
  if (!challenge) return;
  selectionCleared();
  playback.send({ type: 'playback.load', source: visibleSource(challenge, challengeStore.getState().progress[id]?.attempt ?? challenge.start) });
}
