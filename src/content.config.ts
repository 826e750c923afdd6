import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

// Starlight's `docs` collection, read from the top-level content/docs folder (the product's
// layout keeps lessons out of src/). Lesson labs live next to them in content/lessons/.
export const collections = {
  docs: defineCollection({
    loader: glob({ pattern: ['index.mdx', 'lessons/*/index.mdx', 'reference/*.mdx'], base: './content' }),
    schema: docsSchema(),
  }),
};
