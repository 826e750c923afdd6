// Sidebar entries for a folder of one-page-per-folder lessons (content/lessons/NN-slug/index.mdx):
// a flat list ordered by `sidebar.order`, then folder name. Starlight's autogenerate would nest
// every lesson inside a group named after its folder.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** @returns {{ label: string, link: string }[]} */
export function lessonItems(root, section = 'lessons') {
  const dir = join(root, section);
  if (!existsSync(dir)) return [];
  const items = [];
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const page = name.isDirectory() ? join(dir, name.name, 'index.mdx') : join(dir, name.name);
    if (!page.endsWith('.mdx') || !existsSync(page)) continue;
    const slug = name.isDirectory() ? name.name : name.name.replace(/\.mdx$/, '');
    const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(page, 'utf8'));
    let data = {};
    try {
      data = (m && parse(m[1])) || {};
    } catch {
      /* Starlight reports bad frontmatter itself */
    }
    if (data.draft || data.sidebar?.hidden) continue;
    items.push({
      label: data.sidebar?.label ?? data.title ?? slug,
      link: `/${section}/${slug}/`,
      order: typeof data.sidebar?.order === 'number' ? data.sidebar.order : Number.MAX_SAFE_INTEGER,
      slug,
    });
  }
  return items
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug))
    .map(({ label, link }) => ({ label, link }));
}
