import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { missingFields, toFormErrors, type FieldErrors } from '../../../lib/field-errors';
import { useRegister } from '../api/register';

const FIELDS = ['username', 'password'] as const;
const REQUIRED = { username: 'Choose a username', password: 'Choose a password' };

interface RegisterFormProps {
  /** Called once the session exists; the route decides where to go next. */
  onSuccess: () => void;
}

export function RegisterForm({ onSuccess }: RegisterFormProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const createAccount = useRegister();
  const [missing, setMissing] = useState<FieldErrors<(typeof FIELDS)[number]>>({});
  const errors = toFormErrors(createAccount.error, FIELDS);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const blank = missingFields({ username, password }, REQUIRED);
    setMissing(blank);
    if (Object.keys(blank).length > 0) {
      createAccount.reset();
      return;
    }
    createAccount.mutate({ username, password }, { onSuccess });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Alert color="indigo" variant="light">
          The first account becomes the administrator.
        </Alert>
        <ErrorAlert error={errors.general} title="Could not create the account" />
        <TextInput
          label="Username"
          name="username"
          description="Letters, digits, dot, underscore and dash"
          autoComplete="username"
          required
          autoFocus
          value={username}
          onChange={(event) => setUsername(event.currentTarget.value)}
          error={missing.username ?? errors.fields.username}
        />
        <PasswordInput
          label="Password"
          name="password"
          description="At least 8 characters"
          autoComplete="new-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={missing.password ?? errors.fields.password}
        />
        <Button type="submit" loading={createAccount.isPending} fullWidth>
          Create account
        </Button>
      </Stack>
    </form>
  );
}
