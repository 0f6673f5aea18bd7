import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { paths } from '../../../config/paths';
import { api } from '../../../lib/api-client';
import { endSession } from './session-cache';

export async function logout(): Promise<void> {
  // Cookie-authenticated writes must be JSON (DESIGN.md §6), even with nothing to say.
  await api.post('/auth/logout', {});
}

/** Signs out and lands on the sign-in page (without a "redirectTo": leaving was the point). */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    // Leave the guarded pages first, and synchronously (router updates are transitions, which a
    // session update would overtake): ending the session under them makes the guard redirect back
    // to sign in with "come back here".
    onSuccess: async () => {
      await navigate(paths.login, { replace: true, flushSync: true });
      endSession(queryClient);
    },
  });
}
