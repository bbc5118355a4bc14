import { Hono } from 'hono';
import type { Engine } from '../../engine/index.js';
import { addNotes, noteOf, type Note, type NoteEvent } from '../../view/notes.js';

/**
 * The page's Notifications view: the notes this server saw since it started, made by the same
 * rules and in the same words as the TUI's panel (src/view/notes.ts). GET /api/notifications
 * gives them newest first; the page reloads them when an event that makes one arrives.
 */
export function notificationsRoute(engine: Engine) {
  let notes: Note[] = [];
  const note = (e: NoteEvent): void => {
    const text = noteOf(e, (id) => engine.triggers.approvals().find((a) => a.id === id));
    if (text) notes = addNotes(notes, [{ at: Date.now(), ...text }]);
  };
  const offs = [
    engine.events.on('job_completed', (j) => note({ name: 'job_completed', payload: j })),
    engine.events.on('job_failed', (j) => note({ name: 'job_failed', payload: j })),
    engine.events.on('approval_updated', (a) => note({ name: 'approval_updated', payload: a })),
    engine.events.on('notification', (n) => note({ name: 'notification', payload: n })),
  ];
  const routes = new Hono().get('/api/notifications', (c) => c.json(notes));
  return { routes, close: () => offs.forEach((off) => off()) };
}
