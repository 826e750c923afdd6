// @ts-check
import { defineConfig, passthroughImageService } from 'astro/config';
import { fileURLToPath } from 'node:url';
import starlight from '@astrojs/starlight';
import offline from './src/integrations/offline.mjs';
import runtimeCss from './src/integrations/runtime-css.mjs';
import { lessonItems } from './src/integrations/lesson-sidebar.mjs';

// Browser tests build a separate site from fixture lessons (see src/content.config.ts) into
// its own folder, so a test run never overwrites the real dist/.
const outDir = process.env.LAB_OUT_DIR ?? './dist';
// Where the pages come from: content/, or the fixture site for browser tests.
const contentDir = (process.env.LAB_CONTENT_DIR ?? 'content').replace(/^\.?\/+|\/+$/g, '');

// Registers the offline service worker (dist/sw.js, written by the offline integration).
// Its install downloads the whole site (Monaco included), so it waits until a lab on the page
// is ready (event "lab-ready") or the page has been idle a while: it must not slow the start.
const registerServiceWorker = `if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  let done = false;
  const register = () => { if (done) return; done = true; navigator.serviceWorker.register('/sw.js').catch(() => {}); };
  addEventListener('lab-ready', () => setTimeout(register, 500));
  addEventListener('load', () => setTimeout(register, document.querySelector('[data-lab]') ? 4000 : 1000));
}`;

// Lessons live in content/ (see src/content.config.ts); Starlight gives the docs shell:
// sidebar, previous/next links, Pagefind search, dark/light mode, responsive layout.
export default defineConfig({
  site: 'http://127.0.0.1:4321',
  outDir,
  server: { host: '127.0.0.1', port: 4321 },
  image: { service: passthroughImageService() },
  vite: {
    // Lessons import the lab as `import Lab from '@site/components/Lab.astro'`.
    resolve: { alias: { '@site': fileURLToPath(new URL('./src', import.meta.url)) } },
    plugins: [runtimeCss()],
    worker: { format: 'es' },
    build: { chunkSizeWarningLimit: 4096 },
  },
  integrations: [
    starlight({
      title: 'Calico BGP Lab',
      description: 'Learn how Kubernetes pod and service networks are routed with BGP, by doing it in the browser.',
      customCss: ['./src/styles/lab.css'],
      head: [{ tag: 'script', content: registerServiceWorker }],
      sidebar: [
        {
          label: 'Start here',
          items: [
            { label: 'Welcome', link: '/' },
            { label: 'Instructor view', link: '/instructor/' },
          ],
        },
        // One page per lesson folder: a flat, ordered list (autogenerate would nest each lesson
        // in a group named after its folder).
        { label: 'Lessons', items: lessonItems(contentDir, 'lessons') },
        // Starlight's autogenerate matches by file path from the project root when the collection
        // does not live in src/content/docs.
        { label: 'Reference', autogenerate: { directory: `${contentDir}/reference` } },
      ],
      pagination: true,
      lastUpdated: false,
    }),
    offline(),
  ],
});
