import { describe, expect, it } from 'vitest';
import { buildSeccompFilter, seccompSupported } from './seccomp-filter.js';

const RET_K = 0x06;
const RET_ALLOW = 0x7fff0000;

function instructions(program: Buffer) {
  return Array.from({ length: program.length / 8 }, (_, i) => ({
    code: program.readUInt16LE(i * 8),
    jt: program.readUInt8(i * 8 + 2),
    jf: program.readUInt8(i * 8 + 3),
    k: program.readUInt32LE(i * 8 + 4),
  }));
}

describe('the seccomp filter', () => {
  it.each(['x64', 'arm64'])('builds a well-formed program for %s whose jumps stay inside it', (arch) => {
    const program = instructions(buildSeccompFilter(arch));
    program.forEach((insn, index) => {
      if ((insn.code & 0x07) !== 0x05) return; // only jumps (BPF_JMP class) have targets
      expect(index + 1 + insn.jt).toBeLessThan(program.length);
      expect(index + 1 + insn.jf).toBeLessThan(program.length);
    });
    expect(program.at(-1)?.code).toBe(RET_K);
  });

  it('checks the architecture before anything else', () => {
    const [load, check] = instructions(buildSeccompFilter('x64'));
    expect(load).toMatchObject({ code: 0x20, k: 4 });
    expect(check).toMatchObject({ code: 0x15, k: 0xc000003e });
  });

  it('denies unshare (x86_64: 272) with EPERM', () => {
    const program = instructions(buildSeccompFilter('x64'));
    const index = program.findIndex((insn) => insn.code === 0x15 && insn.k === 272);
    const target = program[index + 1 + (program[index]?.jt ?? 0)];
    expect(target).toEqual({ code: RET_K, jt: 0, jf: 0, k: 0x00050001 });
  });

  it('allows what it does not name', () => {
    expect(
      instructions(buildSeccompFilter('x64')).some((insn) => insn.code === RET_K && insn.k === RET_ALLOW),
    ).toBe(true);
  });

  it('knows which architectures it has tables for', () => {
    expect(seccompSupported('x64')).toBe(true);
    expect(seccompSupported('riscv64')).toBe(false);
    expect(() => buildSeccompFilter('riscv64')).toThrow(/riscv64/);
  });
});
