/**
 * Hands the page over from the pre-rendered first view (index.html's `#first-frame`, made at build
 * time by tools/firstFrame/) to the live app: the picture stays until the timeline has drawn its
 * first frame from the worker (the `streamscope:first-frame` mark), or until the app shows an error
 * (then the learner must see it), and is removed in the same task, so the live page appears in the
 * next paint exactly where the picture was. Off for anything but the default scenario.
 *
 * May import: the timeline's first-frame mark name, the DOM.
 */
import { FIRST_FRAME_MARK } from '../timeline/LayeredCanvas.tsx';

export const FIRST_FRAME_ID = 'first-frame';

/** The default scenario opened without a link: the only page the picture is of. */
export function isDefaultStart(search: string, hash: string, defaultId: string): boolean {
  const params = new URLSearchParams(search);
  const keys = [...params.keys()];
  const plain = keys.length === 0 || (keys.length === 1 && params.get('scenario') === defaultId);
  return plain && (hash === '' || hash === '#');
}

/** Removes the picture when the live frame is drawn (or at once when it is not the page's). */
export function handOverFirstFrame(doc: Document, isDefault: boolean): void {
  const picture = doc.getElementById(FIRST_FRAME_ID);
  if (!picture) return;
  if (!isDefault || picture.dataset.scenario === undefined) {
    picture.remove();
    return;
  }
  const root = doc.getElementById('root');
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    marks.disconnect();
    errors.disconnect();
    picture.remove();
  };
  const marks = new PerformanceObserver((list) => {
    if (list.getEntriesByName(FIRST_FRAME_MARK).length > 0) finish();
  });
  marks.observe({ type: 'mark', buffered: true });
  // An error (the worker crashed, the run failed) replaces the wait: the learner must read it.
  const errors = new MutationObserver(() => {
    if (root?.querySelector('[role="alert"]')) finish();
  });
  if (root) errors.observe(root, { childList: true, subtree: true });
}
