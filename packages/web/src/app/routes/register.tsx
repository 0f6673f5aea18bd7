import { Alert, Anchor, Center, Loader, Stack, Text } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ui/error-alert';
import { paths, safeRedirect } from '../../config/paths';
import { useAuthOptions } from '../../features/auth/api/get-auth-options';
import { AuthLayout } from '../../features/auth/components/auth-layout';
import { RegisterForm } from '../../features/auth/components/register-form';

function RegistrationGate({ onSuccess }: { onSuccess: () => void }) {
  const options = useAuthOptions();
  if (options.isPending) {
    return (
      <Center>
        <Loader size="sm" aria-label="Loading" />
      </Center>
    );
  }
  if (options.isError) return <ErrorAlert error={options.error} title="Could not reach the server" />;
  if (options.data.registration === 'closed') {
    // The server still lets the very first account in, so keep the form usable on a fresh server.
    return (
      <Stack>
        <Alert color="yellow" title="Registration is closed">
          This server accepts no new accounts, except the very first one. Ask an administrator for access.
        </Alert>
        <RegisterForm onSuccess={onSuccess} />
      </Stack>
    );
  }
  return <RegisterForm onSuccess={onSuccess} />;
}

export function RegisterRoute() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const continueToApp = () => navigate(safeRedirect(params.get('redirectTo')), { replace: true });

  return (
    <AuthLayout title="Create an account">
      <RegistrationGate onSuccess={continueToApp} />
      <Text size="sm" ta="center" mt="md">
        Already have an account?{' '}
        <Anchor component={Link} to={{ pathname: paths.login, search: params.toString() }}>
          Sign in
        </Anchor>
      </Text>
    </AuthLayout>
  );
}
