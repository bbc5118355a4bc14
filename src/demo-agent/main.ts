#!/usr/bin/env node
/**
 * cc-agent's simulated agent: a stand-in for Claude Code that draws the same screen, takes the
 * same flags, fires the same hooks and writes the same transcript, scripted by directives in
 * the prompt. The demo and the test suite drive it through exactly the production code paths.
 * Behaviour reference: docs/demo-agent.md.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { App } from './app.js';
import { ArgError, parseArgs, type AgentArgs } from './args.js';
import { runCommand, slashCommand } from './commands.js';
import { parseDirectives } from './directives.js';
import { KeyParser } from './keys.js';
import { Screen, style } from './screen.js';
import { Session } from './session.js';
import { loadSettings } from './settings.js';
import { AGENT_VERSION, pastConversation } from './transcript.js';
import { runTurn, say } from './turn.js';

const USAGE = `Usage: claude [options] [prompt]   (simulated by cc-agent)

Options: --model <m> --effort <level> --session-id <uuid> --resume <id> --settings <file|json>
  --permission-mode <mode> --dangerously-skip-permissions --tools <list>
  --disallowedTools <list> --allowedTools <list> -n <name> --prompt-file <path> --version`;

function submit(app: App, text: string): void {
  const cmd = slashCommand(text);
  const work = cmd ? runCommand(app, cmd.name, cmd.rest) : runTurn(app, text);
  // A command does not end a turn, so whatever was queued behind it runs now.
  work
    .then(() => app.drain())
    .catch((e: unknown) => {
      // The agent must survive its own bugs the way Claude Code survives API errors.
      app.commit([style.red(`  ⎿  Error: ${(e as Error).message}`)]);
      if (app.busy) app.endTurn();
    });
}

function configDir(): string {
  const env = process.env;
  if (env['CLAUDE_CONFIG_DIR']) return env['CLAUDE_CONFIG_DIR'];
  return join(env['CC_AGENT_HOME'] || join(homedir(), '.cc-agent'), 'demo-claude');
}

function readPrompt(args: AgentArgs): string | undefined {
  if (args.prompt !== undefined) return args.prompt;
  if (args.promptFile !== undefined) return readFileSync(args.promptFile, 'utf8');
  return undefined;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.version) return void process.stdout.write(`${AGENT_VERSION} (Claude Code)\n`);
  if (args.help) return void process.stdout.write(`${USAGE}\n`);
  const prompt = readPrompt(args);
  const cwd = process.cwd();
  const session = new Session(args, loadSettings(configDir(), args.settings), configDir(), cwd);
  const speed = Number(process.env['CC_DEMO_SPEED']) > 0 ? Number(process.env['CC_DEMO_SPEED']) : 1;
  const screen = new Screen(process.stdout);
  const tty = process.stdin.isTTY === true;
  let exiting = false;
  const restore = () => {
    process.stdout.write('\r\n\x1b[?2004l\x1b[?25h');
    if (tty) process.stdin.setRawMode(false);
  };
  const exit = async (code: number, reason: string): Promise<void> => {
    if (exiting) return;
    exiting = true;
    if (reason !== 'crash') {
      const end = session.hook('SessionEnd', { reason });
      await Promise.race([end, new Promise((r) => setTimeout(r, 5000))]);
    }
    restore();
    process.exit(code);
  };
  const app = new App(screen, session, speed, submit, exit);

  if (tty) process.stdin.setRawMode(true);
  process.stdout.write('\x1b[?2004h\x1b[?25l');
  const parser = new KeyParser();
  let escTimer: NodeJS.Timeout | undefined;
  process.stdin.on('data', (chunk: Buffer) => {
    if (escTimer) clearTimeout(escTimer);
    for (const key of parser.feed(chunk)) app.onKey(key);
    if (parser.hasPendingEscape) {
      escTimer = setTimeout(() => parser.flushEscape().forEach((k) => app.onKey(k)), 50);
    }
  });
  process.stdin.resume();
  process.stdout.on('resize', () => app.render());
  process.on('SIGHUP', () => void exit(129, 'other'));
  process.on('SIGTERM', () => void exit(143, 'other'));

  app.commit([
    `${style.accent('✻')} Welcome to ${style.bold('Claude Code')} ${style.dim('(simulated by cc-agent)')}`,
    style.dim(`  cwd: ${cwd}`),
    style.dim(`  ${args.model} · effort ${args.effort} · ${session.mode} · session ${session.id}`),
    ...(args.name ? [style.dim(`  name: ${args.name}`)] : []),
  ]);
  if (args.skipPermissions && !session.settings.skipDangerousModePermissionPrompt) {
    const ok = await app.ask(
      [' WARNING: Claude Code running in Bypass Permissions mode', ' Do you accept the risk?'],
      ['No, exit', 'Yes, I accept'],
    );
    if (ok !== 1) return exit(1, 'crash');
  }
  const wantsTrust =
    prompt !== undefined && parseDirectives(prompt).directives.some((d) => d.name === 'trust');
  if (wantsTrust || process.env['CC_DEMO_TRUST_DIALOG'] === '1') {
    // Claude Code 2.1.331's folder-trust select: unnumbered, "No, exit" first and selected.
    const ok = await app.ask(
      [
        ' Accessing workspace:',
        '',
        ` ${cwd}`,
        '',
        ' Quick safety check: Is this a project you created or one you trust? (Like your own code, a well-known open source project, or work from your team).',
        '',
        " Claude Code'll be able to read, edit, and execute files here.",
      ],
      ['No, exit', 'Yes, I trust this folder'],
      0,
      'Enter to confirm · Esc to cancel',
      false,
    );
    if (ok !== 1) return exit(1, 'crash');
  }
  // A resumed conversation is shown again, as Claude Code does: the user sees where it stopped.
  if (args.resume) {
    for (const m of pastConversation(session.transcript.path)) {
      if (m.role === 'assistant') say(app, m.text);
      else app.commit(['', `${style.accent('❯')} ${(m.text.split('\n')[0] ?? '').slice(0, 300)}`]);
    }
  }
  await session.hook('SessionStart', { source: args.resume ? 'resume' : 'startup' });
  app.render();
  if (prompt !== undefined && prompt.trim() !== '') submit(app, prompt);
  else app.drain();
}

main().catch((e: unknown) => {
  process.stderr.write(`error: ${e instanceof ArgError ? e.message : String(e)}\n`);
  process.exit(1);
});
