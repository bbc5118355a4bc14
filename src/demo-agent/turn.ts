import type { App } from './app.js';
import { numArg, parseDirectives, type Directive } from './directives.js';
import { style } from './screen.js';
import { tokensOf } from './transcript.js';
import { runToolCall } from './tool-call.js';

/** Pause before the first output of a turn and between steps (scaled by CC_DEMO_SPEED). */
const THINK_MS = 300;
const STEP_MS = 150;

export interface TurnState {
  prompt: string;
  text: string;
  replies: string[];
  /** Tokens added to the context by this turn before the reply (prompt, tool results). */
  fresh: number;
  pct: number | undefined;
}

const firstLine = (s: string): string => s.trim().split('\n')[0] ?? '';

/** Show a reply as Claude Code does: a bullet, continuation lines indented. */
export function say(app: App, text: string): void {
  const [head = '', ...rest] = text.split('\n');
  app.commit([`${style.bold('●')} ${head}`, ...rest.map((l) => `  ${l}`)]);
}

/**
 * One turn: UserPromptSubmit, the prompt's directives in order, the reply, Stop. An Escape
 * (or a rejected permission) ends it early with no Stop hook, exactly as Claude Code behaves.
 */
export async function runTurn(app: App, prompt: string): Promise<void> {
  const s = app.session;
  const turn = app.beginTurn('Thinking');
  const started = Date.now();
  const promptId = s.newPrompt();
  const gate = await s.hook('UserPromptSubmit', { prompt });
  if (gate.blocked) {
    app.commit([style.red(`  ⎿  UserPromptSubmit operation blocked by hook: ${gate.reason}`)]);
    return app.endTurn();
  }
  s.transcript.user(prompt, promptId, {
    permissionMode: s.mode,
    promptSource: 'typed',
    origin: { kind: 'human' },
  });
  const lines = prompt.split('\n');
  const more = lines.length > 1 ? style.dim(` … +${lines.length - 1} lines`) : '';
  app.commit(['', `${style.accent('❯')} ${(lines[0] ?? '').slice(0, 300)}${more}`]);
  // Out of usage: every turn ends at once with the limit, as Claude Code does until it resets.
  if (s.limitedUntil > Date.now()) {
    await hitLimit(app);
    return app.endTurn();
  }
  const { directives, text } = parseDirectives(prompt);
  const state: TurnState = { prompt, text, replies: [], fresh: tokensOf(prompt), pct: undefined };
  await app.sleep(app.scaled(THINK_MS), turn.signal);
  app.verb = 'Working';
  let ended = false;
  for (const d of directives) {
    if (turn.signal.aborted) break;
    if ((await step(app, d, state, turn.signal)) === 'end') {
      ended = true;
      break;
    }
    await app.sleep(app.scaled(STEP_MS), turn.signal);
  }
  if (turn.signal.aborted || ended) {
    if (turn.signal.aborted) {
      app.commit([style.red('  ⎿  Interrupted · What should Claude do instead?')]);
    }
    return app.endTurn();
  }
  let reply = state.replies.join('\n\n');
  if (reply === '') {
    reply = `Done: ${firstLine(text) || '(no text)'}`;
    say(app, reply);
  }
  const usage = s.usage(state.fresh, reply, state.pct);
  s.transcript.assistant(s.args.model, [{ type: 'text', text: reply }], usage, s.args.effort);
  s.totals.turns++;
  await s.hook('Stop', {
    effort: { level: s.args.effort },
    stop_hook_active: false,
    last_assistant_message: reply,
    background_tasks: app.backgroundTasks(),
    session_crons: [],
  });
  s.transcript.system('turn_duration', { durationMs: Date.now() - started, isMeta: true });
  app.endTurn();
}

/** "7:45:30pm": Claude Code's clock, with seconds so a test need not wait for a minute. */
function resetClock(at: number): string {
  const t = new Date(at);
  const h = t.getHours() % 12 || 12;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${h}:${pad(t.getMinutes())}:${pad(t.getSeconds())}${t.getHours() < 12 ? 'am' : 'pm'}`;
}

/** Claude Code 2.1's usage-limit notice: on screen, in the transcript, and StopFailure. */
async function hitLimit(app: App): Promise<void> {
  const s = app.session;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const line = `You've hit your limit · resets ${resetClock(s.limitedUntil)} (${zone})`;
  app.commit([style.red(`  ⎿  ${line}`)]);
  s.transcript.assistant(
    s.args.model,
    [{ type: 'text', text: line }],
    s.usage(0, line),
    s.args.effort,
  );
  await s.hook('StopFailure', { error: 'rate_limit', error_details: line });
}

async function step(
  app: App,
  d: Directive,
  state: TurnState,
  signal: AbortSignal,
): Promise<'ok' | 'end'> {
  const arg = (i: number) => d.args[i] ?? '';
  switch (d.name) {
    case 'say':
      state.replies.push(arg(0));
      say(app, arg(0));
      return 'ok';
    case 'done': {
      const line = `[cc-agent:done] ${arg(0)}`.trimEnd();
      state.replies.push(line);
      say(app, line);
      return 'ok';
    }
    case 'echo':
      state.replies.push(state.prompt);
      say(app, state.prompt);
      return 'ok';
    case 'work':
      await app.sleep(app.scaled(numArg(d, 0, 1) * 1000), signal);
      return 'ok';
    case 'context':
      state.pct = numArg(d, 0, 50);
      return 'ok';
    case 'spend': {
      // Written at once (a thinking step), so the cost moves mid-turn as a real agent's does.
      const s = app.session;
      const usage = s.spend(numArg(d, 0, 0.1), state.fresh);
      state.fresh = 0;
      s.transcript.assistant(
        s.args.model,
        [{ type: 'thinking', thinking: 'spending' }],
        usage,
        s.args.effort,
      );
      return 'ok';
    }
    case 'bash':
      return runToolCall(
        app,
        state,
        'Bash',
        { command: arg(0), description: 'Run command' },
        signal,
      );
    case 'write':
      return runToolCall(app, state, 'Write', { file_path: arg(0), content: arg(1) }, signal);
    case 'edit': {
      const input = { file_path: arg(0), old_string: arg(1), new_string: arg(2) };
      return runToolCall(app, state, 'Edit', input, signal);
    }
    case 'read':
      return runToolCall(app, state, 'Read', { file_path: arg(0) }, signal);
    case 'task': {
      const input = { description: arg(0) || 'subtask', prompt: arg(0), subagent_type: 'general' };
      return runToolCall(app, state, 'Task', input, signal, numArg(d, 1, 1));
    }
    case 'background':
      app.startBackground(numArg(d, 0, 5));
      say(app, `Bash(sleep ${numArg(d, 0, 5)}) running in the background`);
      return 'ok';
    case 'limit':
      // The plan's usage runs out now and resets in N seconds (default 60).
      app.session.limitedUntil = Date.now() + numArg(d, 0, 60) * 1000;
      await hitLimit(app);
      return 'end';
    case 'error':
      app.commit([style.red(`  ⎿  API Error: ${arg(0) || 'overloaded'}`)]);
      await app.session.hook('StopFailure', { error: arg(0) || 'overloaded' });
      return 'end';
    case 'exit': {
      // Exit statuses are whole numbers 0-255 (process.exit throws on 2.5).
      const code = Math.min(255, Math.max(0, Math.trunc(numArg(d, 0, 0))));
      // A non-zero exit is a crash: the process dies without SessionEnd.
      await app.exit(code, code === 0 ? 'other' : 'crash');
      return 'end';
    }
    default:
      // [[trust]] acts at startup only.
      return 'ok';
  }
}
