import { randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './stub-api.js';
import { parseDirectives } from '../../src/demo-agent/directives.js';

/**
 * A stub of the OpenAI Responses API (`POST /v1/responses`, streamed) for the real Codex CLI.
 * Replies are scripted by the simulated agent's directives (docs/demo-agent.md) found in the
 * last typed user message: each `[[bash "cmd"]]` becomes one call of Codex's `exec` tool (which
 * runs `tools.exec_command`), one per request, each next one after the previous call's output;
 * `[[say "x"]]` makes the final text (default: "Done: <first line>"). Codex's side requests
 * (the thread title) get a plain reply. Every request is recorded.
 */
export interface StubOpenAiRequest {
  path: string;
  body: Record<string, unknown>;
  /** The last typed user text (Codex's own `<environment_context>` and the like left out). */
  userText: string;
  /** True when this request carries a tool call's output (a follow-up, not a new user turn). */
  followUp: boolean;
  /** Codex asking for a thread title, not a turn. */
  title: boolean;
}

export interface StubOpenAi {
  /** Base URL for a model provider's `base_url` (ends in /v1). */
  url: string;
  requests: StubOpenAiRequest[];
  /** Requests that started a new user turn (not tool follow-ups, not titles). */
  turns(): StubOpenAiRequest[];
  close(): Promise<void>;
}

type Item = {
  type?: string;
  role?: string;
  content?: string | { type?: string; text?: string }[];
};

const TITLE = /^Generate a concise, single-line task title/;

const textOf = (c: Item['content']): string =>
  typeof c === 'string' ? c : (c ?? []).map((b) => b.text ?? '').join('');

/** The last typed user text, and how many tool outputs followed it. */
function lastTurn(input: Item[]): { text: string; toolResults: number } {
  let toolResults = 0;
  for (let i = input.length - 1; i >= 0; i--) {
    const item = input[i] as Item;
    if (item.type === 'function_call_output' || item.type === 'custom_tool_call_output') {
      toolResults++;
      continue;
    }
    if (item.type !== 'message' || item.role !== 'user') continue;
    const text = textOf(item.content);
    if (text.trimStart().startsWith('<')) continue;
    return { text, toolResults };
  }
  return { text: '', toolResults };
}

function sse(res: ServerResponse, data: Record<string, unknown> & { type: string }): void {
  res.write(`event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`);
}

const tokens = (value: unknown): number => Math.ceil(JSON.stringify(value ?? '').length / 4);

function reply(req: StubOpenAiRequest, res: ServerResponse, toolResults: number): void {
  const id = `resp_${randomBytes(12).toString('hex')}`;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  sse(res, { type: 'response.created', response: { id } });
  const bash = req.title
    ? []
    : parseDirectives(req.userText).directives.filter((d) => d.name === 'bash');
  const next = bash[toolResults];
  let output: unknown;
  if (next) {
    const code = `text(await tools.exec_command({ cmd: ${JSON.stringify(next.args[0] ?? '')} }))`;
    const item = {
      type: 'custom_tool_call',
      id: `ctc_${randomBytes(8).toString('hex')}`,
      call_id: `call_${randomBytes(8).toString('hex')}`,
      name: 'exec',
      input: code,
    };
    sse(res, { type: 'response.output_item.done', item });
    output = item;
  } else {
    const said = parseDirectives(req.userText)
      .directives.filter((d) => d.name === 'say')
      .map((d) => d.args[0] ?? '');
    const text = req.title
      ? 'Stub task'
      : said.length
        ? said.join('\n\n')
        : `Done: ${req.userText.trim().split('\n')[0] ?? ''}`;
    const item = {
      type: 'message',
      role: 'assistant',
      id: `msg_${randomBytes(8).toString('hex')}`,
      content: [{ type: 'output_text', text }],
    };
    sse(res, { type: 'response.output_item.done', item });
    output = text;
  }
  const input = tokens(req.body['input']);
  const out = tokens(output);
  sse(res, {
    type: 'response.completed',
    response: {
      id,
      usage: {
        input_tokens: input,
        input_tokens_details: null,
        output_tokens: out,
        output_tokens_details: null,
        total_tokens: input + out,
      },
    },
  });
  res.end();
}

export async function startStubOpenAi(): Promise<StubOpenAi> {
  const requests: StubOpenAiRequest[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (req.method !== 'POST') {
        // GET /v1/models and the like: nothing to offer.
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[],"models":[]}');
        return;
      }
      const raw = await readBody(req);
      const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
      if (!path.endsWith('/responses')) {
        res.writeHead(404).end();
        return;
      }
      const input = Array.isArray(body['input']) ? (body['input'] as Item[]) : [];
      const { text, toolResults } = lastTurn(input);
      const rec: StubOpenAiRequest = {
        path,
        body,
        userText: text,
        followUp: toolResults > 0,
        title: TITLE.test(text),
      };
      requests.push(rec);
      reply(rec, res, toolResults);
    })().catch((e: unknown) => {
      res.writeHead(500).end(String(e));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    turns: () => requests.filter((r) => !r.followUp && !r.title),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
