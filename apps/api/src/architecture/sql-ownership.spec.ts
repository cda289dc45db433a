import { apiSourceFiles, declaredReads, migratedTables, ownerOf, tableOwners, tablesNamedIn } from './source-tree';

/**
 * A module owns its tables: every SQL statement on them is in that module's repositories; another
 * module reads them only through the owner's exported services or a declared read model.
 */
describe('SQL lives with the module that owns the tables', () => {
  const files = apiSourceFiles();
  const owners = tableOwners(files);
  const known = new Set(owners.keys());
  const isRepository = (path: string) => path.endsWith('.repository.ts');
  const isReadModel = (path: string) => path.endsWith('.read-model.ts');

  it('every table the migrations create has exactly one owning module (an entity declares it)', () => {
    const tables = migratedTables();
    expect(tables.length).toBeGreaterThan(10);
    expect(tables.filter((t) => !owners.has(t))).toEqual([]);
    expect([...owners.keys()].filter((t) => !tables.includes(t))).toEqual([]);
  });

  it('no SQL naming a table outside repositories and read models', () => {
    const offenders = files
      .filter((f) => !isRepository(f.path) && !isReadModel(f.path))
      .map((f) => ({ file: f.path, tables: tablesNamedIn(f.text, known) }))
      .filter((f) => f.tables.length > 0);
    expect(offenders).toEqual([]);
  });

  it("a repository names only its own module's tables", () => {
    const offenders = files
      .filter((f) => isRepository(f.path))
      .map((f) => ({ file: f.path, foreign: tablesNamedIn(f.text, known).filter((t) => owners.get(t)!.owner !== ownerOf(f.path)) }))
      .filter((f) => f.foreign.length > 0);
    expect(offenders).toEqual([]);
  });

  it('a read model declares every table it reads, reads only declared tables, and writes none', () => {
    const readModels = files.filter((f) => isReadModel(f.path));
    expect(readModels.length).toBeGreaterThan(0);
    for (const f of readModels) {
      const declared = declaredReads(f.text);
      expect({ file: f.path, declared: declared !== null }).toEqual({ file: f.path, declared: true });
      expect({ file: f.path, undeclared: tablesNamedIn(f.text, known).filter((t) => !declared!.includes(t)) }).toEqual({ file: f.path, undeclared: [] });
      expect({ file: f.path, unknown: declared!.filter((t) => !known.has(t)) }).toEqual({ file: f.path, unknown: [] });
      expect({ file: f.path, writes: /\b(INSERT INTO|UPDATE\s+[a-z_]+\s+SET|DELETE FROM)\b/.test(f.text) }).toEqual({ file: f.path, writes: false });
    }
  });

  it('the check finds SQL where it should not be (a planted statement is caught)', () => {
    const planted = { path: 'modules/trials/trials.service.ts', text: 'this.db.query(`UPDATE businesses SET name = $1`)' };
    expect(tablesNamedIn(planted.text, known)).toEqual(['businesses']);
    expect(owners.get('businesses')!.owner).not.toBe(ownerOf(planted.path));
  });
});
