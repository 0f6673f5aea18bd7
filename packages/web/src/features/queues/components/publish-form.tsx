import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { QueueMock } from '@understudy/contracts';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { detailsOf, messageAt, unplacedDetails } from '../../../lib/error-pointers';
import { usePublishMessage } from '../api/publish-message';
import { useRevealFirstError } from '../hooks/use-reveal-first-error';
import { toPublishRequest, type PublishFormValue } from '../utils/publish-form';
import { queueNoun } from '../utils/queue-kinds';
import { BodyField } from './body-field';
import { HeaderRowsField } from './header-rows-field';
import { PublishPropertiesFields } from './publish-properties-fields';

const PLACED = ['/body/body', '/body/bodyEncoding', '/body/headers', '/body/properties'];

interface PublishFormProps {
  mock: QueueMock;
  initial: PublishFormValue;
  onClose: () => void;
}

/** Publishes into the queue mock's queue; the answer comes once the broker confirmed the message. */
export function PublishForm({ mock, initial, onClose }: PublishFormProps) {
  const [value, setValue] = useState(initial);
  const [bodyError, setBodyError] = useState<string | undefined>();
  const publish = usePublishMessage();
  const [attempt, setAttempt] = useState(0);
  const formRef = useRevealFirstError<HTMLFormElement>(attempt, publish.error);
  const details = detailsOf(publish.error);
  const unplaced = unplacedDetails(details, PLACED);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const built = toPublishRequest(value);
    setBodyError(built.ok ? undefined : built.bodyError);
    if (!built.ok) return;
    publish.mutate({ queue: mock.id, message: built.request });
  };
  const change = (next: PublishFormValue) => {
    setValue(next);
    if (publish.isSuccess) publish.reset();
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Into the {queueNoun(mock.brokerKind)}{' '}
          <Text span ff="monospace" c="dark">
            {mock.queue}
          </Text>{' '}
          on {mock.broker}.
        </Text>
        {publish.error && (details.length === 0 || unplaced.length > 0) && (
          <ErrorAlert error={publish.error} title="Could not publish the message" />
        )}
        {publish.isSuccess && (
          <Alert
            color="teal"
            variant="light"
            title="Published: the broker confirmed it"
            data-testid="publish-confirmation"
          >
            Message id{' '}
            <Text span ff="monospace">
              {publish.data.messageId ?? '(none)'}
            </Text>
            . It shows in the list as soon as the queue mock reads it.
          </Alert>
        )}
        <BodyField
          label="Body"
          encoding={value.encoding}
          onEncoding={(encoding) => change({ ...value, encoding })}
          value={value.body}
          onChange={(body) => change({ ...value, body })}
          error={bodyError ?? messageAt(details, '/body/body') ?? messageAt(details, '/body/bodyEncoding')}
        />
        <HeaderRowsField
          label="Header"
          rows={value.headers}
          onChange={(headers) => change({ ...value, headers })}
          errorOf={(token) => messageAt(details, `/body/headers/${token}`)}
        />
        <PublishPropertiesFields
          value={value}
          onChange={change}
          errorOf={(key) => messageAt(details, `/body/properties/${key}`)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {publish.isSuccess ? 'Close' : 'Cancel'}
          </Button>
          <Button type="submit" loading={publish.isPending}>
            {publish.isSuccess ? 'Publish again' : 'Publish'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
