import { headerText } from './message-body';

/** One header being edited; `key` keeps React rows stable while names change. */
export interface HeaderRow {
  key: string;
  name: string;
  value: string;
}

let nextKey = 0;
export const emptyHeaderRow = (): HeaderRow => ({ key: `h${(nextKey += 1)}`, name: '', value: '' });

export function toHeaderRows(headers: Record<string, unknown> | undefined): HeaderRow[] {
  return Object.entries(headers ?? {}).map(([name, value]) => ({
    ...emptyHeaderRow(),
    name,
    value: headerText(value),
  }));
}

/** Rows with a name become headers (string values); blank rows are ignored. */
export function toHeaders(rows: readonly HeaderRow[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const row of rows) if (row.name.trim() !== '') headers[row.name.trim()] = row.value;
  return headers;
}
