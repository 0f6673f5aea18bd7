import { describe, expect, it } from 'vitest';
import { bwrapLaunch, RUNNER_MOUNT, SECCOMP_FD, unsandboxedLaunch } from './sandbox-command.js';
import { resolveSandboxOptions } from './sandbox-options.js';

const options = resolveSandboxOptions({ runnerDir: '/srv/understudy/python/', uidBase: 61000 });

const after = (args: string[], flag: string): string | undefined => args[args.indexOf(flag) + 1];

describe('worker launch commands', () => {
  it('unshares every namespace and dies with the server', () => {
    const { command, args } = bwrapLaunch(options, 3);
    expect(command).toBe('/usr/bin/bwrap');
    for (const flag of [
      '--unshare-pid',
      '--unshare-net',
      '--unshare-ipc',
      '--unshare-uts',
      '--die-with-parent',
      '--new-session',
      '--clearenv',
    ]) {
      expect(args).toContain(flag);
    }
  });

  it('mounts only /usr and the runner, read-only, plus a small private /tmp', () => {
    const { args } = bwrapLaunch(options, 3);
    const binds = args.flatMap((arg, i) =>
      arg.endsWith('bind') ? [`${arg} ${args[i + 1]} ${args[i + 2]}`] : [],
    );
    expect(binds).toEqual(['--ro-bind /usr /usr', `--ro-bind /srv/understudy/python/ ${RUNNER_MOUNT}`]);
    expect(after(args, '--size')).toBe(String(options.tmpfsBytes));
    expect(after(args, '--seccomp')).toBe(String(SECCOMP_FD));
  });

  it('drops to the slot’s own uid with no capabilities and no_new_privs', () => {
    const { args } = bwrapLaunch(options, 3);
    const setpriv = args.slice(args.indexOf('/usr/bin/setpriv'));
    // prettier-ignore
    expect(setpriv.slice(0, 7)).toEqual([
      '/usr/bin/setpriv', '--reuid=61003', '--regid=61003', '--clear-groups', '--no-new-privs', '--inh-caps=-all', '--bounding-set=-all',
    ]);
    expect(setpriv.slice(7, 11)).toEqual(['/usr/bin/python3', '-I', '-B', '/runner/runner.py']);
  });

  it('hands runner.py its limits, and counts processes only inside the sandbox', () => {
    const settings = (args: string[]) => JSON.parse(args.at(-1) ?? '{}') as Record<string, unknown>;
    expect(settings(bwrapLaunch(options, 0).args)).toMatchObject({
      memoryBytes: options.limits.memoryBytes,
      processes: 8,
    });
    const off = unsandboxedLaunch(options);
    expect(off.command).toBe('/usr/bin/python3');
    expect(off.seccomp).toBeUndefined();
    expect(settings(off.args)).toMatchObject({ processes: null, outputLimitBytes: options.outputLimitBytes });
  });
});
