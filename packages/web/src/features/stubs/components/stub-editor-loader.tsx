import { Center, Loader } from '@mantine/core';
import type { Stub, StubInput } from '@understudy/contracts';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useStub } from '../api/get-stub';
import { toStubInput } from '../utils/stub-form';
import { StubEditor } from './stub-editor';

/** What a new stub starts as: a request to match (from the journal, say), or GET /. */
export interface StubPrefill {
  method?: string;
  path?: string;
}

function newStub({ method = 'GET', path = '/' }: StubPrefill): StubInput {
  return {
    priority: 0,
    enabled: true,
    request: { method, path },
    response: { kind: 'static', status: 200, body: { ok: true } },
  };
}

interface StubEditorLoaderProps {
  service: string;
  /** The stub to edit, or null for a new one. */
  stubId: string | null;
  /** A stub to copy into the new one ("Duplicate"). */
  copyOf: string | null;
  prefill: StubPrefill;
  canEdit: boolean;
  onSaved: (stub: Stub) => void;
  onCancel: () => void;
}

/** Loads the stub to edit or copy, then opens the editor on it. */
export function StubEditorLoader({ service, stubId, copyOf, prefill, ...rest }: StubEditorLoaderProps) {
  const source = useStub(service, stubId ?? copyOf);
  if (source.isLoading) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading the stub" />
      </Center>
    );
  }
  if (source.isError) return <ErrorAlert error={source.error} title="Could not load the stub" />;

  const loaded = source.data ?? null;
  let initial: StubInput = newStub(prefill);
  if (loaded && stubId) initial = toStubInput(loaded);
  if (loaded && !stubId)
    initial = { ...toStubInput(loaded), name: `${loaded.name ?? 'Unnamed stub'} (copy)` };
  // Keyed, so that moving from one stub to another starts a fresh editor.
  return (
    <StubEditor
      key={`${stubId ?? 'new'}:${copyOf ?? ''}`}
      service={service}
      stub={stubId ? loaded : null}
      initial={initial}
      {...rest}
    />
  );
}
