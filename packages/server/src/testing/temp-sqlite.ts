import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A `sqlite:` URL in a fresh temp folder; `remove()` deletes the folder. */
export function tempSqliteUrl(): { url: string; dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'understudy-'));
  return {
    url: `sqlite:${path.join(dir, 'understudy.db')}`,
    dir,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
