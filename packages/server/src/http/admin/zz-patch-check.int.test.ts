import { describe, expect, it } from 'vitest';
import { startQueueApp } from '/work/main/packages/server/src/http/admin/queue-test.fixture.js';
import { SERVICES } from '/work/main/packages/server/src/testing/services.js';

describe('patch check', () => {
  it('keeps options', async () => {
    const t = await startQueueApp();
    const options = { prefetch: 50, heartbeatSeconds: 10, retryLowMs: 100, retryHighMs: 1000, maxInFlight: 77 };
    const c = await t.admin.post('/internal/brokers', { name: 'local', kind: 'rabbitmq', url: SERVICES.rabbitmq.url, options });
    console.log('created', c.statusCode, JSON.stringify(c.json().options), c.json().username, c.json().hasPassword);
    for (const patch of [{ url: 'amqp://127.0.0.1:5672' }, { password: 'guest' }, { options: { prefetch: 60 } }, { username: 'guest' }, { url: SERVICES.rabbitmq.url }]) {
      const r = await t.admin.patch('/internal/brokers/local', patch);
      const g = (await t.admin.get('/internal/brokers/local')).json();
      console.log(JSON.stringify(patch), r.statusCode, JSON.stringify(r.json().options), '| get:', JSON.stringify(g.options), g.username, g.hasPassword, g.url);
    }
    await t.close();
  });
});
