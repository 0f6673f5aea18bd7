import { useMe } from '../../features/auth/api/get-me';
import { useService } from '../../features/services/api/get-service';

/**
 * A service and whether the signed-in user may change it (its owner, or an admin). The server
 * enforces this too; the UI only disables what would be refused.
 */
export function useServiceAccess(name: string) {
  const me = useMe();
  const service = useService(name);
  const user = me.data;
  const canEdit = !!user && !!service.data && (user.role === 'admin' || user.id === service.data.owner.id);
  return { service, canEdit };
}
