import { Group, NumberInput, Paper, Stack, Switch, TextInput, Title } from '@mantine/core';
import type { StubForm } from '../utils/stub-form';
import type { ErrorAt } from './error-at';
import { RequestSection } from './request-section';
import { ResponseSection } from './response-section';

interface StubFormViewProps {
  value: StubForm;
  onChange: (value: StubForm) => void;
  errorAt: ErrorAt;
  hidden: readonly string[];
}

/** The Form tab: the common stub in fields, top to bottom as it reads: name, when, answer. */
export function StubFormView({ value, onChange, errorAt, hidden }: StubFormViewProps) {
  const set = (change: Partial<StubForm>) => onChange({ ...value, ...change });
  return (
    <Stack gap="lg">
      <Group align="flex-start" gap="md">
        <TextInput
          label="Name"
          description="Shown in lists and in the journal"
          placeholder="e.g. express order"
          value={value.name}
          onChange={(event) => set({ name: event.currentTarget.value })}
          error={errorAt('/body/name')}
          style={{ flex: 1, minWidth: 240 }}
        />
        <NumberInput
          label="Priority"
          description="Higher wins when several match"
          allowDecimal={false}
          value={value.priority}
          onChange={(priority) => set({ priority: typeof priority === 'number' ? priority : '' })}
          error={errorAt('/body/priority')}
          w={200}
        />
        <Switch
          label="Enabled"
          checked={value.enabled}
          onChange={(event) => set({ enabled: event.currentTarget.checked })}
          mt={34}
        />
      </Group>
      <Paper withBorder p="md" radius="md">
        <Title order={4} mb="sm">
          When a request matches
        </Title>
        <RequestSection
          value={value.request}
          onChange={(request) => set({ request })}
          errorAt={errorAt}
          hidden={hidden}
        />
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={4} mb="sm">
          Answer with
        </Title>
        <ResponseSection
          value={value.response}
          onChange={(response) => set({ response })}
          errorAt={errorAt}
        />
      </Paper>
    </Stack>
  );
}
