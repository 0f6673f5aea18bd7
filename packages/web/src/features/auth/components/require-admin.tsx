import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useMe } from '../api/get-me';

/** Admin-only pages; the server enforces this too, the check here only spares a useless 403. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.data?.role !== 'admin') {
    return (
      <Alert color="yellow" title="Administrators only">
        This page is for administrators. Ask one if you need access.
      </Alert>
    );
  }
  return children;
}
