import { useEffect, useState } from 'preact/hooks';
import { noteLine, type Note } from '../view/notes.js';
import { api } from './api.js';

/**
 * What happened, newest first, in the TUI's words (src/view/notes.ts): the server keeps the
 * notes it saw since it started (GET /api/notifications); each event that makes one reloads them.
 */
export function NotificationsView(props: { tick: number }) {
  const [notes, setNotes] = useState<Note[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<Note[]>('/api/notifications').then(setNotes, (e: Error) => setError(e.message));
  }, [props.tick]);
  if (error) return <p class="err">{error}</p>;
  if (notes === null) return <p class="dim">loading…</p>;
  return (
    <section id="notifications">
      <h3>Notifications</h3>
      {notes.length === 0 ? <p class="dim">no notifications yet</p> : null}
      <ul>
        {notes.map((n) => (
          <li key={`${n.at}-${n.title}`} data-note>
            {noteLine(n)}
          </li>
        ))}
      </ul>
    </section>
  );
}
