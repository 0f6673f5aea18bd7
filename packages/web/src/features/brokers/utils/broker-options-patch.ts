import type { BrokerKind, BrokerOptions, BrokerOptionsPatch } from '@understudy/contracts';
import { optionFields, optionsFor } from './broker-kinds';

/**
 * The options part of a broker PATCH: every value the form holds, and null for an option that was
 * stored but is now cleared, so the server drops it and the default applies again (an absent key
 * would keep the stored value).
 */
export function optionsPatch(
  kind: BrokerKind,
  stored: BrokerOptions,
  edited: BrokerOptions,
): BrokerOptionsPatch {
  const patch: BrokerOptionsPatch = { ...optionsFor(kind, edited) };
  for (const { key } of optionFields(kind)) {
    if (stored[key] !== undefined && edited[key] === undefined) patch[key] = null;
  }
  return patch;
}
