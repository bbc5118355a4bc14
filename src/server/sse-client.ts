import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';

/**
 * One browser's event stream, with a bounded backlog. Frames wait here until the socket takes
 * them (the node adapter reads only when the socket has drained), so a client that stops
 * reading shows up as a growing backlog; past `maxBacklog` it is dropped and its socket
 * destroyed, instead of the server holding its frames forever. Frames are the feed's shared
 * buffers, encoded once: a client costs the references, not copies.
 */
export class SseClient {
  readonly response: Response;
  private queue: Uint8Array[] = [];
  private bytes = 0;
  private wake: (() => void) | undefined;
  private ended = false;
  private readonly outgoing: ServerResponse | undefined;

  constructor(
    c: Context,
    private readonly maxBacklog: number,
    private readonly onEnd: (client: SseClient) => void,
  ) {
    // Under @hono/node-server the raw response is in the bindings; app.request() has none.
    this.outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    this.outgoing?.once('close', () => this.end());
    c.req.raw.signal.addEventListener('abort', () => this.end(), { once: true });
    const body = new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          while (this.queue.length === 0 && !this.ended) {
            await new Promise<void>((resolve) => (this.wake = resolve));
          }
          if (this.ended) {
            try {
              controller.close();
            } catch {
              // already cancelled by the reader
            }
            return;
          }
          // The feed's own buffers, not copies: what waits here is already in the ring.
          for (const frame of this.queue) controller.enqueue(frame);
          this.queue = [];
          this.bytes = 0;
        },
        cancel: () => this.end(),
      },
      { highWaterMark: 0 },
    );
    this.response = new Response(body, {
      headers: {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      },
    });
  }

  /** Queue a frame; a client whose backlog passes the bound is dropped. */
  send(frame: Uint8Array): void {
    if (this.ended) return;
    this.queue.push(frame);
    this.bytes += frame.byteLength;
    if (this.bytes > this.maxBacklog) {
      this.end();
      // Its socket would still hold the kernel's buffers: close it for real.
      this.outgoing?.destroy();
      return;
    }
    this.wake?.();
  }

  /** Stop: the client left, was dropped, or the server closes. Idempotent. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue = [];
    this.bytes = 0;
    this.wake?.();
    this.onEnd(this);
  }
}
