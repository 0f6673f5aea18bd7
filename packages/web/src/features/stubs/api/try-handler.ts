import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** A sample request for a handler: body is any JSON value, or a string for a text body. */
export interface HandlerTryRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface HandlerTryInput {
  code: string;
  request: HandlerTryRequest;
  timeoutMs?: number;
}

interface HandlerOutput {
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface HandlerTrySuccess extends HandlerOutput {
  ok: true;
  status: number;
  headers: Record<string, string | string[]>;
  body: unknown;
  /** How the handler's body was sent; `bytes` bodies come as base64 text. */
  bodyType?: 'json' | 'text' | 'bytes' | null;
}

export interface HandlerTryFailure extends HandlerOutput {
  ok: false;
  error: { kind: string; message: string; traceback?: string | null };
}

export type HandlerTryResult = HandlerTrySuccess | HandlerTryFailure;

/** Runs handler code once against a sample request, in the sandbox, without saving anything. */
export async function tryHandler(input: HandlerTryInput): Promise<HandlerTryResult> {
  const { data } = await api.post<HandlerTryResult>('/handlers/try', input);
  return data;
}

export const useTryHandler = () => useMutation({ mutationFn: tryHandler });
