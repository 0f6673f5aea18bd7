import { AppShell, Badge, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import { notifyError } from '../components/ui/notify';
import { paths } from '../config/paths';
import { useMe } from '../features/auth/api/get-me';
import { useLogout } from '../features/auth/api/logout';

interface NavItem {
  to: string;
  label: string;
  adminOnly?: boolean;
}

const NAV_ITEMS: readonly NavItem[] = [
  { to: paths.services, label: 'Services' },
  { to: paths.queues, label: 'Queues' },
  { to: paths.bridges, label: 'Bridges' },
  { to: paths.brokers, label: 'Brokers' },
  { to: paths.users, label: 'Users', adminOnly: true },
  { to: paths.tokens, label: 'API tokens' },
];

/** The signed-in frame: header with the user and Sign out, navbar, and the current page. */
export function AppLayout() {
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const { pathname } = useLocation();
  const me = useMe();
  const signOut = useLogout();
  const user = me.data;
  const isAdmin = user?.role === 'admin';

  const handleSignOut = () =>
    signOut.mutate(undefined, { onError: (error) => notifyError('Could not sign out', error) });

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={toggleNav} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <Text fw={800} fz="lg" c="indigo">
              Understudy
            </Text>
          </Group>
          {user && (
            <Group gap="sm" wrap="nowrap">
              <Text fw={500} data-testid="current-username">
                {user.username}
              </Text>
              <Badge variant="light" color={isAdmin ? 'indigo' : 'gray'} data-testid="current-role">
                {user.role}
              </Badge>
              <Button variant="default" size="xs" onClick={handleSignOut} loading={signOut.isPending}>
                Sign out
              </Button>
            </Group>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {NAV_ITEMS.filter((item) => isAdmin || !item.adminOnly).map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            active={pathname === item.to || pathname.startsWith(`${item.to}/`)}
            onClick={closeNav}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
