import type { HandlerRunner, MapperKind, MapperSettings } from '../../core/ports/index.js';
import { DEFAULT_MAPPER_TIMEOUT_MS } from '../../core/bridging/bridge-defaults.js';
import {
  computedOutput,
  identityOutput,
  mapperBody,
  mapperHeaders,
  pythonOutput,
  type MapperError,
  type MapperInput,
  type OutMessage,
} from '../../core/bridging/mapper-io.js';
import { applyTemplate, compileTemplate } from '../../core/bridging/template-mapper.js';
import { handlerKey } from '../run-python-stub.js';

interface RunOutput {
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** One mapper call: OUT messages (none when dropped), or why the mapper failed on this message. */
export type MapResult = ({ ok: true; messages: OutMessage[] } | { ok: false; error: MapperError }) &
  RunOutput;

/** A mapper ready to run. It throws only when it cannot be tried at all (sandbox down or busy). */
export interface PreparedMapper {
  run(input: MapperInput): Promise<MapResult>;
}

export interface MapperContext {
  handlers: HandlerRunner;
  /** Names the sandbox pool: the bridge id, or a try-it session's. */
  owner: string;
}

type SettingsOf<K extends MapperKind> = Extract<MapperSettings, { kind: K }>;

interface MapperKindImpl<K extends MapperKind> {
  /** Save-time check; problems point under `pointer` (the mapper's place in the request body). */
  check(settings: SettingsOf<K>, pointer: string, handlers: HandlerRunner): Promise<void>;
  prepare(settings: SettingsOf<K>, context: MapperContext): PreparedMapper;
}

const NO_OUTPUT: RunOutput = { stdout: '', stderr: '', durationMs: 0 };

const identity: MapperKindImpl<'identity'> = {
  check: async () => {},
  prepare: () => ({ run: async (input) => ({ ok: true, messages: identityOutput(input), ...NO_OUTPUT }) }),
};

const template: MapperKindImpl<'template'> = {
  check: async (settings, pointer) => {
    compileTemplate(settings.template, settings.headers, pointer);
  },
  prepare: (settings) => {
    const compiled = compileTemplate(settings.template, settings.headers, '/mapper');
    return {
      run: async (input) => {
        const started = performance.now();
        const { body, headers } = applyTemplate(compiled, {
          body: mapperBody(input.bytes),
          headers: input.headers,
        });
        const durationMs = performance.now() - started;
        return {
          ok: true,
          messages: computedOutput(input, body, headers),
          stdout: '',
          stderr: '',
          durationMs,
        };
      },
    };
  },
};

const python: MapperKindImpl<'python'> = {
  check: (settings, pointer, handlers) =>
    handlers.validate({ code: settings.code, entrypoint: 'mapper', pointer: `${pointer}/code` }),
  prepare: (settings, { handlers, owner }) => {
    const key = handlerKey(owner, settings.code);
    const timeoutMs = settings.timeoutMs ?? DEFAULT_MAPPER_TIMEOUT_MS;
    return {
      run: async (input) => {
        const args = { body: mapperBody(input.bytes), headers: mapperHeaders(input.headers) };
        const result = await handlers.run({
          key,
          code: settings.code,
          entrypoint: 'mapper',
          args,
          timeoutMs,
        });
        const output = { stdout: result.stdout, stderr: result.stderr, durationMs: result.durationMs };
        if (!result.ok) {
          const { kind, message, traceback } = result.error;
          return { ok: false, error: { kind, message, traceback: traceback ?? null }, ...output };
        }
        const messages = pythonOutput(input, result.value);
        return Array.isArray(messages)
          ? { ok: true, messages, ...output }
          : { ok: false, error: messages, ...output };
      },
    };
  },
};

/** The mapper kinds, one entry each (STYLE rule 3: a table, no switch on kind). */
const MAPPERS: { [K in MapperKind]: MapperKindImpl<K> } = { identity, template, python };

function implOf<K extends MapperKind>(settings: SettingsOf<K>): MapperKindImpl<K> {
  return MAPPERS[settings.kind as K];
}

export function checkMapper(
  settings: MapperSettings,
  pointer: string,
  handlers: HandlerRunner,
): Promise<void> {
  return implOf(settings).check(settings, pointer, handlers);
}

export function prepareMapper(settings: MapperSettings, context: MapperContext): PreparedMapper {
  return implOf(settings).prepare(settings, context);
}
