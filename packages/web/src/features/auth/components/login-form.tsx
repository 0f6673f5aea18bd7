import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { missingFields, toFormErrors, type FieldErrors } from '../../../lib/field-errors';
import { useLogin } from '../api/login';

const FIELDS = ['username', 'password'] as const;
const REQUIRED = { username: 'Enter your username', password: 'Enter your password' };

interface LoginFormProps {
  /** Called once the session exists; the route decides where to go next. */
  onSuccess: () => void;
}

export function LoginForm({ onSuccess }: LoginFormProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useLogin();
  const [missing, setMissing] = useState<FieldErrors<(typeof FIELDS)[number]>>({});
  const errors = toFormErrors(signIn.error, FIELDS);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const blank = missingFields({ username, password }, REQUIRED);
    setMissing(blank);
    if (Object.keys(blank).length > 0) {
      signIn.reset();
      return;
    }
    signIn.mutate({ username, password }, { onSuccess });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={errors.general} title="Could not sign in" />
        <TextInput
          label="Username"
          name="username"
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
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={missing.password ?? errors.fields.password}
        />
        <Button type="submit" loading={signIn.isPending} fullWidth>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
