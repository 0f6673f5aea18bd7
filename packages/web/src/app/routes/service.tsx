import { Stack, Tabs } from '@mantine/core';
import type { JSX } from 'react';
import { useNavigate, useParams } from 'react-router';
import { servicePaths } from '../../config/paths';
import { JournalPanel } from '../../features/journal/components/journal-panel';
import { RecordedPanel } from '../../features/services/components/recorded-panel';
import { RecordedTabLabel } from '../../features/services/components/recorded-tab-label';
import { ServiceHeader } from '../../features/services/components/service-header';
import { recordedPath } from '../../features/services/utils/recorded-paths';
import { StubsPanel } from '../../features/stubs/components/stubs-panel';
import { ServiceLoadState } from './service-load-state';
import { useServiceAccess } from './use-service-access';

type ServiceTab = 'stubs' | 'recorded' | 'journal';

/** A service: how to call it, its mode, and the Stubs, Recorded and Journal tabs (each its own URL). */
export function ServiceRoute({ tab }: { tab: ServiceTab }) {
  const { name = '' } = useParams();
  const navigate = useNavigate();
  const { service, canEdit } = useServiceAccess(name);
  if (!service.data) return <ServiceLoadState name={name} error={service.error} />;

  const openTab = (value: string | null) => {
    if (value === 'stubs' || value === 'journal') void navigate(servicePaths[value](name));
    if (value === 'recorded') void navigate(recordedPath(name));
  };
  const panels: Record<ServiceTab, JSX.Element> = {
    stubs: <StubsPanel service={name} canEdit={canEdit} />,
    recorded: <RecordedPanel service={service.data} canEdit={canEdit} />,
    journal: <JournalPanel service={name} canEdit={canEdit} />,
  };
  return (
    <Stack gap="lg">
      <ServiceHeader service={service.data} canEdit={canEdit} />
      <Tabs value={tab} onChange={openTab}>
        <Tabs.List>
          <Tabs.Tab value="stubs">Stubs ({service.data.stubCount})</Tabs.Tab>
          <Tabs.Tab value="recorded">
            <RecordedTabLabel service={service.data} />
          </Tabs.Tab>
          <Tabs.Tab value="journal">Journal</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {panels[tab]}
    </Stack>
  );
}
