/**
 * Notices: a link or file that could not be restored, each saying what and why (the codec's or
 * validator's reason and details), dismissible, and offering the user's last scenario back.
 * Everything shown is text (React escapes it), so a hostile title or path renders as typed.
 *
 * May import: React, the view store. May not import: worker, sim.
 */
import { noticeDismissed, useViewStore, type Notice } from '../stores/view.store.ts';

function NoticeCard({ notice, onRestore }: { notice: Notice; onRestore: (fragment: string) => void }) {
  return (
    <section className="notice" role="alert" aria-labelledby={`notice-${notice.id}`}>
      <header className="notice__header">
        <h2 id={`notice-${notice.id}`}>{notice.title}</h2>
        <code className="notice__reason">{notice.reason}</code>
      </header>
      <p>{notice.message}</p>
      {notice.details.length > 0 && (
        <ul className="notice__details" aria-label="What was wrong">
          {notice.details.map((d, i) => (
            <li key={i}>
              <code>{d}</code>
            </li>
          ))}
        </ul>
      )}
      <div className="notice__actions">
        {notice.restoreLast && (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              noticeDismissed(notice.id);
              onRestore(notice.restoreLast!);
            }}
          >
            Restore your last scenario
          </button>
        )}
        <button type="button" className="button button--small" onClick={() => noticeDismissed(notice.id)}>
          Dismiss
        </button>
      </div>
    </section>
  );
}

export function Notices({ onRestore }: { onRestore: (fragment: string) => void }) {
  const notices = useViewStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <NoticeCard key={n.id} notice={n} onRestore={onRestore} />
      ))}
    </div>
  );
}
