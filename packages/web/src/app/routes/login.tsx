import { Anchor, Text } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { paths, safeRedirect } from '../../config/paths';
import { useAuthOptions } from '../../features/auth/api/get-auth-options';
import { AuthLayout } from '../../features/auth/components/auth-layout';
import { LoginForm } from '../../features/auth/components/login-form';

export function LoginRoute() {
  const options = useAuthOptions();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const continueToApp = () => navigate(safeRedirect(params.get('redirectTo')), { replace: true });

  return (
    <AuthLayout title="Sign in" subtitle="Mock HTTP services, queues and bridges for your team">
      <LoginForm onSuccess={continueToApp} />
      {options.data?.registration === 'open' && (
        <Text size="sm" ta="center" mt="md">
          No account yet?{' '}
          <Anchor component={Link} to={{ pathname: paths.register, search: params.toString() }}>
            Create one
          </Anchor>
        </Text>
      )}
    </AuthLayout>
  );
}
