import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { stripAnsi } from '../../src/engine/index.js';
import { serveDetached } from '../helpers/serve.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { eventsOf, startDemo, turnDone } from '../helpers/jobs.js';
import { waitFor } from '../helpers/wait-for.js';

/** Exactly `length` UTF-16 units of varied text: quotes, shell words, CRs, 3- and 4-byte UTF-8. */
function bigText(length: number): string {
  const words = ['plain', '"quoted"', "'single'", '$(id)', '`x`', 'a;b', '✓', '😀', '\\n', '\r'];
  let s = '';
  for (let i = 0; s.length < length; i++) s += `${words[i % words.length] as string} `;
  // Never end on half of a surrogate pair.
  return s.slice(0, length).replace(/[\ud800-\udbff]$/, 'x');
}

/**
 * Issue 13, item 8: the terminal socket documents 64 KB per input message, and tmux refuses a
 * command over ~16 KB (`command too long`). A paste of exactly 64 KB, as xterm.js sends it
 * (bracketed), must reach the agent byte for byte.
 */
describe('a 64 KB paste through the terminal WebSocket', () => {
  let h: Harness;
  let base: string;
  let token: string;
  let agent: string;

  beforeAll(async () => {
    h = createHarness('big-input');
    agent = await startDemo(h, '[[say "ready"]]');
    await turnDone(h, agent, 'ready');
    ({ base, token } = await serveDetached(h));
  });
  afterAll(() => h?.cleanup());

  it('arrives whole and byte-exact as one prompt', async () => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/api/terminal/${agent}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    let out = '';
    const errors: string[] = [];
    ws.on('message', (m) => {
      const msg = JSON.parse(String(m)) as { type: string; data?: string; message?: string };
      if (msg.type === 'output') out += stripAnsi(msg.data ?? '');
      if (msg.type === 'error') errors.push(msg.message ?? '');
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    await waitFor(() => out.includes('Welcome to Claude Code'), 'the screen as it is now');
    const open = '\x1b[200~';
    const close = '\x1b[201~';
    const text = bigText(64 * 1024 - open.length - close.length);
    const data = `${open}${text}${close}`;
    expect(data.length).toBe(64 * 1024);
    ws.send(JSON.stringify({ type: 'input', data }));
    await waitFor(
      () => errors.length > 0 || out.includes('[Pasted text #1'),
      'the paste to reach the input line (or an error)',
    );
    expect(errors).toEqual([]);
    ws.send(JSON.stringify({ type: 'input', data: '\r' }));
    const prompt = await waitFor(async () => {
      const events = await eventsOf(h, agent);
      const p = events.filter((e) => e.event === 'UserPromptSubmit').at(-1)?.payload['prompt'];
      return p !== '[[say "ready"]]' && p;
    }, 'the agent to take the pasted prompt');
    // A terminal's paste carries CR for a line end; the agent reads it as LF, as Claude Code does.
    expect(prompt).toBe(text.replace(/\r/g, '\n'));
    ws.close();
  });
});
