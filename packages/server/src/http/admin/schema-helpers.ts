import { ErrorEnvelope } from '@understudy/contracts';
import { Type } from 'typebox';

/** Response schemas for the error statuses a route can answer, for the OpenAPI document. */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorEnvelope> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorEnvelope]));
}

export const NoContent = Type.Null({ description: 'No content' });

export const SECURED: Array<Record<string, string[]>> = [{ session: [] }, { bearer: [] }];
