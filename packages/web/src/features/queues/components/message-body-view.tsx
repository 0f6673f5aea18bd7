import { Code, Group, Stack, Text } from '@mantine/core';
import type { BodyEncoding } from '@understudy/contracts';
import { CopyButton } from '../../../components/ui/copy-button';
import { formatBytes, readableBody } from '../utils/message-body';

interface MessageBodyViewProps {
  label: string;
  body: unknown;
  encoding: BodyEncoding;
  size?: number;
  truncated?: boolean;
}

/** A body pretty-printed as JSON, as text, or as base64 for bytes, with a Copy button. */
export function MessageBodyView({ label, body, encoding, size, truncated }: MessageBodyViewProps) {
  const readable = readableBody(body, encoding);
  return (
    <Stack gap={4}>
      <Code
        block
        aria-label={label}
        style={{ maxHeight: 420, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
      >
        {readable.text || ' '}
      </Code>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {readable.kind}
          {size !== undefined && `, ${formatBytes(size)}`}
          {truncated && ': only the start was kept (the server body limit)'}
        </Text>
        <CopyButton value={readable.text} aria-label={`Copy the ${label.toLowerCase()}`} />
      </Group>
    </Stack>
  );
}
