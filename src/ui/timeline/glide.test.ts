/**
 * The playhead's glide (`glide.ts`) with a stand-in element and document timeline: paused it writes a
 * transform only when the device pixel changes; playing it starts one compositor animation and
 * leaves it alone while it agrees with the playhead, starting it again when they part or the pace changes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { glide } from './glide.ts';

interface FakeAnimation {
  keyframes: Keyframe[];
  duration: number;
  startTime: number | null;
  cancelled: boolean;
  cancel(): void;
}

function fakeElement() {
  const animations: FakeAnimation[] = [];
  let writes = 0;
  const style = {
    _t: '',
    get transform() {
      return this._t;
    },
    set transform(v: string) {
      writes++;
      this._t = v;
    },
  };
  const el = {
    style,
    animate(keyframes: Keyframe[], options: KeyframeAnimationOptions) {
      const a: FakeAnimation = { keyframes, duration: Number(options.duration), startTime: null, cancelled: false, cancel: () => (a.cancelled = true) };
      animations.push(a);
      return a as unknown as Animation;
    },
  };
  return { el: el as unknown as HTMLElement, animations, writes: () => writes, style };
}

const timeline = { currentTime: 1_000 as number | null };
beforeEach(() => {
  timeline.currentTime = 1_000;
  (globalThis as unknown as { document: unknown }).document = { timeline };
});
afterEach(() => {
  delete (globalThis as unknown as { document?: unknown }).document;
});

describe('glide', () => {
  it('paused, writes the transform only when the device pixel changes', () => {
    const f = fakeElement();
    const g = glide(f.el, 2);
    expect(g.at(10.1, 0, 500)).toBe(false);
    expect(f.style.transform).toBe('translate3d(10px,0,0)');
    g.at(10.2, 0, 500); // the same device pixel (20.4 → 20)
    expect(f.writes()).toBe(1);
    g.at(10.3, 0, 500); // 20.6 → 21
    expect(f.style.transform).toBe('translate3d(10.5px,0,0)');
    expect(f.animations).toHaveLength(0);
  });

  it('playing, one animation at the playhead pace while it agrees with the playhead', () => {
    const f = fakeElement();
    const g = glide(f.el, 1);
    expect(g.at(100, 0.05, 600)).toBe(true);
    expect(f.animations).toHaveLength(1);
    const a = f.animations[0]!;
    expect(a.keyframes).toEqual([{ transform: 'translate3d(100px,0,0)' }, { transform: 'translate3d(600px,0,0)' }]);
    expect(a.duration).toBe(10_000);
    expect(a.startTime).toBe(1_000);
    // 80 ms later the playhead is 4 px on: where the animation is too.
    timeline.currentTime = 1_080;
    expect(g.at(104, 0.05, 600)).toBe(true);
    expect(f.animations).toHaveLength(1);
    // The clock lost 100 ms (a long frame clamped): 5 px apart, started again from the playhead.
    timeline.currentTime = 1_280;
    g.at(109, 0.05, 600);
    expect(f.animations).toHaveLength(2);
    expect(a.cancelled).toBe(true);
    expect(f.animations[1]!.keyframes[0]).toEqual({ transform: 'translate3d(109px,0,0)' });
    expect(f.style.transform).toBe('translate3d(109px,0,0)'); // where it rests if cancelled
    // Another speed: another animation; paused: none, at the playhead's pixel.
    g.at(109, 0.1, 600);
    expect(f.animations).toHaveLength(3);
    g.at(112.2, 0, 600);
    expect(f.animations.every((x) => x.cancelled)).toBe(true);
    expect(f.style.transform).toBe('translate3d(112px,0,0)');
  });

  it('stands still at its end and without a document timeline', () => {
    const f = fakeElement();
    const g = glide(f.el, 1);
    expect(g.at(600, 0.05, 600)).toBe(false);
    timeline.currentTime = null;
    expect(g.at(100, 0.05, 600)).toBe(false);
    expect(f.animations).toHaveLength(0);
    expect(f.style.transform).toBe('translate3d(100px,0,0)');
  });
});
