/**
 * Runs `fn` over `inputs` with at most `limit` running at once and yields
 * their results as they arrive. Backpressure: a worker waits while more than
 * `limit * 2` results are queued, so a slow consumer bounds memory. The first
 * error stops the others and is thrown to the consumer.
 */
export async function* mapConcurrent<T, R>(inputs: Iterable<T>, limit: number, fn: (input: T) => AsyncIterable<R>): AsyncGenerator<R> {
  const it = inputs[Symbol.iterator]();
  const queue: R[] = [];
  let error: unknown;
  let failed = false;
  let active = 0;
  let wakeConsumer: (() => void) | undefined;
  const producersWaiting: (() => void)[] = [];
  const notify = () => {
    wakeConsumer?.();
    wakeConsumer = undefined;
  };
  const worker = async () => {
    try {
      for (let next = it.next(); !next.done && !failed; next = it.next()) {
        for await (const r of fn(next.value)) {
          if (failed) return;
          queue.push(r);
          notify();
          while (queue.length > limit * 2 && !failed) await new Promise<void>((res) => producersWaiting.push(res));
        }
      }
    } catch (e) {
      if (!failed) {
        failed = true;
        error = e;
      }
    } finally {
      active--;
      notify();
    }
  };
  for (let i = 0; i < Math.max(1, limit); i++) {
    active++;
    void worker();
  }
  try {
    while (true) {
      if (failed) throw error;
      if (queue.length) {
        yield queue.shift()!;
        if (queue.length <= limit) producersWaiting.splice(0).forEach((r) => r());
        continue;
      }
      if (active === 0) break;
      await new Promise<void>((res) => (wakeConsumer = res));
    }
    if (failed) throw error;
  } finally {
    failed = failed || active > 0;
    producersWaiting.splice(0).forEach((r) => r());
  }
}

/**
 * Reads up to `ahead` items of `source` before the consumer asks for them, so
 * the next page is being fetched while the current one is normalized.
 */
export async function* prefetch<T>(source: AsyncIterable<T>, ahead: number): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  const buffer: Promise<IteratorResult<T>>[] = [];
  let done = false;
  const fill = () => {
    while (!done && buffer.length < ahead) {
      const p = it.next();
      buffer.push(p);
      p.then((r) => { if (r.done) done = true; }, () => { done = true; });
    }
  };
  try {
    fill();
    while (buffer.length) {
      const r = await buffer.shift()!;
      if (r.done) return;
      fill();
      yield r.value;
    }
  } finally {
    if (!done) await it.return?.();
  }
}
