import net from 'node:net';

/**
 * Returns a TCP port on 127.0.0.1 that is free at the time of the call.
 * There is an inherent race between closing the probe socket and the caller
 * binding the port; callers that spawn servers should be prepared to retry.
 */
export async function freePort(): Promise<number> {
  return listenOn(0);
}

/**
 * A free port in [low, high): for servers that store their port in a signed 16-bit column (the Temporal server's
 * cluster membership table), which the kernel's ephemeral ports (32768 and up) do not fit.
 */
export async function freePortBetween(low: number, high: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const candidate = low + Math.floor(Math.random() * (high - low));
    try {
      return await listenOn(candidate);
    } catch {
      // taken: try another
    }
  }
  throw new Error(`No free port between ${low} and ${high}`);
}

function listenOn(port: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('Could not determine a free port'));
        return;
      }
      server.close((err) => (err ? reject(err) : resolve(address.port)));
    });
  });
}

/** Tries a single TCP connect; resolves true when the port accepts connections. */
export function canConnect(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean): void => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Waits until `host:port` accepts TCP connections, or rejects after `timeoutMs`. */
export async function waitForPort(port: number, host = '127.0.0.1', timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await canConnect(port, host)) return;
    if (Date.now() >= deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${host}:${port} to accept connections`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
