import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';

// Element Plus is imported per component (the resolver), so only what a page uses is in its chunk.
export default defineConfig({
  plugins: [vue(), Components({ resolvers: [ElementPlusResolver()], dts: false })],
  build: { target: 'es2022', chunkSizeWarningLimit: 700, manifest: true },
  // Development only: the gateway of a local run answers the API and sign-in.
  server: {
    port: 5173,
    proxy: Object.fromEntries(['/api', '/identity', '/.well-known', '/openapi'].map((p) => [p, 'http://localhost:5080'])),
  },
  test: { environment: 'happy-dom', include: ['tests/**/*.test.ts'] },
});
