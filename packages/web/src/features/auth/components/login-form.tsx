import { useLogin } from '../api/login';
import { CredentialsForm } from './credentials-form';

const REQUIRED = { username: 'Enter your username', password: 'Enter your password' };

interface LoginFormProps {
  /** Called once the session exists; the route decides where to go next. */
  onSuccess: () => void;
}

export function LoginForm({ onSuccess }: LoginFormProps) {
  const signIn = useLogin();
  return (
    <CredentialsForm
      mutation={signIn}
      onSuccess={onSuccess}
      required={REQUIRED}
      errorTitle="Could not sign in"
      submitLabel="Sign in"
      passwordAutoComplete="current-password"
    />
  );
}
