/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// Element Plus (and later ECharts through vue-echarts) are imported on
// demand: components by the template resolver, ElMessage & co. by
// auto-import, each with its own CSS. Pages are split per route.
export default defineConfig({
  plugins: [
    vue(),
    AutoImport({
      resolvers: [ElementPlusResolver()],
      dts: 'src/types/auto-imports.d.ts',
    }),
    Components({
      resolvers: [ElementPlusResolver()],
      dirs: ['src/components'],
      dts: 'src/types/components.d.ts',
    }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/readyz': 'http://localhost:8080',
    },
  },
  build: {
    outDir: 'dist',
    // dist/.gitkeep must survive (the Go embed needs the folder);
    // scripts/clean-dist.mjs removes old assets before each build.
    emptyOutDir: false,
    target: 'es2020',
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      output: {
        // Name page and layout chunks after their source so that
        // scripts/size-report.mjs can tell which page loads what.
        chunkFileNames(chunk) {
          const id = (chunk.facadeModuleId ?? '').replace(/\\/g, '/')
          const view = /\/src\/views\/(.+)\/index\.vue$/.exec(id)
          if (view) return `assets/view-${view[1].replace(/\//g, '-')}-[hash].js`
          const layout = /\/src\/layouts\/(\w+)Layout\.vue$/.exec(id)
          if (layout) return `assets/layout-${layout[1].toLowerCase()}-[hash].js`
          return 'assets/[name]-[hash].js'
        },
      },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts'],
    server: { deps: { inline: ['element-plus'] } },
    // Mounting a page with Element Plus takes seconds on a busy two-core
    // machine; the default 5 s cut a passing test short.
    testTimeout: 30000,
  },
})
