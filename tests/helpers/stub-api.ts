import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseDirectives, type Directive } from '../../src/demo-agent/directives.js';

/**
 * A stub of the Anthropic Messages API for the real Claude Code CLI. Its replies are scripted by
 * the same directives the simulated agent reads (docs/demo-agent.md), found in the last typed
 * user message: `[[bash "cmd"]]`, `[[write "f" "text"]]`, `[[edit "f" "old" "new"]]`,
 * `[[read "f"]]` become tool_use blocks, one per request, each next one after the previous
 * tool_result; `[[say "x"]]` / `[[done "s"]]` make the final text; `[[work N]]` delays the
 * reply N seconds (to test Escape). Every request is recorded.
 */
export interface StubRequest {
  path: string;
  body: Record<string, unknown>;
  /** The last user text of the conversation (system reminders left out, a paste unwrapped). */
  userText: string;
  /** True when this request carries a tool_result (a follow-up, not a new user turn). */
  followUp: boolean;
}

export interface StubApi {
  url: string;
  requests: StubRequest[];
  /** Requests that started a new user turn (not tool follow-ups). */
  turns(): StubRequest[];
  close(): Promise<void>;
}

type Block = { type: string; text?: string; tool_use_id?: string };
type Message = { role: string; content: string | Block[] };

const TOOLS: Record<string, (d: Directive) => [string, Record<string, string>]> = {
  bash: (d) => ['Bash', { command: d.args[0] ?? '', description: 'Run a command' }],
  write: (d) => ['Write', { file_path: d.args[0] ?? '', content: d.args[1] ?? '' }],
  edit: (d) => [
    'Edit',
    { file_path: d.args[0] ?? '', old_string: d.args[1] ?? '', new_string: d.args[2] ?? '' },
  ],
  read: (d) => ['Read', { file_path: d.args[0] ?? '' }],
};

/**
 * Claude Code sends a large paste (its "[Pasted text #N]") to the model wrapped as
 * `<pasted_content id="N">\n…\n</pasted_content id="N">`: unwrap it to what was pasted.
 */
export function unwrapPaste(text: string): string {
  const m = /^\s*<pasted_content id="([^"]+)">\n([\s\S]*)\n<\/pasted_content id="\1">\s*$/.exec(
    text,
  );
  return m ? (m[2] as string) : text;
}

const texts = (c: Message['content']): string[] =>
  typeof c === 'string' ? [c] : c.filter((b) => b.type === 'text').map((b) => b.text ?? '');

/** The conversation's last typed text, and how many tool results followed it. */
function lastTurn(messages: Message[]): { text: string; toolResults: number } {
  let toolResults = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as Message;
    if (m.role !== 'user') continue;
    if (Array.isArray(m.content) && m.content.some((b) => b.type === 'tool_result')) {
      toolResults++;
      continue;
    }
    const typed = texts(m.content).filter((t) => !t.trimStart().startsWith('<system-reminder>'));
    const text = typed.at(-1);
    if (text !== undefined) return { text: unwrapPaste(text), toolResults };
  }
  return { text: '', toolResults };
}

function sse(res: ServerResponse, type: string, data: Record<string, unknown>): void {
  res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
}

const tokens = (value: unknown): number => Math.ceil(JSON.stringify(value ?? '').length / 4);

async function reply(req: StubRequest, res: ServerResponse, toolResults: number): Promise<void> {
  const { directives } = parseDirectives(req.userText);
  const tools = directives.filter((d) => TOOLS[d.name]);
  const work = directives.find((d) => d.name === 'work');
  if (work && toolResults === 0) {
    await new Promise((r) => setTimeout(r, Number(work.args[0] ?? 1) * 1000));
  }
  const model = String(req.body['model'] ?? 'claude-opus-4-5');
  const usage = {
    input_tokens: tokens(req.body['messages']),
    output_tokens: 1,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  };
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const id = `msg_${randomBytes(12).toString('hex')}`;
  sse(res, 'message_start', {
    message: {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage,
    },
  });
  const next = tools[toolResults];
  let output: unknown;
  if (next) {
    const [name, input] = (TOOLS[next.name] as (d: Directive) => [string, Record<string, string>])(
      next,
    );
    sse(res, 'content_block_start', {
      index: 0,
      content_block: {
        type: 'tool_use',
        id: `toolu_${randomBytes(12).toString('hex')}`,
        name,
        input: {},
      },
    });
    sse(res, 'content_block_delta', {
      index: 0,
      delta: { type: 'input_json_delta', partial_json: JSON.stringify(input) },
    });
    output = input;
  } else {
    const said = directives
      .map((d) =>
        d.name === 'say'
          ? d.args[0]
          : d.name === 'done'
            ? `[cc-agent:done] ${d.args[0] ?? ''}`.trimEnd()
            : undefined,
      )
      .filter((t): t is string => t !== undefined);
    const text = said.length
      ? said.join('\n\n')
      : `Done: ${req.userText.trim().split('\n')[0] ?? ''}`;
    sse(res, 'content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
    sse(res, 'content_block_delta', { index: 0, delta: { type: 'text_delta', text } });
    output = text;
  }
  sse(res, 'content_block_stop', { index: 0 });
  sse(res, 'message_delta', {
    delta: { stop_reason: next ? 'tool_use' : 'end_turn', stop_sequence: null },
    usage: { output_tokens: tokens(output) },
  });
  sse(res, 'message_stop', {});
  res.end();
}

/** A request's whole body as text (shared by the API stubs). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startStubApi(): Promise<StubApi> {
  const requests: StubRequest[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (req.method !== 'POST') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      const raw = await readBody(req);
      const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
      if (path.endsWith('/count_tokens')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ input_tokens: tokens(body['messages']) }));
        return;
      }
      const { text, toolResults } = lastTurn((body['messages'] ?? []) as Message[]);
      const rec: StubRequest = { path, body, userText: text, followUp: toolResults > 0 };
      requests.push(rec);
      await reply(rec, res, toolResults);
    })().catch((e: unknown) => {
      res.writeHead(500).end(String(e));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    turns: () => requests.filter((r) => !r.followUp && r.path.startsWith('/v1/messages')),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
