// @ts-check
import { defineConfig, passthroughImageService } from 'astro/config';
import starlight from '@astrojs/starlight';

// Lessons live in content/ (see src/content.config.ts); Starlight gives the docs shell:
// sidebar, previous/next links, Pagefind search, dark/light mode, responsive layout.
export default defineConfig({
  site: 'http://127.0.0.1:4321',
  server: { host: '127.0.0.1', port: 4321 },
  image: { service: passthroughImageService() },
  integrations: [
    starlight({
      title: 'Calico BGP Lab',
      description: 'Learn how Kubernetes pod and service networks are routed with BGP, by doing it in the browser.',
      customCss: ['./src/styles/lab.css'],
      sidebar: [
        { label: 'Start here', items: [{ label: 'Welcome', link: '/' }] },
        { label: 'Lessons', autogenerate: { directory: 'lessons' } },
        { label: 'Reference', autogenerate: { directory: 'reference' } },
      ],
      pagination: true,
      lastUpdated: false,
    }),
  ],
});
