import { Code, Stack, Text } from '@mantine/core';
import type { CapturedBody } from '@understudy/contracts';
import { readableBody } from '../utils/format-entry';

/** A recorded body, JSON pretty-printed, with a note when only its start was kept. */
export function CapturedBodyView({ body, label }: { body: CapturedBody | null; label: string }) {
  const readable = readableBody(body);
  if (!body || !readable) {
    return (
      <Text size="sm" c="dimmed">
        No body
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <Code block aria-label={label} style={{ maxHeight: 360, overflow: 'auto' }}>
        {readable.text}
      </Code>
      <Text size="xs" c="dimmed">
        {readable.isJson ? 'JSON, ' : ''}
        {body.size} bytes{body.truncated ? ': only the start was kept (see the journal settings)' : ''}
      </Text>
    </Stack>
  );
}
