import { Group, Stack, Text, TextInput } from '@mantine/core';
import type { ProxyForm } from '../utils/response-form';
import type { ErrorAt } from './error-at';

interface ProxyResponseFieldsProps {
  value: ProxyForm;
  onChange: (value: ProxyForm) => void;
  errorAt: ErrorAt;
}

/** Forward just the calls this stub matches to the real service, optionally elsewhere or under another path. */
export function ProxyResponseFields({ value, onChange, errorAt }: ProxyResponseFieldsProps) {
  const set = (change: Partial<ProxyForm>) => onChange({ ...value, ...change });
  const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Calls this stub matches go to the real service and its answer goes back unchanged.
      </Text>
      <TextInput
        label="Upstream"
        description="Leave empty to use the service's upstream"
        placeholder="https://payments.example.com/api"
        value={value.upstream}
        onChange={(event) => set({ upstream: event.currentTarget.value })}
        error={errorAt('/body/response/upstream')}
        styles={mono}
      />
      <Group align="flex-start" grow>
        <TextInput
          label="Rewrite path prefix"
          placeholder="/v1"
          value={value.rewriteFrom}
          onChange={(event) => set({ rewriteFrom: event.currentTarget.value })}
          error={errorAt('/body/response/pathRewrite/from') ?? errorAt('/body/response/pathRewrite')}
          styles={mono}
        />
        <TextInput
          label="to"
          placeholder="/api/v2"
          value={value.rewriteTo}
          onChange={(event) => set({ rewriteTo: event.currentTarget.value })}
          error={errorAt('/body/response/pathRewrite/to')}
          styles={mono}
        />
      </Group>
    </Stack>
  );
}
