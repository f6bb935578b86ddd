import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { copyReveal } from './scripts/copy-reveal.mjs';

// The example deck (public/examples/) loads reveal.js from vendor/: copy it from node_modules
// before anything serves or builds public/, however the build was started.
const revealVendor = (): Plugin => ({
  name: 'spte-viz:reveal-vendor',
  buildStart() {
    copyReveal();
  },
  configureServer() {
    copyReveal();
  },
});

// A relative base lets the built app be served from any sub-path of a static host.
export default defineConfig({
  base: './',
  plugins: [react(), revealVendor()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
  preview: { port: 4173, strictPort: true, host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
});
