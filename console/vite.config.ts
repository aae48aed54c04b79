// Vite build of the web console: the single-page app under console/ into dist/console/, served by
// src/server/console/console-static.ts at /console/ under a strict Content-Security-Policy.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = new URL('.', import.meta.url);

export default defineConfig({
  root: decodeURIComponent(here.pathname),
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: decodeURIComponent(new URL('../dist/console/', here).pathname),
    emptyOutDir: true,
    // Everything as files from 'self': no data: URIs for fonts or scripts.
    assetsInlineLimit: 0,
  },
  server: {
    // `npx vite --config console/vite.config.ts` against a `tessera serve` on the default port.
    proxy: { '/console/api': 'http://127.0.0.1:8777' },
  },
});
