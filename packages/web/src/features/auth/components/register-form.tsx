import { Alert } from '@mantine/core';
import { useRegister } from '../api/register';
import { CredentialsForm } from './credentials-form';

const REQUIRED = { username: 'Choose a username', password: 'Choose a password' };

interface RegisterFormProps {
  /** Called once the session exists; the route decides where to go next. */
  onSuccess: () => void;
}

export function RegisterForm({ onSuccess }: RegisterFormProps) {
  const createAccount = useRegister();
  return (
    <CredentialsForm
      mutation={createAccount}
      onSuccess={onSuccess}
      required={REQUIRED}
      intro={
        <Alert color="indigo" variant="light">
          The first account becomes the administrator.
        </Alert>
      }
      errorTitle="Could not create the account"
      submitLabel="Create account"
      usernameDescription="Letters, digits, dot, underscore and dash"
      passwordDescription="At least 8 characters"
      passwordAutoComplete="new-password"
    />
  );
}
