// The host's yield between slices (./turn.ts): each turn resolves, in the order asked, both as
// Node takes it (setImmediate) and as a browser does (a message to a port of our own).
import { describe, expect, it } from 'vitest';
import { nextTurn, viaPort } from './turn.ts';

describe('a turn of the event loop', () => {
  for (const [name, turn] of [['nextTurn', nextTurn], ['through a port', viaPort]] as const) {
    it(`${name}: turns resolve in the order asked, after the code that asked`, async () => {
      const order: string[] = [];
      const turns = Promise.all([1, 2, 3, 4].map((i) => turn().then(() => order.push(`turn ${i}`))));
      order.push('asked');
      await turns;
      expect(order).toEqual(['asked', 'turn 1', 'turn 2', 'turn 3', 'turn 4']);
      for (let i = 0; i < 50; i++) await turn();
    });
  }
});
