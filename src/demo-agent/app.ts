import type { Key } from './keys.js';
import { fit, style, type Screen } from './screen.js';
import type { Session } from './session.js';

/** The footer Claude Code 2.1.331 shows for each permission mode (RAN against the real CLI). */
const MODE_FOOTER: Record<string, string> = {
  acceptEdits: '⏵⏵ accept edits on (shift+tab to cycle)',
  auto: '⏵⏵ auto mode on (shift+tab to cycle)',
  bypassPermissions: '⏵⏵ bypass permissions on (shift+tab to cycle)',
  plan: '⏸ plan mode on (shift+tab to cycle)',
};

export interface Dialog {
  lines: string[];
  options: string[];
  /** "1. Yes" (permission prompts) or bare labels (the folder-trust select). */
  numbered: boolean;
  selected: number;
  hint: string;
  /** Chosen option index, or null for Escape. */
  choose(index: number | null): void;
}

const PASTE_PLACEHOLDER_CHARS = 800;

/** Drop the last character (a whole surrogate pair when it is one). */
const dropLast = (s: string): string => {
  const code = s.charCodeAt(s.length - 1);
  return s.slice(0, code >= 0xdc00 && code <= 0xdfff ? -2 : -1);
};

/**
 * The interactive shell of the simulated agent: the input box, queued messages, dialogs and
 * the busy spinner. What a turn or a slash command does lives in turn.ts and commands.ts.
 */
export class App {
  input = '';
  busy = false;
  verb = 'Working';
  queue: string[] = [];
  dialog: Dialog | undefined;
  turn: AbortController | undefined;
  private pastes = 0;
  private busySince = 0;
  private notice: string | undefined;
  private ctrlCAt = 0;
  private tick: NodeJS.Timeout | undefined;
  private background = new Map<string, string>();
  private idle: NodeJS.Timeout | undefined;

  constructor(
    readonly screen: Screen,
    readonly session: Session,
    readonly speed: number,
    /** Runs a submitted line: a slash command or a prompt. */
    private readonly submit: (app: App, text: string) => void,
    /** Ends the process (SessionEnd with the reason, then exit). */
    readonly exit: (code: number, reason: string) => Promise<void>,
  ) {}

  onKey(key: Key): void {
    if (this.dialog) {
      this.dialogKey(this.dialog, key);
      return;
    }
    switch (key.kind) {
      case 'text':
        this.input += key.text;
        break;
      case 'paste':
        if (key.text.length > PASTE_PLACEHOLDER_CHARS || key.text.includes('\n')) this.pastes++;
        this.input += key.text;
        break;
      case 'backspace':
        this.input = dropLast(this.input);
        break;
      case 'enter':
        this.enter();
        break;
      case 'escape':
        if (this.busy) this.interrupt();
        break;
      case 'ctrl':
        this.ctrl(key.letter);
        break;
      default:
        break;
    }
    this.render();
  }

  private enter(): void {
    if (this.input.trim() === '') return;
    const text = this.input;
    this.input = '';
    this.pastes = 0;
    if (this.busy) this.queue.push(text);
    else this.submit(this, text);
  }

  private ctrl(letter: string): void {
    if (letter === 'u') {
      this.input = '';
      this.pastes = 0;
    } else if (letter === 'c' || letter === 'd') {
      if (this.busy && letter === 'c') return this.interrupt();
      if (this.input !== '') {
        this.input = '';
        this.pastes = 0;
        return;
      }
      if (Date.now() - this.ctrlCAt < 2000) {
        void this.exit(0, 'prompt_input_exit');
        return;
      }
      this.ctrlCAt = Date.now();
      this.notice = `Press Ctrl-${letter.toUpperCase()} again to exit`;
      setTimeout(() => {
        this.notice = undefined;
        this.render();
      }, 2000).unref();
    }
  }

  private dialogKey(d: Dialog, key: Key): void {
    if (key.kind === 'escape') return this.closeDialog(d, null);
    if (d.options.length === 0) return;
    if (key.kind === 'up') d.selected = Math.max(0, d.selected - 1);
    else if (key.kind === 'down') d.selected = Math.min(d.options.length - 1, d.selected + 1);
    else if (key.kind === 'enter') return this.closeDialog(d, d.selected);
    else if (d.numbered && key.kind === 'text' && /^[1-9]$/.test(key.text)) {
      const i = Number(key.text) - 1;
      if (i < d.options.length) return this.closeDialog(d, i);
    }
    this.render();
  }

  private closeDialog(d: Dialog, choice: number | null): void {
    this.dialog = undefined;
    this.render();
    d.choose(choice);
  }

