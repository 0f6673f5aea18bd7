import { Alert, Badge, Button, Code, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import type { DeadLetter } from '@understudy/contracts';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { notifySuccess } from '../../../components/ui/notify';
import { formatDateTime } from '../../../lib/format-date';
import { useDiscardDeadLetter, useEditDeadLetter, useReplayDeadLetter } from '../api/dead-letters';
import { bodyText, typedBody } from '../utils/format-message';

interface DeadLetterModalProps {
  letter: DeadLetter;
  canEdit: boolean;
  onClose: () => void;
}

const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } };

/** Everything about one dead letter: the error and traceback, the input (editable), replay, discard. */
export function DeadLetterModal({ letter, canEdit, onClose }: DeadLetterModalProps) {
  const [body, setBody] = useState(() =>
    letter.bodyEncoding === 'json' ? bodyText(letter) : String(letter.body),
  );
  const [headers, setHeaders] = useState(() => JSON.stringify(letter.headers, null, 2));
  const [headersError, setHeadersError] = useState<string | null>(null);
  const edit = useEditDeadLetter();
  const replay = useReplayDeadLetter();
  const discard = useDiscardDeadLetter();
  const one = { bridgeId: letter.bridgeId, id: letter.id };
  const changed = body !== bodyText(letter) || headers !== JSON.stringify(letter.headers, null, 2);

  const replayNow = () =>
    replay.mutate(one, {
      onSuccess: (result) => {
        if (!result.ok) return;
        notifySuccess(`Replayed: ${result.published} message(s) published`);
        onClose();
      },
    });
  const saveThenReplay = () => {
    let parsedHeaders: Record<string, unknown>;
    try {
      parsedHeaders = JSON.parse(headers) as Record<string, unknown>;
    } catch (error) {
      setHeadersError(`Not JSON: ${(error as Error).message}`);
      return;
    }
    setHeadersError(null);
    const typed =
      letter.bodyEncoding === 'base64' ? { body, bodyEncoding: 'base64' as const } : typedBody(body);
    edit.mutate({ ...one, patch: { ...typed, headers: parsedHeaders } }, { onSuccess: replayNow });
  };
  const failedAgain = replay.data && !replay.data.ok ? replay.data.error : undefined;
  const error = failedAgain ?? letter.error;

  return (
    <Modal opened onClose={onClose} title={`Dead letter ${letter.id}`} size="xl">
      <Stack gap="sm">
        <Group gap="xs">
          <Badge color="red" variant="light">
            {error.kind}
          </Badge>
          <Text size="sm" c="dimmed">
            {letter.attempts} attempt(s) · failed {formatDateTime(letter.failedAt)} · message id{' '}
            <Code>{letter.messageId}</Code>
          </Text>
        </Group>
        <Alert
          color="red"
          variant="light"
          title={failedAgain ? 'The mapper failed again' : 'Error'}
          data-testid="dead-letter-error"
        >
          {error.message}
          {error.traceback && (
            <Code block mt="xs" data-testid="dead-letter-traceback">
              {error.traceback}
            </Code>
          )}
        </Alert>
        <Textarea
          label="Body"
          description={`As received (${letter.bodyEncoding}); edit it before replaying`}
          aria-label="Dead letter body"
          autosize
          minRows={4}
          maxRows={16}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          readOnly={!canEdit}
          styles={mono}
        />
        <Textarea
          label="Headers"
          description="JSON object"
          autosize
          minRows={2}
          maxRows={10}
          value={headers}
          onChange={(e) => setHeaders(e.currentTarget.value)}
          readOnly={!canEdit}
          error={headersError}
          styles={mono}
        />
        <ErrorAlert error={edit.error ?? replay.error ?? discard.error} title="That did not work" />
        <Group justify="space-between">
          <Button
            color="red"
            variant="subtle"
            disabled={!canEdit}
            loading={discard.isPending}
            onClick={() => discard.mutate(one, { onSuccess: onClose })}
          >
            Discard
          </Button>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            {changed ? (
              <Button
                disabled={!canEdit}
                loading={edit.isPending || replay.isPending}
                onClick={saveThenReplay}
              >
                Save and replay
              </Button>
            ) : (
              <Button disabled={!canEdit} loading={replay.isPending} onClick={replayNow}>
                Replay
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
