import { PeriodicDrain } from './periodic-drain';

describe('PeriodicDrain', () => {
  const deferred = (): { promise: Promise<void>; resolve: () => void } => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  };

  it('coalesces kicks during a drain into exactly one more drain', async () => {
    const gates = [deferred(), deferred(), deferred()];
    let calls = 0;
    const loop = new PeriodicDrain(60_000, () => gates[calls++]!.promise, fail);
    loop.kick();
    loop.kick();
    loop.kick();
    expect(calls).toBe(1);
    gates[0]!.resolve();
    await new Promise((r) => setImmediate(r));
    expect(calls).toBe(2);
    // drain() asks for one more pass and waits for it.
    gates[1]!.resolve();
    gates[2]!.resolve();
    await loop.drain();
    expect(calls).toBe(3);
  });

  it('reports a failed drain and keeps working', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const loop = new PeriodicDrain(
      60_000,
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('Temporal onbereikbaar');
      },
      (err) => errors.push(err),
    );
    await loop.drain();
    await loop.drain();
    expect(errors).toEqual([new Error('Temporal onbereikbaar')]);
    expect(calls).toBe(2);
  });

  it('stops: waits for the running drain and ignores later kicks', async () => {
    const gate = deferred();
    let calls = 0;
    let finished = false;
    const loop = new PeriodicDrain(
      60_000,
      async () => {
        calls += 1;
        await gate.promise;
        finished = true;
      },
      fail,
    );
    loop.start();
    const stopping = loop.stop();
    expect(loop.stopped).toBe(true);
    gate.resolve();
    await stopping;
    expect(finished).toBe(true);
    loop.kick();
    expect(calls).toBe(1);
  });
});

function fail(err: unknown): never {
  throw err;
}