  /** Show a dialog and resolve with the chosen option index (null = Escape). */
  ask(
    lines: string[],
    options: string[],
    selected = 0,
    hint = 'Enter to confirm · Esc to cancel',
    numbered = true,
  ) {
    return new Promise<number | null>((resolve) => {
      this.dialog = { lines, options, selected, hint, numbered, choose: resolve };
      this.render();
    });
  }

  beginTurn(verb: string): AbortController {
    if (this.idle) clearTimeout(this.idle);
    this.busy = true;
    this.verb = verb;
    this.busySince = Date.now();
    this.turn = new AbortController();
    this.tick = setInterval(() => this.render(), 1000);
    this.render();
    return this.turn;
  }

  /** The turn is over: back to the prompt, then run whatever was queued meanwhile. */
  endTurn(): void {
    this.busy = false;
    this.turn = undefined;
    if (this.tick) clearInterval(this.tick);
    this.render();
    this.drain();
  }

  /** At the prompt: run what was queued meanwhile, or start the idle clock. */
  drain(): void {
    if (this.busy) return;
    const next = this.queue.shift();
    if (next === undefined) return this.armIdleNotice();
    if (next.trimStart().startsWith('/')) return this.submit(this, next);
    // Claude Code sends everything queued during a turn as one message.
    const more: string[] = [];
    while (this.queue[0] !== undefined && !this.queue[0].trimStart().startsWith('/')) {
      more.push(this.queue.shift() as string);
    }
    this.submit(this, [next, ...more].join('\n'));
  }

  /** Claude Code's idle_prompt notification after a quiet spell at the prompt. */
  private armIdleNotice(): void {
    if (this.idle) clearTimeout(this.idle);
    const ms = Number(process.env['CC_DEMO_IDLE_MS'] ?? 60_000);
    this.idle = setTimeout(() => {
      if (this.busy || this.dialog) return;
      void this.session.hook('Notification', {
        message: 'Claude is waiting for your input',
        notification_type: 'idle_prompt',
      });
    }, ms);
    this.idle.unref();
  }

  /** A background shell that outlives the turn ([[background N]]): Stop reports it. */
  startBackground(seconds: number): void {
    const id = `bash_${this.background.size + 1}_${Date.now() % 100000}`;
    this.background.set(id, `sleep ${seconds}`);
    setTimeout(() => this.background.delete(id), this.scaled(seconds * 1000)).unref();
  }

  backgroundTasks(): { id: string; type: string; command: string; status: string }[] {
    return [...this.background].map(([id, command]) => ({
      id,
      type: 'shell',
      command,
      status: 'running',
    }));
  }

  interrupt(): void {
    this.turn?.abort();
  }

  commit(lines: string[]): void {
    this.screen.commit(lines);
  }

  /** Wait `ms` (already scaled), ending early when the turn is interrupted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(t);
        resolve();
      };
      const t = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** Scale a duration by CC_DEMO_SPEED. */
  scaled(ms: number): number {
    return Math.round(ms / this.speed);
  }

  render(): void {
    const cols = this.screen.cols;
    const rule = style.dim('─'.repeat(cols));
    const lines: string[] = [];
    if (this.dialog) {
      const d = this.dialog;
      lines.push(rule, ...d.lines.map((l) => fit(l, cols)), '');
      d.options.forEach((o, i) => {
        const mark = i === d.selected ? style.accent('❯') : ' ';
        lines.push(` ${mark} ${fit(d.numbered ? `${i + 1}. ${o}` : o, cols - 3)}`);
      });
      lines.push('', style.dim(fit(d.hint, cols)));
      this.screen.render(lines);
      return;
    }
    if (this.busy) {
      const secs = Math.floor((Date.now() - this.busySince) / 1000);
      lines.push(`${style.accent('✻')} ${this.verb}… ${style.dim(`(${secs}s)`)}`);
    }
    for (const q of this.queue) lines.push(style.dim(fit(`  ⎿ queued: ${q.split('\n')[0]}`, cols)));
    lines.push('', rule, `${style.accent('❯')} ${fit(this.inputView(), cols - 2)}`, rule);
    // Claude Code 2.1's footer: the permission mode (or the shortcuts hint), then what Esc does.
    const footer =
      this.notice ??
      [
        MODE_FOOTER[this.session.mode] ?? '? for shortcuts',
        ...(this.busy ? ['esc to interrupt'] : []),
      ].join(' · ');
    lines.push(style.dim(fit(`  ${footer}`, cols)));
    this.screen.render(lines);
  }

  private inputView(): string {
    if (this.pastes > 0) {
      const n = this.input.split('\n').length;
      return `[Pasted text #${this.pastes} +${n} lines]`;
    }
    const tail = this.input.length > 400 ? this.input.slice(-400) : this.input;
    return tail.replace(/\n/g, ' ');
  }
}
