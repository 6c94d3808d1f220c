/**
 * The mark of a record the DynamoDB service wrote itself: a TTL deletion, whose `userIdentity` is
 * `{ Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' }`. It is drawn as a square frame
 * around the chip, so a TTL delete does not look like a user's delete (a bare ✕), and the legend
 * shows the same frame. Consumers that archive expired items tell the two apart by that identity.
 *
 * May import: ./drawMarks.ts types. May not import: React, DOM globals.
 */
import type { MarksContext } from './drawMarks.ts';

/** The frame's colour (a teal that is neither a key colour nor the harm red). */
export const SERVICE_COLOUR = '#0f766e';

/** Frames the chip at (x, y) of radius r. */
export function drawServiceMark(ctx: MarksContext, x: number, y: number, r: number): void {
  const a = r + 3;
  ctx.strokeStyle = SERVICE_COLOUR;
  ctx.lineWidth = 2;
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.rect(x - a, y - a, 2 * a, 2 * a);
  ctx.stroke();
}

export const SERVICE_LEGEND = 'REMOVE by TTL (the service, not a user)';
