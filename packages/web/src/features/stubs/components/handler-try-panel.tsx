import { Button, Group, Paper, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import type { HandlerTryRequest, HandlerTryResult } from '../api/try-handler';
import { parseLooseValue } from '../utils/json-value';
import { parseHeaderLines } from './header-lines';
import { HandlerTryResultView } from './handler-try-result';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => ({ value: m, label: m }));
const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

interface HandlerTryPanelProps {
  onRun: (request: HandlerTryRequest) => void;
  running: boolean;
  result: HandlerTryResult | undefined;
  error: Error | null;
}

/** A sample request to run the handler on, without saving: the "Run" button of the editor. */
export function HandlerTryPanel({ onRun, running, result, error }: HandlerTryPanelProps) {
  const [method, setMethod] = useState('POST');
  const [path, setPath] = useState('/');
  const [headers, setHeaders] = useState('content-type: application/json');
  const [body, setBody] = useState('{\n  "name": "Ada"\n}');

  const run = () =>
    onRun({
      method,
      path: path || '/',
      headers: parseHeaderLines(headers),
      // JSON when it parses (the handler gets a dict), else the text as it is.
      body: body.trim() === '' ? null : parseLooseValue(body),
    });

  return (
    <Paper withBorder p="md" radius="md" bg="var(--mantine-color-gray-0)">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>Try it</Text>
          <Button onClick={run} loading={running} size="xs">
            Run
          </Button>
        </Group>
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <Select
            aria-label="Try method"
            data={METHODS}
            value={method}
            onChange={(m) => setMethod(m ?? 'POST')}
            allowDeselect={false}
            w={110}
          />
          <TextInput
            aria-label="Try path"
            value={path}
            onChange={(event) => setPath(event.currentTarget.value)}
            styles={mono}
            style={{ flex: 1 }}
          />
        </Group>
        <Group gap="sm" align="flex-start" grow>
          <Textarea
            label="Headers"
            aria-label="Try headers"
            description="One per line: name: value"
            autosize
            minRows={3}
            value={headers}
            onChange={(event) => setHeaders(event.currentTarget.value)}
            styles={mono}
          />
          <Textarea
            label="Body"
            description="JSON, or any text"
            aria-label="Try body"
            autosize
            minRows={3}
            value={body}
            onChange={(event) => setBody(event.currentTarget.value)}
            styles={mono}
          />
        </Group>
        <ErrorAlert error={error} title="Could not run the handler" />
        {result && <HandlerTryResultView result={result} />}
      </Stack>
    </Paper>
  );
}
