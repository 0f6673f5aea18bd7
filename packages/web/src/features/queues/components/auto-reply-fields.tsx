import { Stack, Switch, Text, TextInput } from '@mantine/core';
import type { AutoReplyValue } from '../utils/auto-reply-form';
import { BodyField } from './body-field';
import { HeaderRowsField } from './header-rows-field';

interface AutoReplyFieldsProps {
  value: AutoReplyValue;
  onChange: (value: AutoReplyValue) => void;
  errors: { body?: string; contentType?: string; headerOf?: (token: string) => string | undefined };
}

/** A constant reply to request/reply traffic: sent to each message's reply-to, on its correlation id. */
export function AutoReplyFields({ value, onChange, errors }: AutoReplyFieldsProps) {
  const set = (change: Partial<AutoReplyValue>) => onChange({ ...value, ...change });
  return (
    <Stack gap="sm">
      <Switch
        label="Answer requests"
        description="For each message with a reply-to, publish this reply there with the same correlation id"
        checked={value.enabled}
        onChange={(event) => set({ enabled: event.currentTarget.checked })}
      />
      {value.enabled && (
        <Stack gap="sm" pl="md" style={{ borderLeft: '2px solid var(--mantine-color-indigo-2)' }}>
          <BodyField
            label="Reply body"
            encoding={value.encoding}
            onEncoding={(encoding) => set({ encoding })}
            value={value.body}
            onChange={(body) => set({ body })}
            error={errors.body}
            minRows={3}
          />
          <TextInput
            label="Reply content type"
            placeholder="follows the body format"
            value={value.contentType}
            onChange={(event) => set({ contentType: event.currentTarget.value })}
            error={errors.contentType}
          />
          <HeaderRowsField
            label="Reply header"
            rows={value.headers}
            onChange={(headers) => set({ headers })}
            errorOf={errors.headerOf}
          />
          <Text size="xs" c="dimmed">
            Replies are kept beside the request and shown with it.
          </Text>
        </Stack>
      )}
    </Stack>
  );
}
