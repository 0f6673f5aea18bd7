import { Code, Stack, Text } from '@mantine/core';
import type { HandlerTrace } from '@understudy/contracts';
import { SectionLabel } from '../../../components/ui/key-value-table';

function Block({ label, text }: { label: string; text: string }) {
  return (
    <>
      <SectionLabel>{label}</SectionLabel>
      <Code block data-testid={`handler-${label}`} style={{ maxHeight: 240, overflow: 'auto' }}>
        {text}
      </Code>
    </>
  );
}

/** What the Python handler printed, and its traceback when it failed. */
export function HandlerOutputView({ handler }: { handler: HandlerTrace }) {
  const empty = !handler.stdout && !handler.stderr && !handler.traceback;
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed">
        Ran in {handler.durationMs.toFixed(1)} ms
      </Text>
      {empty && (
        <Text size="sm" c="dimmed">
          It printed nothing.
        </Text>
      )}
      {handler.stdout && <Block label="stdout" text={handler.stdout} />}
      {handler.stderr && <Block label="stderr" text={handler.stderr} />}
      {handler.traceback && <Block label="traceback" text={handler.traceback} />}
    </Stack>
  );
}
