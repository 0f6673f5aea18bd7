import { Alert, Code, Group, Input, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { IgnoreCaseCheckbox } from './ignore-case-checkbox';
import type { RequestForm, PathCondition, PathKind } from '../utils/request-form';
import { BodyConditionField } from './body-condition-field';
import { ConditionRowsField } from './condition-rows-field';
import type { ErrorAt } from './error-at';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

const PATH_OPTIONS: { value: PathKind; label: string }[] = [
  { value: 'exact', label: 'Exactly' },
  { value: 'template', label: 'Template' },
  { value: 'regex', label: 'Regex' },
  { value: 'startsWith', label: 'Starts with' },
  { value: 'endsWith', label: 'Ends with' },
  { value: 'contains', label: 'Contains' },
  { value: 'any', label: 'Any path' },
];
const PATH_PLACEHOLDER: Record<PathKind, string> = {
  exact: '/orders',
  template: '/orders/{id}',
  regex: '^/orders/\\d+$',
  startsWith: '/orders/',
  endsWith: '.json',
  contains: 'orders',
  any: '',
};

interface RequestSectionProps {
  value: RequestForm;
  onChange: (value: RequestForm) => void;
  errorAt: ErrorAt;
  /** Predicate parts only the JSON tab shows. */
  hidden: readonly string[];
}

/** When the stub answers: method, path, query, headers and body conditions. */
export function RequestSection({ value, onChange, errorAt, hidden }: RequestSectionProps) {
  const set = (change: Partial<RequestForm>) => onChange({ ...value, ...change });
  const setPath = (change: Partial<PathCondition>) => set({ path: { ...value.path, ...change } });
  const pathOperator = !['any', 'exact', 'template'].includes(value.path.kind);

  return (
    <Stack gap="md">
      {hidden.length > 0 && (
        <Alert color="blue" variant="light" title="More conditions in JSON">
          This stub also has {hidden.map((key, i) => [i > 0 && ', ', <Code key={key}>{key}</Code>])}, which
          only the JSON tab shows. They are kept as they are when you save here.
        </Alert>
      )}
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <MultiSelect
          label="Method"
          placeholder={value.methods.length === 0 ? 'Any method' : undefined}
          data={[...new Set([...METHODS, ...value.methods])]}
          value={value.methods}
          onChange={(methods) => set({ methods })}
          error={errorAt('/body/request/method')}
          w={240}
          searchable
          clearable
        />
        <Input.Wrapper label="Path" style={{ flex: 1 }}>
          <Group gap="xs" mt={4} align="flex-start" wrap="nowrap">
            <Select
              aria-label="Path match"
              data={PATH_OPTIONS}
              value={value.path.kind}
              onChange={(kind) => kind && setPath({ kind: kind as PathKind })}
              allowDeselect={false}
              w={140}
            />
            <TextInput
              aria-label="Path"
              placeholder={PATH_PLACEHOLDER[value.path.kind]}
              value={value.path.kind === 'any' ? '' : value.path.value}
              disabled={value.path.kind === 'any'}
              onChange={(event) => setPath({ value: event.currentTarget.value })}
              error={errorAt('/body/request/path')}
              description={value.path.kind === 'template' ? 'A {name} spans one path segment' : undefined}
              inputWrapperOrder={['input', 'description', 'error']}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              style={{ flex: 1 }}
            />
            {pathOperator && (
              <IgnoreCaseCheckbox
                of="Path"
                checked={value.path.caseInsensitive}
                onChange={(caseInsensitive) => setPath({ caseInsensitive })}
              />
            )}
          </Group>
        </Input.Wrapper>
      </Group>
      <ConditionRowsField
        noun="Query"
        label="Query parameters"
        description="Leave the name empty to ignore a row"
        namePlaceholder="dry"
        rows={value.query}
        onChange={(query) => set({ query })}
        pointer="/body/request/query"
        errorAt={errorAt}
      />
      <ConditionRowsField
        noun="Header"
        label="Headers"
        description="Header names ignore case"
        namePlaceholder="x-tenant"
        rows={value.headers}
        onChange={(headers) => set({ headers })}
        pointer="/body/request/headers"
        errorAt={errorAt}
      />
      <BodyConditionField
        value={value.body}
        onChange={(body) => set({ body })}
        error={errorAt('/body/request/body')}
      />
    </Stack>
  );
}
