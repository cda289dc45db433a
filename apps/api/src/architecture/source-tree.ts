import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/**
 * What the architecture checks and the map read from the api's own source: tables and their
 * owners, read models, SQL statements and the files they are in. Plain text analysis of the
 * TypeScript files (no compilation), so it runs in a unit test and in `npm run map` (from dist/).
 */
export const API_SRC = (() => {
  // The workspace root holds nx.json; the source is apps/api/src under it, whether this runs from src/ or dist/.
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'apps', 'api', 'src');
})();

export interface SourceFile {
  /** Relative to apps/api/src, with forward slashes. */
  path: string;
  text: string;
}

/** Every .ts file of the api's source, tests and migrations left out. */
export function apiSourceFiles(root = API_SRC): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'migrations') walk(full);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) {
        files.push({ path: relative(root, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(root);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** The module a file belongs to: `modules/<name>` → name; `common/<area>` → `common/<area>`; else its top folder. */
export function ownerOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'modules' || parts[0] === 'common') return parts[0] === 'modules' ? parts[1] : `common/${parts[1]}`;
  return parts[0];
}

/** Table → owning module, from each entity's `@Entity('<table>')`. */
export function tableOwners(files: SourceFile[]): Map<string, { owner: string; entityFile: string }> {
  const owners = new Map<string, { owner: string; entityFile: string }>();
  for (const file of files) {
    for (const match of file.text.matchAll(/@Entity\(\s*'([a-z_][a-z0-9_]*)'/g)) {
      owners.set(match[1], { owner: ownerOf(file.path), entityFile: file.path });
    }
  }
  return owners;
}

/** Every table the migrations create. */
export function migratedTables(root = API_SRC): string[] {
  const dir = join(root, 'database', 'migrations');
  const tables = new Set<string>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    for (const match of readFileSync(join(dir, name), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z_][a-z0-9_]*)"?/g)) tables.add(match[1]);
  }
  return [...tables].sort();
}

/** The tables a file's SQL names (after FROM, JOIN, INTO, UPDATE, TRUNCATE, in upper case as our SQL is written), among `known`. */
export function tablesNamedIn(text: string, known: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE|TRUNCATE)\s+(?:ONLY\s+)?"?([a-z_][a-z0-9_]*)"?/g)) {
    if (known.has(match[1])) found.add(match[1]);
  }
  return [...found].sort();
}

/** A read model's declared tables (`@ReadModel({ reads: [...] })`), or null when the file declares none. */
export function declaredReads(text: string): string[] | null {
  const match = /@ReadModel\(\{\s*reads:\s*\[([^\]]*)\]/.exec(text);
  if (!match) return null;
  return [...match[1].matchAll(/'([a-z_][a-z0-9_]*)'/g)].map((m) => m[1]).sort();
}

/** A file's classes' JSDoc first sentence (for the map), keyed by class name. */
export function classSummaries(text: string): Map<string, string> {
  const summaries = new Map<string, string>();
  for (const match of text.matchAll(/\/\*\*([\s\S]*?)\*\/\s*(?:@[\w.]+\([^)]*\)\s*)*export (?:abstract )?class (\w+)/g)) {
    const doc = match[1]
      .split('\n')
      .map((line) => line.replace(/^\s*\*\s?/, '').trim())
      .join(' ')
      .trim();
    const sentence = /^(.*?[.:])(\s|$)/.exec(doc)?.[1] ?? doc;
    summaries.set(match[2], sentence);
  }
  return summaries;
}
