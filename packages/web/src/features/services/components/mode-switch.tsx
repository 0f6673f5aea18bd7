import { Button, Group, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { Service, ServiceMode } from '@understudy/contracts';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { notifySuccess } from '../../../components/ui/notify';
import { detailsOf, messageAt, unplacedDetails } from '../../../lib/error-pointers';
import { useUpdateService } from '../api/update-service';
import { ModeHistory } from './mode-history';
import { MODE_HELP, MODE_OPTIONS, isServiceMode } from './mode-options';
import { RecordingControl } from './recording-control';

interface ModeSwitchProps {
  service: Service;
  canEdit: boolean;
}

/**
 * One click between mock, proxy and partial; the upstream beside it, since the proxy modes need one,
 * and the recording switch, since recording is what turns the upstream's answers into stubs.
 */
export function ModeSwitch({ service, canEdit }: ModeSwitchProps) {
  const update = useUpdateService();
  // The user's unsaved upstream; null while the field shows the saved one.
  const [draft, setDraft] = useState<string | null>(null);
  const saved = service.upstream ?? '';
  const upstream = draft ?? saved;
  const dirty = draft !== null && draft.trim() !== saved;
  const details = detailsOf(update.error);
  const unplaced = unplacedDetails(details, ['/body/upstream']);

  const save = (patch: { mode?: ServiceMode; upstream?: string | null }, done: string) =>
    update.mutate(
      { name: service.name, patch },
      {
        onSuccess: () => {
          setDraft(null);
          notifySuccess(done);
        },
      },
    );

  const switchMode = (value: string) => {
    if (!isServiceMode(value) || value === service.mode) return;
    // An upstream typed but not saved yet goes with the switch: that is what the user sees.
    save(
      { mode: value, ...(dirty && { upstream: upstream.trim() || null }) },
      `${service.name} is now in ${value} mode`,
    );
  };
  const saveUpstream = (event: FormEvent) => {
    event.preventDefault();
    save({ upstream: upstream.trim() || null }, `Upstream of ${service.name} saved`);
  };

  return (
    <Paper withBorder p="md" radius="md">
      <Group align="flex-start" gap="xl" wrap="wrap">
        <Stack gap={6}>
          <Text size="sm" fw={500} id="mode-label">
            Mode
          </Text>
          <SegmentedControl
            aria-labelledby="mode-label"
            data={MODE_OPTIONS}
            value={service.mode}
            onChange={switchMode}
            disabled={!canEdit || update.isPending}
          />
          <Text size="xs" c="dimmed" maw={360}>
            {MODE_HELP[service.mode]}
          </Text>
        </Stack>
        <form onSubmit={saveUpstream} style={{ flex: 1, minWidth: 280 }}>
          <TextInput
            label="Upstream"
            placeholder="https://payments.example.com/api"
            value={upstream}
            onChange={(event) => setDraft(event.currentTarget.value)}
            error={messageAt(details, '/body/upstream')}
            description="The real service, for proxy and partial mode"
            disabled={!canEdit}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            inputContainer={(input) => (
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <div style={{ flex: 1 }}>{input}</div>
                {dirty && (
                  <Button type="submit" loading={update.isPending} variant="light">
                    Save upstream
                  </Button>
                )}
              </Group>
            )}
          />
        </form>
        <RecordingControl service={service} canEdit={canEdit} />
      </Group>
      <ModeHistory service={service} />
      {update.error && (details.length === 0 || unplaced.length > 0) && (
        <ErrorAlert error={update.error} title="Could not change the service" />
      )}
    </Paper>
  );
}
