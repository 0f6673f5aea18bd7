#!/usr/bin/env node
import { buildApp } from './app.js';
import { ConfigError, USAGE, loadConfig } from './config/config.js';

/** The `understudy` command: parse flags and environment once, build, listen, stop cleanly on signals. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`understudy: ${error.message}`);
    process.exit(2);
  }
  if (config === 'help') {
    console.log(USAGE);
    return;
  }
  const app = await buildApp(config);
  await app.listen();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal} received; finishing in-flight work`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('understudy: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
