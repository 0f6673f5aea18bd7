/**
 * A seccomp-BPF program handed to `bwrap --seccomp`. Namespaces, setpriv and rlimits leave the kernel's
 * full syscall surface open; in particular an unprivileged process may still create a user namespace
 * (and then mount things). This denylist closes that and the usual escape and attack-surface syscalls
 * (mount, ptrace, bpf, io_uring, keyrings, module loading…), and refuses every socket family but
 * AF_UNIX, so "no network" holds even if the network namespace did not.
 * Numbers from include/uapi/asm-generic/unistd.h (arm64) and arch/x86/entry/syscalls/syscall_64.tbl.
 */

type SyscallTable = Readonly<Record<string, number>>;

// prettier-ignore
const X86_64: SyscallTable = {
  unshare: 272, setns: 308, mount: 165, umount2: 166, pivot_root: 155, chroot: 161, ptrace: 101,
  process_vm_readv: 310, process_vm_writev: 311, bpf: 321, perf_event_open: 298, userfaultfd: 323,
  keyctl: 250, add_key: 248, request_key: 249, kexec_load: 246, kexec_file_load: 320, init_module: 175,
  finit_module: 313, delete_module: 176, open_by_handle_at: 304, name_to_handle_at: 303, syslog: 103,
  acct: 163, swapon: 167, swapoff: 168, reboot: 169, quotactl: 179, lookup_dcookie: 212, uselib: 134,
  iopl: 172, ioperm: 173, vhangup: 153, clone: 56, clone3: 435, socket: 41,
};

// prettier-ignore
const ARM64: SyscallTable = {
  unshare: 97, setns: 268, mount: 40, umount2: 39, pivot_root: 41, chroot: 51, ptrace: 117,
  process_vm_readv: 270, process_vm_writev: 271, bpf: 280, perf_event_open: 241, userfaultfd: 282,
  keyctl: 219, add_key: 217, request_key: 218, kexec_load: 104, kexec_file_load: 294, init_module: 105,
  finit_module: 273, delete_module: 106, open_by_handle_at: 265, name_to_handle_at: 264, syslog: 116,
  acct: 89, swapon: 224, swapoff: 225, reboot: 142, quotactl: 60, lookup_dcookie: 18, vhangup: 58,
  clone: 220, clone3: 435, socket: 198,
};

// The new mount-API syscalls and io_uring share numbers on every architecture.
// prettier-ignore
const COMMON: SyscallTable = {
  open_tree: 428, move_mount: 429, fsopen: 430, fsconfig: 431, fsmount: 432, fspick: 433,
  mount_setattr: 442, io_uring_setup: 425, io_uring_enter: 426, io_uring_register: 427,
};

const ARCHES: Readonly<Record<string, { audit: number; table: SyscallTable; x32: boolean }>> = {
  x64: { audit: 0xc000003e, table: X86_64, x32: true },
  arm64: { audit: 0xc00000b7, table: ARM64, x32: false },
};

// BPF opcodes and seccomp constants (linux/filter.h, linux/seccomp.h).
const LD_ABS_W = 0x20;
const JEQ_K = 0x15;
const JGE_K = 0x35;
const JSET_K = 0x45;
const RET_K = 0x06;
const RET_ALLOW = 0x7fff0000;
const RET_KILL_PROCESS = 0x80000000;
const RET_ERRNO = 0x00050000;
const EPERM = 1;
const ENOSYS = 38;
const EAFNOSUPPORT = 97;
const AF_UNIX = 1;
const X32_SYSCALL_BIT = 0x40000000;
// CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET
const CLONE_NEW_NAMESPACES =
  0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000;
// struct seccomp_data: nr at 0, arch at 4, args[0] at 16 (its low 32 bits on little-endian hosts).
const OFFSET_NR = 0;
const OFFSET_ARCH = 4;
const OFFSET_ARG0 = 16;

type Insn = [code: number, jt: number | string, jf: number | string, k: number];

/** Whether this host's architecture has a syscall table here; the self-test reports when it does not. */
export function seccompSupported(arch: string = process.arch): boolean {
  return arch in ARCHES;
}

/** The compiled program: `struct sock_filter[]`, 8 bytes per instruction, in host byte order. */
export function buildSeccompFilter(arch: string = process.arch): Buffer {
  const spec = ARCHES[arch];
  if (!spec) throw new Error(`no seccomp syscall table for architecture ${arch}`);
  const { clone, clone3, socket, ...rest } = { ...spec.table, ...COMMON };
  const denied = Object.values(rest);
  const program: Insn[] = [
    [LD_ABS_W, 0, 0, OFFSET_ARCH],
    [JEQ_K, 0, 'kill', spec.audit],
    [LD_ABS_W, 0, 0, OFFSET_NR],
    ...(spec.x32 ? [[JGE_K, 'kill', 0, X32_SYSCALL_BIT] satisfies Insn] : []),
    ...denied.map((nr): Insn => [JEQ_K, 'eperm', 0, nr]),
    [JEQ_K, 'clone', 0, clone ?? -1],
    // clone3 passes its flags in memory that BPF cannot read; ENOSYS makes libc fall back to clone.
    [JEQ_K, 'enosys', 0, clone3 ?? -1],
    [JEQ_K, 'socket', 0, socket ?? -1],
    [RET_K, 0, 0, RET_ALLOW],
  ];
  // prettier-ignore
  const labels: Record<string, Insn[]> = {
    clone: [[LD_ABS_W, 0, 0, OFFSET_ARG0], [JSET_K, 'eperm', 0, CLONE_NEW_NAMESPACES], [RET_K, 0, 0, RET_ALLOW]],
    socket: [[LD_ABS_W, 0, 0, OFFSET_ARG0], [JEQ_K, 0, 'eafnosupport', AF_UNIX], [RET_K, 0, 0, RET_ALLOW]],
    eperm: [[RET_K, 0, 0, RET_ERRNO | EPERM]],
    enosys: [[RET_K, 0, 0, RET_ERRNO | ENOSYS]],
    eafnosupport: [[RET_K, 0, 0, RET_ERRNO | EAFNOSUPPORT]],
    kill: [[RET_K, 0, 0, RET_KILL_PROCESS]],
  };
  return assemble(program, labels);
}

/** Lays out the main program then each labelled block, and turns label jumps into relative offsets. */
function assemble(program: Insn[], labels: Record<string, Insn[]>): Buffer {
  const all = [...program];
  const at: Record<string, number> = {};
  for (const [name, block] of Object.entries(labels)) {
    at[name] = all.length;
    all.push(...block);
  }
  const out = Buffer.alloc(all.length * 8);
  all.forEach(([code, jt, jf, k], index) => {
    const offset = (target: number | string): number => {
      if (typeof target === 'number') return target;
      const distance = (at[target] ?? NaN) - index - 1;
      if (!(distance >= 0 && distance <= 255)) throw new Error(`seccomp jump to ${target} out of range`);
      return distance;
    };
    out.writeUInt16LE(code, index * 8);
    out.writeUInt8(offset(jt), index * 8 + 2);
    out.writeUInt8(offset(jf), index * 8 + 3);
    out.writeUInt32LE(k >>> 0, index * 8 + 4);
  });
  return out;
}
