import { Alert, Badge, Code, Group, Stack, Text } from '@mantine/core';
import type { HandlerTryResult } from '../api/try-handler';

function Output({ label, text }: { label: string; text: string }) {
  if (!text) return null;
  return (
    <Stack gap={2}>
      <Text size="xs" fw={600} c="dimmed">
        {label}
      </Text>
      <Code block data-testid={`try-${label}`}>
        {text}
      </Code>
    </Stack>
  );
}

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value, null, 2));

/** What one run of the handler gave: the response, or the error with its traceback; and its output. */
export function HandlerTryResultView({ result }: { result: HandlerTryResult }) {
  return (
    <Stack gap="xs" data-testid="try-result">
      {result.ok ? (
        <>
          <Group gap="xs">
            <Badge color={result.status < 400 ? 'teal' : 'orange'} size="lg" variant="light">
              {result.status}
            </Badge>
            <Text size="xs" c="dimmed">
              in {result.durationMs.toFixed(1)} ms
            </Text>
          </Group>
          <Output
            label="headers"
            text={Object.entries(result.headers)
              .map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : value}`)
              .join('\n')}
          />
          <Output
            label="body"
            text={result.bodyType === 'bytes' ? `(binary, base64) ${show(result.body)}` : show(result.body)}
          />
        </>
      ) : (
        <Alert color="red" variant="light" title={`The handler failed: ${result.error.kind}`}>
          <Text size="sm">{result.error.message}</Text>
        </Alert>
      )}
      {!result.ok && result.error.traceback && <Output label="traceback" text={result.error.traceback} />}
      <Output label="stdout" text={result.stdout} />
      <Output label="stderr" text={result.stderr} />
    </Stack>
  );
}
