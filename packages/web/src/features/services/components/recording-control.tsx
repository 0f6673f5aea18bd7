import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { Service } from '@understudy/contracts';
import { notifyError, notifySuccess } from '../../../components/ui/notify';
import { useUpdateService } from '../api/update-service';

interface RecordingControlProps {
  service: Service;
  canEdit: boolean;
}

/** Start and stop recording upstream answers into stubs, which wait, disabled, for review. */
export function RecordingControl({ service, canEdit }: RecordingControlProps) {
  const update = useUpdateService();
  const recording = service.proxy.record;
  const forwards = service.mode !== 'mock';

  const toggle = () =>
    update.mutate(
      { name: service.name, patch: { proxy: { record: !recording } } },
      {
        onSuccess: () =>
          notifySuccess(recording ? `Stopped recording ${service.name}` : `Recording ${service.name}`),
        onError: (error) =>
          notifyError(`Could not ${recording ? 'stop' : 'start'} recording ${service.name}`, error),
      },
    );

  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Text size="sm" fw={500}>
          Recording
        </Text>
        {recording && (
          <Badge color="red" variant="dot" data-testid="recording-badge">
            {forwards ? 'recording' : 'waiting for proxy or partial mode'}
          </Badge>
        )}
      </Group>
      <Button
        variant={recording ? 'filled' : 'light'}
        color={recording ? 'red' : undefined}
        onClick={toggle}
        loading={update.isPending}
        disabled={!canEdit}
        w="fit-content"
      >
        {recording ? 'Stop recording' : 'Start recording'}
      </Button>
      <Text size="xs" c="dimmed" maw={300}>
        {forwards
          ? 'Each new call the upstream answers becomes a disabled stub, to review in the Recorded tab.'
          : 'Records what the upstream answers in proxy or partial mode, as disabled stubs to review.'}
      </Text>
    </Stack>
  );
}
