import { Input, SegmentedControl, Stack, Textarea } from '@mantine/core';
import type { BodyEncoding } from '@understudy/contracts';

const ENCODINGS: { value: BodyEncoding; label: string }[] = [
  { value: 'json', label: 'JSON' },
  { value: 'text', label: 'Text' },
  { value: 'base64', label: 'Base64' },
];
const PLACEHOLDER: Record<BodyEncoding, string> = {
  json: '{\n  "orderId": 42,\n  "type": "express"\n}',
  text: 'Any text, sent as UTF-8',
  base64: 'Bytes as base64, e.g. aGVsbG8=',
};

function isEncoding(value: string): value is BodyEncoding {
  return ENCODINGS.some((e) => e.value === value);
}

interface BodyFieldProps {
  label: string;
  encoding: BodyEncoding;
  onEncoding: (encoding: BodyEncoding) => void;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  minRows?: number;
}

/** A message body typed as JSON, text or base64. */
export function BodyField({
  label,
  encoding,
  onEncoding,
  value,
  onChange,
  error,
  minRows = 5,
}: BodyFieldProps) {
  return (
    <Stack gap={4}>
      <Input.Label>{label}</Input.Label>
      <SegmentedControl
        aria-label={`${label} format`}
        size="xs"
        data={ENCODINGS}
        value={encoding}
        onChange={(next) => isEncoding(next) && onEncoding(next)}
        style={{ alignSelf: 'flex-start' }}
      />
      <Textarea
        aria-label={label}
        placeholder={PLACEHOLDER[encoding]}
        autosize
        minRows={minRows}
        maxRows={16}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
        spellCheck={false}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
      />
    </Stack>
  );
}
