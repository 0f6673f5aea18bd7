import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { paths } from '../../../config/paths';
import { useMe } from '../api/get-me';

/** Renders its children for a signed-in user; sends anyone else to sign in, remembering where they were. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (me.isError) {
    return (
      <Center h="100vh" p="md">
        <ErrorAlert error={me.error} title="Could not check your session" />
      </Center>
    );
  }
  if (!me.data) {
    const here = `${location.pathname}${location.search}${location.hash}`;
    const search = here === paths.home ? '' : `?${new URLSearchParams({ redirectTo: here })}`;
    return <Navigate to={`${paths.login}${search}`} replace />;
  }
  return children;
}
