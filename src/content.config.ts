import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

// Starlight's `docs` collection, read from the top-level content/ folder (the product's layout
// keeps lessons out of src/). Lesson labs live next to them in content/lessons/.
// Browser tests build the site from fixture lessons instead: LAB_CONTENT_DIR=tests/fixtures/site
// (the same folder layout), so tests never depend on teaching content that changes.
const base = `./${(process.env.LAB_CONTENT_DIR ?? 'content').replace(/^\.?\/+|\/+$/g, '')}`;

export const collections = {
  docs: defineCollection({
    loader: glob({ pattern: ['index.mdx', 'lessons/*/index.mdx', 'reference/*.mdx'], base }),
    schema: docsSchema(),
  }),
};
