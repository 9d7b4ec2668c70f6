import { fileURLToPath } from 'node:url'

import { defineConfig } from 'vite'

// Run from the repository root: `npm run build:web` writes web/dist, which the service
// serves at `/` with its assets under `/assets/`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
})
