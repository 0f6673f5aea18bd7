import { Button, Group } from '@mantine/core';
import type { Bridge } from '@understudy/contracts';
import { Link, useNavigate } from 'react-router';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { notifyError } from '../../../components/ui/notify';
import { bridgePaths, paths } from '../../../config/paths';
import { useDeleteBridge } from '../api/delete-bridge';
import { useUpdateBridge } from '../api/save-bridge';

/** Pause/resume, edit and delete; disabled for those who may not change the bridge. */
export function BridgeActions({ bridge, canEdit }: { bridge: Bridge; canEdit: boolean }) {
  const navigate = useNavigate();
  const update = useUpdateBridge();
  const remove = useDeleteBridge();
  const toggle = () =>
    update.mutate(
      { id: bridge.id, patch: { enabled: !bridge.enabled } },
      { onError: (error) => notifyError(bridge.enabled ? 'Could not pause' : 'Could not resume', error) },
    );
  const deleteIt = () =>
    remove.mutate(bridge.id, {
      onSuccess: () => void navigate(paths.bridges),
      onError: (error) => notifyError('Could not delete the bridge', error),
    });
  return (
    <Group gap="xs">
      <Button
        size="xs"
        variant="light"
        color={bridge.enabled ? 'yellow' : 'teal'}
        onClick={toggle}
        loading={update.isPending}
        disabled={!canEdit}
      >
        {bridge.enabled ? 'Pause' : 'Resume'}
      </Button>
      <Button
        size="xs"
        variant="default"
        component={Link}
        to={bridgePaths.edit(bridge.id)}
        disabled={!canEdit}
      >
        Edit
      </Button>
      <ConfirmButton
        label="Delete"
        title={`Delete bridge ${bridge.name}?`}
        message="The bridge stops and is forgotten with its dead letters. Its IN and OUT queues stay as they are."
        onConfirm={deleteIt}
        loading={remove.isPending}
        disabled={!canEdit}
      />
    </Group>
  );
}
