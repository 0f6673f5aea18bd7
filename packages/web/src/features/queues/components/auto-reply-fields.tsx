import { Code, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { PythonCodeFields } from '../../../components/ui/python-code-fields';
import type { AutoReplyErrors } from '../utils/auto-reply-errors';
import type { AutoReplyKind, AutoReplyValue } from '../utils/auto-reply-form';
import { BodyField } from './body-field';
import { HeaderRowsField } from './header-rows-field';

interface AutoReplyFieldsProps {
  value: AutoReplyValue;
  onChange: (value: AutoReplyValue) => void;
  errors: AutoReplyErrors;
}

type FieldsProps = AutoReplyFieldsProps & { set: (change: Partial<AutoReplyValue>) => void };

const KINDS: Array<{ value: AutoReplyKind; label: string }> = [
  { value: 'static', label: 'Constant reply' },
  { value: 'python', label: 'Python handler' },
];

function StaticReplyFields({ value, set, errors }: FieldsProps) {
  return (
    <>
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
    </>
  );
}

function PythonReplyFields({ value, set, errors }: FieldsProps) {
  return (
    <>
      <Text size="sm" c="dimmed">
        <Code>handler(body, headers)</Code> gets the message body (parsed JSON, or the text) and its headers
        with lower-case names; a third parameter, <Code>request</Code>, gets the queue, routing key and
        properties. What it returns is the reply, as for HTTP handlers: a value, <Code>(status, body)</Code>{' '}
        or <Code>(status, body, headers)</Code>; a status other than 200 is sent as the header{' '}
        <Code>x-status</Code>. If it fails, no reply is sent and the error is kept. It runs in the sandbox: no
        network, no files.
      </Text>
      <PythonCodeFields
        label="Reply handler"
        code={value.code}
        onCode={(code) => set({ code })}
        codeError={errors.code}
        timeoutMs={value.timeoutMs}
        onTimeoutMs={(timeoutMs) => set({ timeoutMs })}
        timeoutError={errors.timeoutMs}
        timeoutDescription="Per message; a call that takes longer sends no reply"
        timeoutPlaceholder="2000"
      />
    </>
  );
}

/** Answers to request/reply traffic: sent to each message's reply-to, on its correlation id. */
export function AutoReplyFields({ value, onChange, errors }: AutoReplyFieldsProps) {
  const set = (change: Partial<AutoReplyValue>) => onChange({ ...value, ...change });
  const fields = { value, onChange, errors, set };
  return (
    <Stack gap="sm">
      <Switch
        label="Answer requests"
        description="For each message with a reply-to, publish a reply there with the same correlation id"
        checked={value.enabled}
        onChange={(event) => set({ enabled: event.currentTarget.checked })}
      />
      {value.enabled && (
        <Stack gap="sm" pl="md" style={{ borderLeft: '2px solid var(--mantine-color-indigo-2)' }}>
          <SegmentedControl
            aria-label="Reply kind"
            data={KINDS}
            value={value.kind}
            onChange={(kind) => set({ kind: kind as AutoReplyKind })}
            w="fit-content"
          />
          {value.kind === 'static' ? <StaticReplyFields {...fields} /> : <PythonReplyFields {...fields} />}
          <Text size="xs" c="dimmed">
            Replies are kept beside the request and shown with it.
          </Text>
        </Stack>
      )}
    </Stack>
  );
}
