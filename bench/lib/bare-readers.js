// The bare baselines' reading loops, shared by the adapter-only benches and the intake-into-store
// bench's child process: ack every message as it comes, store nothing. Each resolves with a `stop()`
// that lets the last acks reach the broker.

/** A JetStream durable's `consume()`, acking each message (`nc` is flushed on stop). */
export async function natsAckEach(nc, consumer, prefetch, onMessages) {
  const messages = await consumer.consume({
    max_messages: prefetch,
    callback: (m) => {
      m.ack();
      onMessages(1);
    },
  });
  return async () => {
    await nc.flush(); // the last acks reach the server
    await messages.close();
  };
}

/** An ioredis XREADGROUP loop of up to `prefetch` entries, then one XACK of what it read. */
export function redisReadAck(redis, key, group, prefetch, onMessages) {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const reply = await redis.xreadgroupBuffer(
        'GROUP',
        group,
        'bare',
        'COUNT',
        prefetch,
        'BLOCK',
        200,
        'STREAMS',
        key,
        '>',
      );
      const entries = reply?.[0]?.[1] ?? [];
      if (entries.length === 0) continue;
      await redis.xack(key, group, ...entries.map(([id]) => id));
      onMessages(entries.length);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
  };
}
