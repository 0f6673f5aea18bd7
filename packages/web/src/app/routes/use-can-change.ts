import { useMe } from '../../features/auth/api/get-me';

/**
 * Whether the signed-in user may change something owned by `owner` (its owner, or an admin). The
 * server enforces this too; the UI only disables what would be refused.
 */
export function useCanChange(): (resource: { owner: { id: string } }) => boolean {
  const user = useMe().data;
  return (resource) => !!user && (user.role === 'admin' || user.id === resource.owner.id);
}
