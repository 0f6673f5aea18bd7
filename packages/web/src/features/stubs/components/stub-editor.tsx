import { Button, Group, Stack, Tabs, Text } from '@mantine/core';
import type { ErrorDetail, Stub, StubInput } from '@understudy/contracts';
import { useMemo, useState } from 'react';
import { CodeEditor } from '../../../components/ui/code-editor';
import { detailsOf, unplacedDetails } from '../../../lib/error-pointers';
import { useCreateStub } from '../api/create-stub';
import { useUpdateStub } from '../api/update-stub';
import { formatJson, isRecord, parseJson, sameAtPointer, type Json } from '../utils/json-value';
import { fromStubForm, toStubForm } from '../utils/stub-form';
import { errorLookup } from './error-at';
import { placedPointers } from './placed-pointers';
import { StubErrorsAlert } from './stub-errors-alert';
import { StubFormView } from './stub-form-view';

type EditorTab = 'form' | 'json';

interface StubEditorProps {
  service: string;
  /** The stub being edited; null for a new one. */
  stub: Stub | null;
  /** The document to start from: the stub itself, a copy, or a blank one. */
  initial: StubInput | Json;
  canEdit: boolean;
  onSaved: (stub: Stub) => void;
  onCancel: () => void;
}

/** The stub editor: a form for the common stub, and the raw JSON document for everything else. */
export function StubEditor({ service, stub, initial, canEdit, onSaved, onCancel }: StubEditorProps) {
  const [start] = useState(() => toStubForm(initial as Json));
  const [form, setForm] = useState(start.form);
  const [hidden, setHidden] = useState(start.hidden);
  const [tab, setTab] = useState<EditorTab>('form');
  const [jsonText, setJsonText] = useState('');
  const [problems, setProblems] = useState<ErrorDetail[]>([]);
  // The document last sent: the server's errors stand only for the parts still as they were then.
  const [submitted, setSubmitted] = useState<Json | null>(null);
  const create = useCreateStub();
  const update = useUpdateStub();
  const saving = stub ? update : create;

  const serverDetails = detailsOf(saving.error);
  const current = useMemo((): unknown => {
    if (tab === 'form') return fromStubForm(form).doc;
    const parsed = parseJson(jsonText);
    return parsed.ok ? parsed.value : submitted;
  }, [tab, form, jsonText, submitted]);
  const stillWrong = serverDetails.filter((detail) => sameAtPointer(current, submitted, detail.path));
  const details = problems.length > 0 ? problems : stillWrong;
  const unplaced = tab === 'json' ? details : unplacedDetails(details, placedPointers(form));
  // A failure without details (network, permission) stays until the next save.
  const failure =
    problems.length === 0 && saving.error && (serverDetails.length === 0 || stillWrong.length > 0)
      ? saving.error
      : null;

  /** The document on screen, or null (with the problems shown) when it can't be one yet. */
  const currentDoc = (): Json | null => {
    if (tab === 'form') {
      const built = fromStubForm(form);
      setProblems(built.problems);
      return built.problems.length > 0 ? null : built.doc;
    }
    const parsed = parseJson(jsonText);
    const problem = !parsed.ok
      ? `is not valid JSON: ${parsed.message}`
      : !isRecord(parsed.value)
        ? 'must be a JSON object'
        : null;
    setProblems(problem ? [{ path: '/body', message: problem }] : []);
    return problem || !parsed.ok ? null : (parsed.value as Json);
  };

  const switchTab = (next: string | null) => {
    if (next !== 'form' && next !== 'json') return;
    if (next === tab) return;
    const doc = currentDoc();
    if (!doc) return;
    if (next === 'json') {
      setJsonText(formatJson(doc));
    } else {
      const view = toStubForm(doc);
      setForm(view.form);
      setHidden(view.hidden);
    }
    setTab(next);
  };

  const save = () => {
    const doc = currentDoc();
    if (!doc) {
      saving.reset();
      return;
    }
    setSubmitted(doc);
    const input = doc as unknown as StubInput; // the server validates it, with pointers
    if (stub) update.mutate({ service, id: stub.id, stub: input }, { onSuccess: onSaved });
    else create.mutate({ service, stub: input }, { onSuccess: onSaved });
  };

  return (
    <Stack gap="md">
      <StubErrorsAlert error={failure} unplaced={unplaced} placedCount={details.length - unplaced.length} />
      <Tabs value={tab} onChange={switchTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="form">Form</Tabs.Tab>
          <Tabs.Tab value="json">JSON</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="form" pt="md">
          <StubFormView value={form} onChange={setForm} errorAt={errorLookup(details)} hidden={hidden} />
        </Tabs.Panel>
        <Tabs.Panel value="json" pt="md">
          <CodeEditor
            label="Stub document"
            description="The whole stub as the API takes it, including allOf / anyOf / not, cookies and form bodies."
            language="json"
            value={jsonText}
            onChange={setJsonText}
            minHeight="420px"
          />
        </Tabs.Panel>
      </Tabs>
      <Group justify="flex-end" gap="sm">
        {!canEdit && (
          <Text size="sm" c="dimmed" mr="auto">
            Only the owner of the service or an admin can save stubs.
          </Text>
        )}
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button onClick={save} loading={saving.isPending} disabled={!canEdit}>
          {stub ? 'Save stub' : 'Create stub'}
        </Button>
      </Group>
    </Stack>
  );
}
