import { Button, Divider, Group, Stack, Title } from '@mantine/core';
import type { QueueMock } from '@understudy/contracts';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { detailsOf, messageAt, unplacedDetails } from '../../../lib/error-pointers';
import { useUpdateQueueMock } from '../api/update-queue-mock';
import { useRevealFirstError } from '../hooks/use-reveal-first-error';
import { autoReplyErrors, sentCode } from '../utils/auto-reply-errors';
import { autoReplyValue, toAutoReply, type AutoReplyValue } from '../utils/auto-reply-form';
import { AutoReplyFields } from './auto-reply-fields';
import { RetentionFields, toRetention, type RetentionValue } from './retention-fields';

const PLACED = ['/body/retention', '/body/autoReply'];

interface EditQueueMockFormProps {
  mock: QueueMock;
  onDone: () => void;
}

/** Retention and the auto-reply: what may change without declaring the queue again. */
export function EditQueueMockForm({ mock, onDone }: EditQueueMockFormProps) {
  const [retention, setRetention] = useState<RetentionValue>({
    maxMessages: mock.retention.maxMessages ?? '',
    maxAgeHours: mock.retention.maxAgeHours ?? '',
  });
  const [autoReply, setAutoReply] = useState<AutoReplyValue>(() => autoReplyValue(mock.autoReply));
  const [replyErrors, setReplyErrors] = useState<{ body?: string; code?: string }>({});
  const update = useUpdateQueueMock();
  const [attempt, setAttempt] = useState(0);
  const formRef = useRevealFirstError<HTMLFormElement>(attempt, update.error);
  const details = detailsOf(update.error);
  const unplaced = unplacedDetails(details, PLACED);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const reply = toAutoReply(autoReply);
    setReplyErrors(reply.ok ? {} : { body: reply.bodyError, code: reply.codeError });
    if (!reply.ok) return;
    update.mutate(
      { id: mock.id, patch: { retention: toRetention(retention), autoReply: reply.autoReply } },
      { onSuccess: onDone },
    );
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        {update.error && (details.length === 0 || unplaced.length > 0) && (
          <ErrorAlert error={update.error} title="Could not save the queue mock" />
        )}
        <Title order={5}>What Understudy keeps</Title>
        <RetentionFields
          value={retention}
          onChange={setRetention}
          errorOf={(key) => messageAt(details, `/body/retention/${key}`)}
        />
        <Divider />
        <AutoReplyFields
          value={autoReply}
          onChange={setAutoReply}
          errors={autoReplyErrors(details, replyErrors, {
            current: autoReply.code,
            sent: sentCode(update.variables?.patch.autoReply),
          })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
