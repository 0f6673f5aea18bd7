import { Alert, Badge, Button, Code, Group, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import type { BridgeMapper, BridgeMessage, BridgeTryResult } from '@understudy/contracts';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { bodyText, typedBody } from '../utils/format-message';
import { parseHeaderLines } from '../utils/bridge-form';

interface MapperTryPanelProps {
  /** The mapper as the form holds it now, or why it cannot be sent (a template that is not JSON). */
  mapper: { ok: true; mapper: BridgeMapper } | { ok: false; message: string };
  onRun: (
    mapper: BridgeMapper,
    message: { body: unknown; bodyEncoding?: 'text'; headers: Record<string, string> },
  ) => void;
  running: boolean;
  result: BridgeTryResult | undefined;
  error: Error | null;
  /** IN messages the bridge saw lately, to try the mapper on real traffic. */
  recent?: readonly BridgeMessage[];
}

const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };
const headerText = (headers: Record<string, unknown>) =>
  Object.entries(headers)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('\n');

function TryResult({ result }: { result: BridgeTryResult }) {
  return (
    <Stack gap="xs" data-testid="try-result">
      {result.ok ? (
        <Text size="sm" fw={600} c="teal.8">
          {result.messages.length === 0
            ? 'Dropped: no OUT message'
            : `${result.messages.length} OUT message(s)`}
        </Text>
      ) : (
        <Alert color="red" variant="light" title={`Mapper failed (${result.error?.kind ?? 'error'})`}>
          {result.error?.message}
          {result.error?.traceback && (
            <Code block mt="xs" data-testid="try-traceback">
              {result.error.traceback}
            </Code>
          )}
        </Alert>
      )}
      {result.messages.map((m, i) => (
        <Paper key={i} withBorder p="xs" radius="sm">
          {Object.keys(m.headers).length > 0 && (
            <Code block mb={4}>
              {headerText(m.headers)}
            </Code>
          )}
          <Code block data-testid="try-output">
            {bodyText(m)}
          </Code>
        </Paper>
      ))}
      {result.stdout && (
        <Text size="xs" c="dimmed">
          printed: <Code>{result.stdout}</Code>
        </Text>
      )}
    </Stack>
  );
}

/** "Try": runs the mapper being edited on a pasted or recently seen message; nothing is published. */
export function MapperTryPanel({ mapper, onRun, running, result, error, recent = [] }: MapperTryPanelProps) {
  const [body, setBody] = useState('{\n  "id": "o-1",\n  "qty": 2\n}');
  const [headers, setHeaders] = useState('x-tenant: acme');
  const pick = (index: string | null) => {
    const message = index === null ? undefined : recent[Number(index)];
    if (!message) return;
    setBody(bodyText(message));
    setHeaders(headerText(message.headers));
  };
  const run = () =>
    mapper.ok && onRun(mapper.mapper, { ...typedBody(body), headers: parseHeaderLines(headers) });
  return (
    <Paper withBorder p="md" radius="md" bg="var(--mantine-color-gray-0)">
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={600}>Try it</Text>
            <Badge size="xs" variant="light" color="gray">
              nothing is published
            </Badge>
          </Group>
          <Group gap="xs">
            {recent.length > 0 && (
              <Select
                size="xs"
                aria-label="Use a recent message"
                placeholder="Use a recent IN message"
                data={recent.map((m, i) => ({
                  value: String(i),
                  label: bodyText(m).replace(/\s+/g, ' ').slice(0, 60),
                }))}
                onChange={pick}
                value={null}
                w={260}
              />
            )}
            <Button size="xs" onClick={run} loading={running} disabled={!mapper.ok}>
              Run
            </Button>
          </Group>
        </Group>
        <Group grow align="flex-start">
          <Textarea
            label="IN headers"
            description="name: value, one per line"
            autosize
            minRows={3}
            value={headers}
            onChange={(e) => setHeaders(e.currentTarget.value)}
            styles={mono}
          />
          <Textarea
            label="IN body"
            aria-label="Try body"
            description="JSON, or any text"
            autosize
            minRows={3}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            styles={mono}
          />
        </Group>
        {!mapper.ok && (
          <Text size="sm" c="red.7">
            {mapper.message}
          </Text>
        )}
        <ErrorAlert error={error} title="Could not run the mapper" />
        {result && <TryResult result={result} />}
      </Stack>
    </Paper>
  );
}
