import { Center, Loader, Paper, Stack } from '@mantine/core';
import type { Bridge } from '@understudy/contracts';
import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ui/error-alert';
import { PageHeader } from '../../components/ui/page-header';
import { bridgePaths, paths } from '../../config/paths';
import { useBridge } from '../../features/bridges/api/get-bridge';
import { useBridges } from '../../features/bridges/api/get-bridges';
import { useHops } from '../../features/bridges/api/get-hops';
import { BridgeForm } from '../../features/bridges/components/bridge-form';
import type { EndpointChoices } from '../../features/bridges/components/endpoint-fields';
import { useBrokers } from '../../features/brokers/api/get-brokers';
import { useQueueMocks } from '../../features/queues/api/get-queue-mocks';

/** Queue names Understudy knows per broker (queue mocks and bridge ends), as suggestions. */
function useEndpointChoices(): EndpointChoices | undefined {
  const brokers = useBrokers().data?.items;
  const mocks = useQueueMocks().data?.items;
  const bridges = useBridges().data?.items;
  return useMemo(() => {
    if (!brokers) return undefined;
    const queues: Record<string, Set<string>> = {};
    const add = (broker: string, queue: string | undefined) => {
      if (queue) (queues[broker] ??= new Set()).add(queue);
    };
    for (const m of mocks ?? []) add(m.broker, m.queue);
    for (const b of bridges ?? []) {
      add(b.in.broker, b.in.queue);
      add(b.out.broker, b.out.queue);
    }
    return {
      brokers,
      queues: Object.fromEntries(Object.entries(queues).map(([k, v]) => [k, [...v].sort()])),
    };
  }, [brokers, mocks, bridges]);
}

function EditorBody({ bridge, choices }: { bridge?: Bridge; choices: EndpointChoices }) {
  const navigate = useNavigate();
  const recent = useHops(bridge?.id ?? '', 20, bridge !== undefined).data?.items.map((hop) => hop.input);
  return (
    <Paper withBorder radius="md" p="lg">
      <BridgeForm
        bridge={bridge}
        choices={choices}
        recent={bridge ? recent : undefined}
        onSaved={(saved) => void navigate(bridgePaths.detail(saved.id))}
        onCancel={() => void navigate(bridge ? bridgePaths.detail(bridge.id) : paths.bridges)}
      />
    </Paper>
  );
}

/** The bridge form on its own page (the Python editor needs the room); `/bridges/new` or `/bridges/:id/edit`. */
export function BridgeEditorRoute() {
  const { id } = useParams();
  const bridge = useBridge(id ?? '', { live: false, enabled: id !== undefined });
  const choices = useEndpointChoices();
  const loading = !choices || (id !== undefined && bridge.isPending);
  if (id !== undefined && bridge.isError)
    return <ErrorAlert error={bridge.error} title="Could not load the bridge" />;
  return (
    <Stack gap="lg">
      <PageHeader
        title={id ? `Edit bridge ${bridge.data?.name ?? ''}` : 'New bridge'}
        description="IN queue → mapper → OUT queue. IN is acked only once OUT confirmed."
      />
      {loading ? (
        <Center p="xl">
          <Loader aria-label="Loading" />
        </Center>
      ) : (
        <EditorBody bridge={id ? bridge.data : undefined} choices={choices} />
      )}
    </Stack>
  );
}
