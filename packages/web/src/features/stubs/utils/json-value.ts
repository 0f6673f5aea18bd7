export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses JSON text, with the parser's message (which names the position) when it is not JSON. */
export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * A value typed in one line where any JSON is allowed (a JSONPath `equals`): `42`, `true` and
 * `{"a":1}` are JSON, anything that does not parse is taken as text, so `express` needs no quotes.
 */
export function parseLooseValue(text: string): unknown {
  const parsed = parseJson(text);
  return parsed.ok ? parsed.value : text;
}

/** The inverse of parseLooseValue: text is shown bare unless it would read back as something else. */
export function looseText(value: unknown): string {
  if (typeof value === 'string') {
    const parsed = parseJson(value);
    return parsed.ok ? JSON.stringify(value) : value;
  }
  return JSON.stringify(value);
}

/** `value` without the listed keys. */
export function omitKeys(value: Json, keys: readonly string[]): Json {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

/** The value a server pointer (`/body/request/path/regex`) names inside the document sent as the body. */
export function valueAtPointer(doc: unknown, pointer: string): unknown {
  const tokens = pointer.split('/').slice(2); // '' and 'body'
  let value: unknown = doc;
  for (const raw of tokens) {
    const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(value)) value = value[Number(token)];
    else if (isRecord(value)) value = value[token];
    else return undefined;
  }
  return value;
}

/** Whether the part of the document a pointer names is the same in both (so its error still applies). */
export function sameAtPointer(a: unknown, b: unknown, pointer: string): boolean {
  return JSON.stringify(valueAtPointer(a, pointer)) === JSON.stringify(valueAtPointer(b, pointer));
}
