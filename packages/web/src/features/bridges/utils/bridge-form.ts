import type { Bridge, BridgeCreate, BridgeMapper, BridgeOut, BrokerKind } from '@understudy/contracts';
import { lookOf } from './endpoint-kinds';

export type MapperKind = BridgeMapper['kind'];

/** Everything the bridge form edits, as the inputs hold it (numbers may be blank while typing). */
export interface BridgeFormValue {
  name: string;
  inBroker: string | null;
  inQueue: string;
  inCreate: boolean;
  outBroker: string | null;
  outTarget: 'queue' | 'exchange';
  outQueue: string;
  outExchange: string;
  outRoutingKey: string;
  outCreate: boolean;
  mapperKind: MapperKind;
  code: string;
  timeoutMs: number | '';
  template: string;
  templateHeaders: string;
  concurrency: number | '';
  attempts: number | '';
  backoffMs: number | '';
}

export const PYTHON_EXAMPLE = [
  'def mapper(body, headers):',
  '    # Return the OUT message: None drops it, a list fans out, (body, headers) sets headers.',
  '    body["orderId"] = body.pop("id", None)',
  '    return body',
  '',
].join('\n');

export const TEMPLATE_EXAMPLE = '{\n  "orderId": "{{ body.id }}",\n  "tenant": "{{ headers.x-tenant }}"\n}';

const headerLines = (headers: Record<string, string> | undefined) =>
  Object.entries(headers ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');

/** "name: value" lines to a map; blank and colon-less lines are skipped. */
export function parseHeaderLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The form for a new bridge (on the first connected broker), or for changing `bridge`. */
export function formValue(bridge: Bridge | undefined, defaultBroker: string | null): BridgeFormValue {
  const mapper = bridge?.mapper;
  return {
    name: bridge?.name ?? '',
    inBroker: bridge?.in.broker ?? defaultBroker,
    inQueue: bridge?.in.queue ?? '',
    inCreate: bridge?.in.create ?? true,
    outBroker: bridge?.out.broker ?? defaultBroker,
    outTarget: bridge?.out.exchange !== undefined ? 'exchange' : 'queue',
    outQueue: bridge?.out.queue ?? '',
    outExchange: bridge?.out.exchange ?? '',
    outRoutingKey: bridge?.out.routingKey ?? '',
    outCreate: bridge?.out.create ?? !bridge,
    mapperKind: mapper?.kind ?? 'python',
    code: mapper?.kind === 'python' ? mapper.code : PYTHON_EXAMPLE,
    timeoutMs: mapper?.kind === 'python' ? (mapper.timeoutMs ?? '') : '',
    template: mapper?.kind === 'template' ? JSON.stringify(mapper.template, null, 2) : TEMPLATE_EXAMPLE,
    templateHeaders: mapper?.kind === 'template' ? headerLines(mapper.headers) : '',
    concurrency: bridge?.concurrency ?? 1,
    attempts: bridge?.retry.attempts ?? 3,
    backoffMs: bridge?.retry.backoffMs ?? 500,
  };
}

export type MapperResult = { ok: true; mapper: BridgeMapper } | { ok: false; message: string };

/** The mapper as the API takes it; a template that is not JSON is refused here, with the parser's words. */
export function toMapper(value: BridgeFormValue): MapperResult {
  if (value.mapperKind === 'identity') return { ok: true, mapper: { kind: 'identity' } };
  if (value.mapperKind === 'python') {
    const timeout = value.timeoutMs === '' ? {} : { timeoutMs: value.timeoutMs };
    return { ok: true, mapper: { kind: 'python', code: value.code, ...timeout } };
  }
  try {
    const template: unknown = JSON.parse(value.template);
    const headers = parseHeaderLines(value.templateHeaders);
    const withHeaders = Object.keys(headers).length > 0 ? { headers } : {};
    return { ok: true, mapper: { kind: 'template', template, ...withHeaders } };
  } catch (error) {
    return { ok: false, message: `The template is not JSON: ${(error as Error).message}` };
  }
}

/** The kinds of the brokers chosen for IN and OUT (undefined while none is). */
export interface EndpointKinds {
  in?: BrokerKind;
  out?: BrokerKind;
}

// Settings the form keeps while another kind is chosen (exchange, create) are sent only where the
// chosen kind has them: the API refuses them elsewhere.
function toOut(value: BridgeFormValue, kind: BrokerKind | undefined): BridgeOut {
  const broker = value.outBroker ?? '';
  if (value.outTarget === 'exchange' && kind === 'rabbitmq')
    return { broker, exchange: value.outExchange, routingKey: value.outRoutingKey };
  const create = value.outCreate && lookOf(kind).outCreate;
  return { broker, queue: value.outQueue.trim(), ...(create && { create: true }) };
}

/** The body of POST /bridges (and of PATCH, which takes the same fields). */
export function toBridgeInput(
  value: BridgeFormValue,
  mapper: BridgeMapper,
  kinds: EndpointKinds = {},
): BridgeCreate {
  const number = (n: number | '', fallback: number) => (n === '' ? fallback : n);
  const inCreate = value.inCreate && lookOf(kinds.in).inCreate !== null;
  return {
    name: value.name.trim(),
    in: { broker: value.inBroker ?? '', queue: value.inQueue.trim(), create: inCreate },
    out: toOut(value, kinds.out),
    mapper,
    concurrency: number(value.concurrency, 1),
    retry: { attempts: number(value.attempts, 3), backoffMs: number(value.backoffMs, 500) },
  };
}
