import { Checkbox, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import type { BrokerKind } from '@understudy/contracts';
import { BROKER_KINDS } from '../utils/broker-kinds';

export interface CredentialsValue {
  username: string;
  password: string;
  /** Edit only: drop the stored password. */
  removePassword: boolean;
}

interface BrokerCredentialsFieldsProps {
  kind: BrokerKind;
  value: CredentialsValue;
  onChange: (value: CredentialsValue) => void;
  errors: { username?: string; password?: string };
  /** Edit only: a password is stored; blank keeps it. */
  hasPassword?: boolean;
}

/** Username and a write-only password: the server encrypts it and never shows it again. */
export function BrokerCredentialsFields({
  kind,
  value,
  onChange,
  errors,
  hasPassword,
}: BrokerCredentialsFieldsProps) {
  const set = (change: Partial<CredentialsValue>) => onChange({ ...value, ...change });
  return (
    <Stack gap={6}>
      <Group grow align="flex-start">
        <TextInput
          label="Username"
          placeholder={kind === 'rabbitmq' ? 'guest' : 'optional'}
          autoComplete="off"
          value={value.username}
          onChange={(event) => set({ username: event.currentTarget.value })}
          error={errors.username}
        />
        <PasswordInput
          label="Password"
          placeholder={hasPassword ? 'stored; leave blank to keep it' : 'optional'}
          autoComplete="new-password"
          value={value.password}
          disabled={value.removePassword}
          onChange={(event) => set({ password: event.currentTarget.value })}
          error={errors.password}
        />
      </Group>
      <Text size="xs" c="dimmed">
        {BROKER_KINDS[kind].credentialsHelp}. Stored encrypted and never shown again.
      </Text>
      {hasPassword && (
        <Checkbox
          label="Remove the stored password"
          checked={value.removePassword}
          onChange={(event) => set({ removePassword: event.currentTarget.checked, password: '' })}
        />
      )}
    </Stack>
  );
}
