import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.js';
import { AdminClient } from '../../testing/admin-client.js';
import { testConfig } from '../../testing/test-config.js';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('where a service is called', () => {
  it('gives the main-port URL, and the mock port once it listens on the port it really got', async () => {
    app = await buildApp(testConfig({ port: 0, mockPort: 0 }));
    const ada = new AdminClient(app.main);
    await ada.register('ada');
    await ada.post('/internal/services', { name: 'pay', claims: { pathPrefix: '/payments' } });
    expect((await ada.get('/internal/services/pay')).json().mockPortUrl).toBeNull();

    const { mockUrl } = await app.listen();
    const port = new URL(mockUrl).port;
    const service = (await ada.get('/internal/services/pay')).json();
    expect(service.url).toBe('http://understudy.test/proxy/pay'); // AdminClient's Host
    expect(service.mockPortUrl).toBe(`http://understudy.test:${port}`);
    expect(port).not.toBe('0');
  });
});
