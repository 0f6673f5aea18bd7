import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const API_TARGET = 'http://127.0.0.1:8080';

// The server serves the built app under /ui/ on its main port (DESIGN.md §4).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/ui/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Libraries change less often than the app: separate chunks stay cached across upgrades.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie)[\\/]/ },
            {
              name: 'mantine',
              test: /node_modules[\\/](@mantine|@floating-ui|react-[a-z-]+|tslib|clsx)[\\/]/,
            },
            // Only the stub editor needs the code editor; it loads with that page.
            {
              name: 'codemirror',
              test: /node_modules[\\/](@codemirror|@lezer|@uiw|crelt|style-mod|w3c-keyname|@marijn)[\\/]/,
            },
            { name: 'vendor', test: /node_modules/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/internal': {
        target: API_TARGET,
        changeOrigin: true,
        // The server accepts cookie-authenticated writes only from its own origin; in dev the page
        // lives on Vite's port, so present the request as coming from the server's origin.
        configure: (proxy) => {
          proxy.on('proxyReq', (proxyReq) => proxyReq.setHeader('origin', API_TARGET));
        },
      },
    },
  },
});
