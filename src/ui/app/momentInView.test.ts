import { describe, expect, it } from 'vitest';
import { revealScrollTop } from './momentInView.ts';

describe('revealScrollTop', () => {
  it('keeps a box at its top when the moment shows there (a timeline that fits: wide screens)', () => {
    expect(revealScrollTop(0, 400, 80, 300)).toBe(0);
    // Scrolled by the learner, then the box resized: back to the top, which shows the moment.
    expect(revealScrollTop(50, 400, 80, 300)).toBe(0);
  });

  it('scrolls the tools out when the axis and the moment fit only below them (a phone with its sheet open)', () => {
    // Tools 80 px, then the axis and table row (64) and one shard lane (40): a box of 104 shows them exactly.
    expect(revealScrollTop(0, 104, 80, 184)).toBe(80);
  });

  it('scrolls up to a moment above the view, no further than it needs', () => {
    expect(revealScrollTop(300, 150, 80, 200)).toBe(50);
  });

  it('shows the lane, the bottom of the band, when the band is taller than the box', () => {
    expect(revealScrollTop(0, 142, 80, 384)).toBe(242);
    expect(revealScrollTop(500, 142, 80, 384)).toBe(242);
  });

  it('does nothing in a box with no height or for an empty band', () => {
    expect(revealScrollTop(12, 0, 80, 300)).toBe(12);
    expect(revealScrollTop(12, 100, 80, 80)).toBe(12);
  });
});
