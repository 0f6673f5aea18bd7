/** The line a code error names: the server's messages start "line L, column C: …". */
export function codeErrorLine(message: string | undefined): number | null {
  const match = message === undefined ? null : /^line (\d+)/.exec(message);
  return match ? Number(match[1]) : null;
}
