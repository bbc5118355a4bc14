import { randomUUID } from 'node:crypto';
import type { AgentArgs } from './args.js';
import { runHooks, type HookOutcome } from './hooks.js';
import type { Settings } from './settings.js';
import { effectiveMode } from './tools.js';
import {
  contextWindow,
  lastContextTokens,
  tokensOf,
  Transcript,
  transcriptPath,
  type Usage,
} from './transcript.js';

/** Tokens the system prompt and tool definitions take before the first message. */
const SYSTEM_TOKENS = 8_000;
/** Simulated prices (USD per million tokens): enough for cost figures to move plausibly. */
const PRICE_IN = 5;
const PRICE_OUT = 25;

/** One conversation: its id, transcript, context size and the hooks it fires. */
export class Session {
  id: string;
  transcript: Transcript;
  promptId: string | undefined;
  /** Tokens in context after the last assistant reply (its output included: the next turn reads it). */
  contextTokens = 0;
  /** What Claude Code shows as context used: input + cache of the last reply, output excluded. */
  private lastContext = 0;
  readonly window: number;
  readonly allowedThisSession = new Set<string>();
  /** [[limit N]]: the plan's usage is spent until this instant (epoch ms); 0: it is not. */
  limitedUntil = 0;
  totals = { input: 0, output: 0, costUsd: 0, turns: 0 };

  constructor(
    readonly args: AgentArgs,
    readonly settings: Settings,
    readonly configDir: string,
    readonly cwd: string,
  ) {
    this.id = args.resume ?? args.sessionId ?? randomUUID();
    this.transcript = this.open();
    this.window = contextWindow(args.model);
    if (args.resume) this.contextTokens = lastContextTokens(this.transcript.path);
  }

  private open(): Transcript {
    return new Transcript(transcriptPath(this.configDir, this.cwd, this.id), this.id, this.cwd);
  }

  get mode(): string {
    return effectiveMode(this.args);
  }

  /** /clear: a brand-new session id and transcript, empty context. */
  renew(): void {
    this.id = randomUUID();
    this.transcript = this.open();
    this.contextTokens = 0;
    this.lastContext = 0;
    this.promptId = undefined;
    this.allowedThisSession.clear();
  }

  newPrompt(): string {
    this.promptId = randomUUID();
    return this.promptId;
  }

  /** Fire a hook event with the common fields every Claude Code payload carries. */
  hook(event: string, fields: Record<string, unknown> = {}): Promise<HookOutcome> {
    const base: Record<string, unknown> = {
      session_id: this.id,
      transcript_path: this.transcript.path,
      cwd: this.cwd,
    };
    if (this.promptId) base['prompt_id'] = this.promptId;
    if (event !== 'SessionStart' && event !== 'SessionEnd') base['permission_mode'] = this.mode;
    const payload = { ...base, hook_event_name: event, ...fields };
    const env = {
      ...process.env,
      CLAUDE_PROJECT_DIR: this.cwd,
      CLAUDE_CODE_SESSION_ID: this.id,
    };
    return runHooks(this.settings.hooks, payload, env, this.cwd);
  }

  /**
   * Usage for the next assistant record: `fresh` new tokens on top of the cached context;
   * `pct` forces the context to that share of the window ([[context PCT]]).
   */
  usage(fresh: number, output: string, pct?: number): Usage {
    const first = this.contextTokens === 0;
    let cached = first ? 0 : this.contextTokens;
    let creation = first ? SYSTEM_TOKENS : 0;
    if (pct !== undefined) {
      const target = Math.round((Math.min(Math.max(pct, 0), 100) / 100) * this.window);
      cached = Math.max(0, target - fresh);
      creation = 0;
    }
    const out = tokensOf(output);
    this.lastContext = fresh + cached + creation;
    this.contextTokens = this.lastContext + out;
    this.totals.input += fresh + creation;
    this.totals.output += out;
    this.totals.costUsd += ((fresh + creation) * PRICE_IN + out * PRICE_OUT) / 1e6;
    return {
      input_tokens: fresh,
      output_tokens: out,
      cache_creation_input_tokens: creation,
      cache_read_input_tokens: cached,
    };
  }

  /**
   * Usage worth at least `usd` at once ([[spend USD]]): that many dollars of fresh input tokens
   * at the simulated input price, on top of the turn's own fresh tokens.
   */
  spend(usd: number, fresh: number): Usage {
    return this.usage(fresh + Math.round((Math.max(0, usd) * 1e6) / PRICE_IN), '');
  }

  /** After /compact the context holds the system prompt and the summary only. */
  compacted(summary: string): void {
    this.contextTokens = SYSTEM_TOKENS + tokensOf(summary);
    this.lastContext = 0;
  }

  contextPct(): number {
    return Math.round((this.lastContext / this.window) * 100);
  }
}
