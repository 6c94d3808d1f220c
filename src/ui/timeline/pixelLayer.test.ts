/** The playhead's layer (`pixelLayer.ts`) writes its transform only when the device pixel changes. */
import { describe, expect, it } from 'vitest';
import { pixelLayer } from './pixelLayer.ts';

describe('pixelLayer', () => {
  it('writes the transform only when the device pixel changes', () => {
    let writes = 0;
    let value = '';
    const el = {
      style: {
        set transform(v: string) {
          writes++;
          value = v;
        },
      },
    } as unknown as HTMLElement;
    const layer = pixelLayer(el, 2);
    expect(layer.at(10.1)).toBe(true);
    expect(value).toBe('translate3d(10px,0,0)');
    expect(layer.at(10.2)).toBe(false); // 20.4 → 20: the same device pixel
    expect(layer.at(10.3)).toBe(true); // 20.6 → 21
    expect(value).toBe('translate3d(10.5px,0,0)');
    expect(writes).toBe(2);
  });
});
