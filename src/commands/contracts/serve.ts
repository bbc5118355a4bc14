import { defineContract } from '../contract.js';

const SERVER_FLAGS = {
  port: { type: 'number', default: 3131 },
  host: { type: 'string', default: '127.0.0.1' },
  origin: { type: 'string', isMultiple: true },
} as const;

export const serve = defineContract({
  name: 'serve',
  group: 'Orchestration',
  usage:
    'serve [--port 3131] [--host 127.0.0.1] [--origin URL] [--detach] | serve stop | serve status [--json]',
  summary: 'The browser view: HTTP/SSE/WebSocket server over SSH (token-gated)',
  help: `Runs a live engine (ingestion, the pulse when free) and the server. It binds 127.0.0.1
unless --host says otherwise; reach it from a laptop with ssh -L 3131:127.0.0.1:3131 <host>.
Every request needs the token in $CC_AGENT_HOME/server-token: the printed URL carries it once
(the page keeps it as an HttpOnly cookie); scripts send "Authorization: Bearer <token>".

      --port <n>     port (default 3131; 0 = any free port)
      --host <addr>  address to bind (default 127.0.0.1; anything else warns)
      --origin <url> also accept the page from this exact origin (repeatable), e.g. a tunnel
                     to another local port: ssh -L 8080:127.0.0.1:3131 → --origin http://localhost:8080
      --detach       run in the background (pid and URL in $CC_AGENT_HOME/serve.json, log serve.log;
                     neither holds the token)
  stop               stop the background server
  status             whether it runs, and its URL with the token`,
  flags: { ...SERVER_FLAGS, detach: { type: 'boolean' }, json: { type: 'boolean' } },
});

export const dashboard = defineContract({
  name: 'dashboard',
  group: 'Orchestration',
  usage: 'dashboard [--port 3131] [--host 127.0.0.1] [--origin URL]',
  summary: "The browser view in the background (the guide's name for serve --detach)",
  help: 'See: cc-agent serve --help. Stop it with cc-agent dashboard-stop (or serve stop).',
  flags: SERVER_FLAGS,
});

export const dashboardStop = defineContract({
  name: 'dashboard-stop',
  group: 'Orchestration',
  usage: 'dashboard-stop',
  summary: 'Stop the background browser view (serve stop)',
  help: '',
  flags: {},
});
