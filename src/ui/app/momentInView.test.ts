import { describe, expect, it } from 'vitest';
import { revealScrollTop } from './momentInView.ts';

describe('revealScrollTop', () => {
  it('keeps a box at its top when the moment shows there (a timeline that fits: wide screens)', () => {
    // Wherever the learner left it, a resize brings the box back to its top, which shows the moment.
    expect(revealScrollTop(400, { top: 80, bottom: 300 })).toBe(0);
  });

  it('scrolls the tools out when the axis and the moment fit only below them (a phone with its sheet open)', () => {
    // Tools 80 px, then the axis and table row (64) and one shard lane (40): a box of 104 shows them exactly.
    expect(revealScrollTop(104, { top: 80, bottom: 184 })).toBe(80);
  });

  it('scrolls up to a moment above the view, no further than it needs: the tools above it keep what room is left', () => {
    expect(revealScrollTop(150, { top: 80, bottom: 200 })).toBe(50);
  });

  it('on a short stage puts the axis at the top when the tools and the band do not fit together: the lanes after the moment fill the rest, not half the tools', () => {
    // A box of 150: showing 50…200 would show 30 px of the tools cut; 80…230 shows 30 px of lanes below the moment.
    expect(revealScrollTop(150, { top: 80, bottom: 200 }, 'lanes')).toBe(80);
    // Where the tools and the band fit together, the tools show all the same.
    expect(revealScrollTop(400, { top: 80, bottom: 300 }, 'lanes')).toBe(0);
  });

  it('shows the lane, the bottom of the band, when the band is taller than the box', () => {
    expect(revealScrollTop(142, { top: 80, bottom: 384 })).toBe(242);
    expect(revealScrollTop(142, { top: 80, bottom: 384 }, 'lanes')).toBe(242);
  });

  it('rounds to a whole pixel', () => {
    expect(revealScrollTop(100.4, { top: 80, bottom: 200.6 })).toBe(100);
    expect(revealScrollTop(150, { top: 80.4, bottom: 200 }, 'lanes')).toBe(80);
  });

  it('leaves the box where it is in a box with no height or for an empty band', () => {
    expect(revealScrollTop(0, { top: 80, bottom: 300 })).toBeUndefined();
    expect(revealScrollTop(100, { top: 80, bottom: 80 }, 'lanes')).toBeUndefined();
  });
});
