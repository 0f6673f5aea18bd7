import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { missingFields, toFormErrors, type FieldErrors } from '../../../lib/field-errors';

const FIELDS = ['username', 'password'] as const;

/** What the form needs of the sign-in or register mutation. */
interface CredentialsMutation {
  mutate: (input: { username: string; password: string }, options: { onSuccess: () => void }) => void;
  reset: () => void;
  error: Error | null;
  isPending: boolean;
}

interface CredentialsFormProps {
  mutation: CredentialsMutation;
  /** Called once the session exists; the route decides where to go next. */
  onSuccess: () => void;
  /** The message for each field left blank. */
  required: Record<(typeof FIELDS)[number], string>;
  errorTitle: string;
  submitLabel: string;
  /** Shown above the fields. */
  intro?: ReactNode;
  usernameDescription?: string;
  passwordDescription?: string;
  passwordAutoComplete: 'current-password' | 'new-password';
}

/** A username and a password, checked for blanks before they are sent. */
export function CredentialsForm({ mutation, onSuccess, required, ...look }: CredentialsFormProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<FieldErrors<(typeof FIELDS)[number]>>({});
  const errors = toFormErrors(mutation.error, FIELDS);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const blank = missingFields({ username, password }, required);
    setMissing(blank);
    if (Object.keys(blank).length > 0) {
      mutation.reset();
      return;
    }
    mutation.mutate({ username, password }, { onSuccess });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {look.intro}
        <ErrorAlert error={errors.general} title={look.errorTitle} />
        <TextInput
          label="Username"
          name="username"
          description={look.usernameDescription}
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
          description={look.passwordDescription}
          autoComplete={look.passwordAutoComplete}
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={missing.password ?? errors.fields.password}
        />
        <Button type="submit" loading={mutation.isPending} fullWidth>
          {look.submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
