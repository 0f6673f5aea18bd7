import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { paths } from '../config/paths';
import { RequireAuth } from '../features/auth/components/require-auth';
import { AppLayout } from './app-layout';
import { BridgeRoute } from './routes/bridge';
import { BridgesRoute } from './routes/bridges';
import { BrokersRoute } from './routes/brokers';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';
import { QueueRoute } from './routes/queue';
import { QueuesRoute } from './routes/queues';
import { RegisterRoute } from './routes/register';
import { RouteError } from './routes/route-error';
import { ServiceRoute } from './routes/service';
import { ServicesRoute } from './routes/services';
import { TokensRoute } from './routes/tokens';
import { UsersRoute } from './routes/users';

// The stub editor brings CodeMirror along, so it loads only when opened.
const stubEditor = async () => ({ Component: (await import('./routes/stub-editor')).StubEditorRoute });
const bridgeEditor = async () => ({ Component: (await import('./routes/bridge-editor')).BridgeEditorRoute });

const routes: RouteObject[] = [
  { path: paths.login, element: <LoginRoute />, errorElement: <RouteError /> },
  { path: paths.register, element: <RegisterRoute />, errorElement: <RouteError /> },
  {
    path: paths.home,
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to={paths.services} replace /> },
      { path: paths.services, element: <ServicesRoute /> },
      { path: `${paths.services}/:name`, element: <Navigate to="stubs" replace /> },
      { path: `${paths.services}/:name/stubs`, element: <ServiceRoute tab="stubs" /> },
      { path: `${paths.services}/:name/journal`, element: <ServiceRoute tab="journal" /> },
      { path: `${paths.services}/:name/recorded`, element: <ServiceRoute tab="recorded" /> },
      { path: `${paths.services}/:name/stubs/new`, lazy: stubEditor },
      { path: `${paths.services}/:name/stubs/:id`, lazy: stubEditor },
      { path: paths.queues, element: <QueuesRoute /> },
      { path: `${paths.queues}/:id`, element: <QueueRoute /> },
      { path: paths.brokers, element: <BrokersRoute /> },
      { path: paths.bridges, element: <BridgesRoute /> },
      { path: `${paths.bridges}/new`, lazy: bridgeEditor },
      { path: `${paths.bridges}/:id`, element: <BridgeRoute /> },
      { path: `${paths.bridges}/:id/edit`, lazy: bridgeEditor },
      { path: paths.users, element: <UsersRoute /> },
      { path: paths.tokens, element: <TokensRoute /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

// The server serves the app under /ui/ (vite `base`); the router works below that prefix.
export const router = createBrowserRouter(routes, { basename: import.meta.env.BASE_URL.replace(/\/$/, '') });
