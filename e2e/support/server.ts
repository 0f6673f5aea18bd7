import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../packages/server/src/app.js';
import { testConfig } from '../../packages/server/src/testing/test-config.js';

const WEB_INDEX = fileURLToPath(new URL('../../packages/web/dist/index.html', import.meta.url));

export interface RunningServer {
  /** The main port's base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/** The real server in-process: SQLite in a temp folder, free ports, serving the built web app. */
export async function startServer(): Promise<RunningServer> {
  if (!fs.existsSync(WEB_INDEX)) {
    throw new Error(
      `The web app is not built (${path.relative(process.cwd(), WEB_INDEX)} is missing); run \`npm run build\` first`,
    );
  }
  const app = await buildApp(testConfig({ proxyAllow: ['127.0.0.1'] }));
  const { mainUrl } = await app.listen();
  return { url: mainUrl, close: () => app.close() };
}
