import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { missingFields, toFormErrors, type FieldErrors } from '../../../lib/field-errors';
import { useCreateToken } from '../api/create-token';
import { TokenCreated } from './token-created';

const FIELDS = ['name'] as const;

export function CreateTokenForm() {
  const [name, setName] = useState('');
  const [missing, setMissing] = useState<FieldErrors<(typeof FIELDS)[number]>>({});
  const create = useCreateToken();
  const errors = toFormErrors(create.error, FIELDS);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const blank = missingFields({ name: name.trim() }, { name: 'Give the token a name' });
    setMissing(blank);
    if (blank.name) {
      create.reset();
      return;
    }
    create.mutate({ name: name.trim() }, { onSuccess: () => setName('') });
  };

  // Keep the new secret on screen until the user says they have it: it can't be fetched again.
  if (create.data) return <TokenCreated token={create.data} onDone={() => create.reset()} />;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Name each token after where it is used (a CI job, a script), so you know what breaks when you revoke
          it.
        </Text>
        <ErrorAlert error={errors.general} title="Could not create the token" />
        <Group align="flex-end" gap="sm">
          <TextInput
            label="New token name"
            name="name"
            placeholder="e.g. ci"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={missing.name ?? errors.fields.name}
            style={{ flex: 1 }}
          />
          <Button type="submit" loading={create.isPending}>
            Create token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
