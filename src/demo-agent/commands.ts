import type { App } from './app.js';
import { style } from './screen.js';

type Command = (app: App, rest: string) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  exit: (app) => app.exit(0, 'prompt_input_exit'),
  clear,
  compact,
  usage,
  context,
  help,
};
const ALIASES: Record<string, string> = {
  quit: 'exit',
  reset: 'clear',
  new: 'clear',
  cost: 'usage',
};

/** `/name rest` when the first word is a command (not a path such as /tmp/x). */
export function slashCommand(text: string): { name: string; rest: string } | undefined {
  const m = /^\s*\/([a-z-]+)(?:\s+([\s\S]*))?$/.exec(text);
  if (!m) return undefined;
  return { name: m[1] as string, rest: (m[2] ?? '').trim() };
}

export async function runCommand(app: App, name: string, rest: string): Promise<void> {
  const cmd = COMMANDS[ALIASES[name] ?? name];
  app.commit(['', `${style.accent('❯')} /${name}${rest ? ` ${rest}` : ''}`]);
  if (!cmd) {
    app.commit([style.red(`  ⎿  Unknown slash command: /${name}`)]);
    app.render();
    return;
  }
  await cmd(app, rest);
}

/** /clear ends this session (SessionEnd clear) and starts a new id (SessionStart clear). */
async function clear(app: App): Promise<void> {
  const s = app.session;
  await s.hook('SessionEnd', { reason: 'clear' });
  s.renew();
  app.screen.reset();
  app.commit([style.dim('(conversation cleared)')]);
  await s.hook('SessionStart', { source: 'clear' });
  app.render();
}

/** /compact keeps the session id; a compact_boundary record restarts the context count. */
async function compact(app: App, instructions: string): Promise<void> {
  const s = app.session;
  const turn = app.beginTurn('Compacting conversation');
  await s.hook('PreCompact', { trigger: 'manual', custom_instructions: instructions });
  await app.sleep(app.scaled(800), turn.signal);
  const summary = `Summary of the conversation so far (${s.totals.turns} turns).`;
  s.transcript.system('compact_boundary', {
    content: 'Conversation compacted',
    compactMetadata: { trigger: 'manual', preTokens: s.contextTokens },
  });
  s.transcript.user(summary, s.promptId ?? '', { isCompactSummary: true });
  s.compacted(summary);
  await s.hook('SessionStart', { source: 'compact' });
  await s.hook('PostCompact', { trigger: 'manual', compact_summary: summary });
  app.commit([style.dim('✻ Conversation compacted (ctrl+o for history)')]);
  app.endTurn();
}

/** /usage (and /cost): a dialog closed by Escape, as in Claude Code. */
async function usage(app: App): Promise<void> {
  const s = app.session;
  const t = s.totals;
  await app.ask(
    [
      ` ${style.bold('Session usage')}`,
      `   Total cost:     $${t.costUsd.toFixed(4)}`,
      `   Tokens:         ${t.input.toLocaleString('en-US')} input · ${t.output.toLocaleString('en-US')} output`,
      `   Context:        ${s.contextPct()}% of ${s.window.toLocaleString('en-US')} tokens`,
      `   Turns:          ${t.turns}`,
      `   Model:          ${s.args.model} (effort ${s.args.effort})`,
    ],
    [],
    0,
    'Esc to close',
  );
}

async function context(app: App): Promise<void> {
  const s = app.session;
  app.commit([
    `  ⎿  Context: ${s.contextTokens.toLocaleString('en-US')} / ${s.window.toLocaleString('en-US')} tokens (${s.contextPct()}%)`,
  ]);
  app.render();
}

async function help(app: App): Promise<void> {
  app.commit([
    '  ⎿  Simulated Claude Code (cc-agent demo agent). Commands: /clear /compact /usage /cost',
    '     /context /exit. Directives: see docs/demo-agent.md.',
  ]);
  app.render();
}
