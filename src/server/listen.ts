import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Engine } from '../engine/index.js';
import { createApp } from './app.js';
import { loadToken } from './token.js';

export interface Listening {
  /** The page's address with the token, to open once (it becomes a cookie). */
  url: string;
  port: number;
  /** Event streams open now. */
  streams(): number;
  close(): Promise<void>;
}

/**
 * The HTTP server over an engine: binds `host` (127.0.0.1 unless told otherwise), serves the
 * API, the event stream, terminals and the page. The caller runs the engine live.
 */
export function listen(
  engine: Engine,
  options: { host: string; port: number; cwd: string; origins?: readonly string[] },
): Promise<Listening> {
  const token = loadToken(engine.paths.serverToken);
  // Port 0 asks for a free port: the real one is known once listening, before any request.
  let port = options.port;
  const { app, injectWebSocket, close, streams } = createApp(engine, {
    token,
    host: options.host,
    port: () => port,
    cwd: options.cwd,
    origins: options.origins,
  });
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: options.host },
      (info: AddressInfo) => {
        port = info.port;
        const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
        resolve({
          url: `http://${shown}:${info.port}/?token=${token}`,
          port: info.port,
          streams,
          close: () =>
            new Promise((done) => {
              close();
              server.close(() => done());
              // Streams and sockets would hold the server open: end them.
              (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            }),
        });
      },
    );
    server.once('error', reject);
    injectWebSocket(server);
  });
}
