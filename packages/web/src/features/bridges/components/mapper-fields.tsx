import { Code, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import type { BridgeMessage } from '@understudy/contracts';
import { CodeEditor } from '../../../components/ui/code-editor';
import { PythonCodeFields } from '../../../components/ui/python-code-fields';
import { detailsOf, messageAt } from '../../../lib/error-pointers';
import { useTryMapper } from '../api/try-mapper';
import { toMapper, type BridgeFormValue, type MapperKind } from '../utils/bridge-form';
import { MapperTryPanel } from './mapper-try-panel';

interface MapperFieldsProps {
  value: BridgeFormValue;
  set: (change: Partial<BridgeFormValue>) => void;
  errorAt: (pointer: string) => string | undefined;
  recent?: readonly BridgeMessage[];
}

const KINDS: Array<{ value: MapperKind; label: string }> = [
  { value: 'python', label: 'Python' },
  { value: 'template', label: 'JSON template' },
  { value: 'identity', label: 'Identity (as is)' },
];

function PythonFields({
  value,
  set,
  codeError,
  errorAt,
}: Omit<MapperFieldsProps, 'recent'> & { codeError?: string }) {
  return (
    <>
      <Text size="sm" c="dimmed">
        <Code>mapper(body, headers)</Code> gets the parsed JSON body (or the text) and the headers with
        lower-case names. Return the OUT body; <Code>None</Code> drops the message, a list fans out,{' '}
        <Code>(body, headers)</Code> sets headers. It runs in the sandbox: no network, no files.
      </Text>
      <PythonCodeFields
        label="Mapper"
        code={value.code}
        onCode={(code) => set({ code })}
        codeError={codeError}
        timeoutMs={value.timeoutMs}
        onTimeoutMs={(timeoutMs) => set({ timeoutMs })}
        timeoutError={errorAt('/body/mapper/timeoutMs')}
        timeoutDescription="Per call; a call that takes longer fails (and is retried)"
        timeoutPlaceholder="2000"
      />
    </>
  );
}

function TemplateFields({ value, set, errorAt }: Omit<MapperFieldsProps, 'recent'>) {
  return (
    <>
      <Text size="sm" c="dimmed">
        The OUT body as JSON. A string that is exactly <Code>{'{{ body.id }}'}</Code> takes that value with
        its type; <Code>{'{{ … }}'}</Code> inside text is replaced by the value as text. Paths start at{' '}
        <Code>body</Code> or <Code>headers</Code>.
      </Text>
      <CodeEditor
        label="Template"
        language="json"
        value={value.template}
        onChange={(template) => set({ template })}
        error={errorAt('/body/mapper/template')}
        minHeight="140px"
      />
      <Textarea
        label="OUT headers"
        description="name: value per line, templated like the body; empty keeps the IN headers"
        autosize
        minRows={2}
        value={value.templateHeaders}
        onChange={(e) => set({ templateHeaders: e.currentTarget.value })}
        error={errorAt('/body/mapper/headers')}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
    </>
  );
}

/** How each IN message becomes OUT messages, with a Try panel to run it on a sample first. */
export function MapperFields({ value, set, errorAt, recent }: MapperFieldsProps) {
  const tryIt = useTryMapper();
  const mapper = toMapper(value);
  // A syntax error from saving, or from the last try of this very code (the try checks it the same way).
  const tried = tryIt.variables?.mapper.kind === 'python' && tryIt.variables.mapper.code === value.code;
  const tryCodeError = tried ? messageAt(detailsOf(tryIt.error), '/body/mapper/code') : undefined;
  const codeError = errorAt('/body/mapper/code') ?? tryCodeError;
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Mapper kind"
        data={KINDS}
        value={value.mapperKind}
        onChange={(kind) => set({ mapperKind: kind as MapperKind })}
        w="fit-content"
      />
      {value.mapperKind === 'python' && (
        <PythonFields value={value} set={set} errorAt={errorAt} codeError={codeError} />
      )}
      {value.mapperKind === 'template' && <TemplateFields value={value} set={set} errorAt={errorAt} />}
      {value.mapperKind === 'identity' && (
        <Text size="sm" c="dimmed">
          OUT gets each IN message as it came: body, headers and properties.
        </Text>
      )}
      <MapperTryPanel
        mapper={mapper}
        onRun={(m, message) => tryIt.mutate({ mapper: m, message })}
        running={tryIt.isPending}
        result={tryIt.data}
        error={tryCodeError ? null : tryIt.error}
        recent={recent}
      />
    </Stack>
  );
}
