import { Anchor, Breadcrumbs, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { notifySuccess } from '../../components/ui/notify';
import { paths, servicePaths } from '../../config/paths';
import { recordedPath } from '../../features/services/utils/recorded-paths';
import { StubEditorLoader } from '../../features/stubs/components/stub-editor-loader';
import { ServiceLoadState } from './service-load-state';
import { useServiceAccess } from './use-service-access';

/** A stub of a service, new (possibly a copy, or from a journal call) or existing. */
export function StubEditorRoute() {
  const { name = '', id } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { service, canEdit } = useServiceAccess(name);
  if (!service.data) return <ServiceLoadState name={name} error={service.error} />;

  // A recording opened from the Recorded tab goes back there once reviewed.
  const back = params.get('back') === 'recorded' ? recordedPath(name) : servicePaths.stubs(name);
  const backToStubs = () => void navigate(back);
  const title = id ? 'Edit stub' : params.get('from') ? 'Copy of a stub' : 'New stub';
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Breadcrumbs>
          <Anchor component={Link} to={paths.services} size="sm">
            Services
          </Anchor>
          <Anchor component={Link} to={servicePaths.stubs(name)} size="sm">
            {name}
          </Anchor>
          <Text size="sm">{title}</Text>
        </Breadcrumbs>
        <Title order={2}>{title}</Title>
      </Stack>
      <StubEditorLoader
        service={name}
        stubId={id ?? null}
        copyOf={params.get('from')}
        prefill={{ method: params.get('method') ?? undefined, path: params.get('path') ?? undefined }}
        canEdit={canEdit}
        onSaved={(stub) => {
          notifySuccess(stub.name ? `Stub "${stub.name}" saved` : 'Stub saved');
          backToStubs();
        }}
        onCancel={backToStubs}
      />
    </Stack>
  );
}
