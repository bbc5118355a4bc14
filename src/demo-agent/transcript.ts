import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';

export const AGENT_VERSION = '2.1.331';

/** Claude Code's project folder name: every char outside [a-zA-Z0-9] becomes '-'. */
export function projectDirName(cwd: string): string {
  const enc = cwd.replace(/[^a-zA-Z0-9]/g, '-');
  if (enc.length <= 200) return enc;
  return `${enc.slice(0, 200)}-${createHash('sha256').update(cwd).digest('hex').slice(0, 8)}`;
}

export function transcriptPath(configDir: string, cwd: string, sessionId: string): string {
  return join(configDir, 'projects', projectDirName(cwd), `${sessionId}.jsonl`);
}

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** Rough token count (4 bytes a token), enough to make context % move like the real thing. */
export const tokensOf = (text: string): number =>
  Math.max(1, Math.ceil(Buffer.byteLength(text) / 4));

/** Context window by model name, as Claude Code reports it. */
export function contextWindow(model: string): number {
  if (/-4-5/.test(model) && !model.includes('[1m]')) return 200_000;
  return 1_000_000;
}

/** Appends records shaped like Claude Code's transcript (only the fields readers rely on). */
export class Transcript {
  private parent: string | null = null;
  constructor(
    readonly path: string,
    private readonly sessionId: string,
    private readonly cwd: string,
  ) {
    // Private, as Claude Code keeps its own transcripts: they hold prompts and tool output.
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  }

  private append(record: Record<string, unknown>): string {
    const uuid = randomUUID();
    const full = {
      parentUuid: this.parent,
      isSidechain: false,
      userType: 'external',
      cwd: this.cwd,
      sessionId: this.sessionId,
      version: AGENT_VERSION,
      entrypoint: 'cli',
      ...record,
      uuid,
      timestamp: new Date().toISOString(),
    };
    appendFileSync(this.path, `${JSON.stringify(full)}\n`, { mode: 0o600 });
    this.parent = uuid;
    return uuid;
  }

  user(content: unknown, promptId: string, extra: Record<string, unknown> = {}): void {
    this.append({ type: 'user', message: { role: 'user', content }, promptId, ...extra });
  }

  assistant(model: string, content: unknown[], usage: Usage, effort: string): void {
    this.append({
      type: 'assistant',
      effort,
      requestedModel: model,
      message: {
        id: `msg_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
        type: 'message',
        role: 'assistant',
        model,
        content,
        stop_reason: content.some((c) => (c as { type?: string }).type === 'tool_use')
          ? 'tool_use'
          : 'end_turn',
        stop_sequence: null,
        usage: { ...usage, service_tier: 'standard' },
      },
    });
  }

  system(subtype: string, extra: Record<string, unknown>): void {
    this.append({ type: 'system', subtype, level: 'info', ...extra });
  }
}

/** The context size the last assistant record of an existing transcript reports (for --resume). */
export function lastContextTokens(path: string): number {
  if (!existsSync(path)) return 0;
  let tokens = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      const r = JSON.parse(line) as { type?: string; message?: { usage?: Usage } };
      const u = r.type === 'assistant' ? r.message?.usage : undefined;
      if (u) {
        tokens =
          u.input_tokens +
          u.cache_creation_input_tokens +
          u.cache_read_input_tokens +
          u.output_tokens;
      }
    } catch {
      // A torn last line (agent killed mid-write) is skipped, as Claude Code does.
    }
  }
  return tokens;
}

/** One exchange of an earlier conversation, for the screen of a resumed session. */
export interface PastMessage {
  role: 'user' | 'assistant';
  text: string;
}

/**
 * The typed prompts and text replies of an existing transcript, in order: what Claude Code
 * shows when `--resume` brings a conversation back. Meta records, tool traffic and torn lines
 * are left out.
 */
export function pastConversation(path: string): PastMessage[] {
  if (!existsSync(path)) return [];
  const out: PastMessage[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    let r: { type?: string; isMeta?: boolean; message?: { content?: unknown } };
    try {
      r = JSON.parse(line) as typeof r;
    } catch {
      continue;
    }
    const content = r.message?.content;
    if (r.type === 'user' && !r.isMeta && typeof content === 'string') {
      out.push({ role: 'user', text: content });
    } else if (r.type === 'assistant' && Array.isArray(content)) {
      const text = (content as { type?: string; text?: string }[])
        .filter((c) => c.type === 'text' && c.text)
        .map((c) => c.text)
        .join('\n');
      if (text) out.push({ role: 'assistant', text });
    }
  }
  return out;
}
