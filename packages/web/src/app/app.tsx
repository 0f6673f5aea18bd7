// The DOM build wires ReactDOM.flushSync, which sign-out relies on (see features/auth/api/logout.ts).
import { RouterProvider } from 'react-router/dom';
import { AppProvider } from './provider';
import { router } from './router';

export function App() {
  return (
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
