// The layers, as a test over the import graph of every source file (bin, lib, labs, scripts):
// imports point down towards lib/model, never up and never sideways between modules of one layer.
// DESIGN.md "Layout"; issue 10. A new module gets a line in LAYERS, or this test names it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';

const root = resolve(__dirname, '..', '..');

/**
 * The layer of each module (a folder under lib/, labs, scripts, bin): a file may import files of its
 * own module and of lower layers only. The lab manifests (labs/index.ts, labs/<id>/lab.ts and the
 * SDK-free files they import) are a layer of their own just above lib/model: see MANIFEST_ENTRIES.
 */
const LAYERS: Readonly<Record<string, number>> = {
  'lib/model': 0,
  manifests: 1,
  'lib/package-root.ts': 2,
  // The clean-up Lambda asset imports only the SDK and itself; lib/aws shares its two small helpers.
  'lib/cleanup': 2,
  'lib/aws': 3,
  'lib/check': 4,
  'lib/environments': 4,
  'lib/emulators': 4,
  // The checkers' policy, from the manifests alone: the lab stack's checker role grants exactly it.
  'lib/policy': 4,
  'lib/cassette': 5,
  'lib/reporters': 5,
  'lib/progress': 5,
  // `mllab missed`: a search index over the manifests' requirements (issue 17).
  'lib/missed': 5,
  // The study plan reads the task-level audit of lib/progress; the HTML report shows both.
  'lib/plan': 6,
  'lib/report': 7,
  'lib/stack': 5,
  'lib/cost': 6,
  // Above lib/progress (its stored graph lives in the progress data folder) and lib/reporters.
  'lib/diagram': 6,
  'lib/deploy': 6,
  // `mllab new lab`: writes a lab's files from templates into a checkout.
  'lib/authoring': 6,
  'lib/spend': 7,
  // Class mode: roster, class check, scoreboard; the lab's checks are handed in, never imported.
  'lib/class': 7,
  // Selftest's phases; the labs' drivers (labs/selftests.ts) and the CLI's online driver plug in.
  'lib/selftest': 7,
  'lib/teardown': 7,
  labs: 8,
  'lib/index.ts': 9,
  'lib/runtime.ts': 9,
  // The MlLab-class functions' entry point: the lab registries around lib/class (bundled by the CDK).
  'lib/class/handler.ts': 9,
  'lib/cli': 10,
  scripts: 11,
  bin: 11,
};

/** Where the manifest layer starts: everything these import, transitively, is in it. */
const MANIFEST_ENTRIES = ['labs/index.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return name === 'node_modules' || name === 'data' || name === 'cassettes' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path.split(sep).join('/')] : [];
  });
}

/** Module specifiers of a file's imports, exports, dynamic imports and requires (comments removed). */
function specifiers(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const pattern of [/\b(?:import|export)\b[^;'"]*?\bfrom\s*'([^']+)'/g, /\bimport\s*'([^']+)'/g, /\bimport\(\s*'([^']+)'\s*\)/g, /\brequire\(\s*'([^']+)'\s*\)/g]) {
    for (const m of text.matchAll(pattern)) found.push(m[1]!);
  }
  return found;
}

/** A relative specifier as a project file (`./x.js` and `./x` name `./x.ts` or `./x/index.ts`). */
function resolveFile(from: string, specifier: string): string {
  const base = join(dirname(from), specifier.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(join(root, candidate)).isFile()) return candidate.split(sep).join('/');
    } catch {
      // not this one
    }
  }
  throw new Error(`${from}: cannot resolve '${specifier}'`);
}

const files = ['bin', 'lib', 'labs', 'scripts'].flatMap(sourceFiles);
const edges = new Map<string, string[]>();
const packages = new Map<string, string[]>();
for (const file of files) {
  const specs = specifiers(file);
  edges.set(file, specs.filter((s) => s.startsWith('.')).map((s) => resolveFile(file, s)));
  packages.set(file, specs.filter((s) => !s.startsWith('.')));
}

const manifestLayer = new Set<string>();
const visit = (file: string) => {
  if (manifestLayer.has(file) || file.startsWith('lib/model/')) return;
  manifestLayer.add(file);
  for (const next of edges.get(file) ?? []) visit(next);
};
MANIFEST_ENTRIES.forEach(visit);

function moduleOf(file: string): string {
  if (manifestLayer.has(file)) return 'manifests';
  const key = Object.keys(LAYERS)
    .filter((k) => k !== 'manifests' && (file === k || file.startsWith(`${k}/`)))
    .sort((a, b) => b.length - a.length)[0];
  if (!key) throw new Error(`${file} belongs to no layer: add its module to LAYERS in test/architecture/imports.test.ts`);
  return key;
}

const isNodeBuiltin = (p: string) => p.startsWith('node:') || builtinModules.includes(p);

test('the graph covers the project: every source file is read and every relative import resolves', () => {
  expect(files.length).toBeGreaterThan(100);
  expect(files.map(moduleOf)).not.toContain(undefined);
});

/** The edges that break the layer rule, as sentences. */
function upwardImports(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const violations: string[] = [];
  for (const [file, targets] of graph) {
    const from = moduleOf(file);
    for (const target of targets) {
      const to = moduleOf(target);
      if (from === to) continue;
      if (LAYERS[to]! >= LAYERS[from]!) violations.push(`${file} (${from}, layer ${LAYERS[from]}) imports ${target} (${to}, layer ${LAYERS[to]})`);
    }
  }
  return violations;
}

test('imports point down the layers: a file imports its own module or a lower layer, never a higher one or a sibling module', () => {
  expect(upwardImports(edges)).toEqual([]);
});

test('the layer rule reports an upward import, a sideways one, and accepts a downward one', () => {
  const graph = new Map([
    ['lib/model/lab.ts', ['lib/check/types.ts']],
    ['lib/teardown/index.ts', ['lib/spend/index.ts', 'lib/aws/errors.ts']],
  ]);
  expect(upwardImports(graph)).toEqual([
    'lib/model/lab.ts (lib/model, layer 0) imports lib/check/types.ts (lib/check, layer 4)',
    'lib/teardown/index.ts (lib/teardown, layer 7) imports lib/spend/index.ts (lib/spend, layer 7)',
  ]);
});

test('lib/model imports nothing of the project and no package: the ground floor', () => {
  const model = files.filter((f) => f.startsWith('lib/model/'));
  expect(model.length).toBeGreaterThan(3);
  for (const file of model) {
    expect({ file, imports: edges.get(file)!.filter((t) => !t.startsWith('lib/model/')) }).toEqual({ file, imports: [] });
    expect({ file, packages: packages.get(file)!.filter((p) => !isNodeBuiltin(p)) }).toEqual({ file, packages: [] });
  }
});

test('the lab manifests load no SDK, no aws-cdk-lib, no check runtime: listing labs stays cheap', () => {
  for (const id of readdirSync(join(root, 'labs')).filter((d) => statSync(join(root, 'labs', d)).isDirectory())) {
    expect(manifestLayer).toContain(`labs/${id}/lab.ts`);
  }
  for (const file of manifestLayer) {
    expect({ file, packages: packages.get(file)!.filter((p) => !isNodeBuiltin(p)) }).toEqual({ file, packages: [] });
  }
  expect([...manifestLayer].filter((f) => /\/checks\.ts$/.test(f))).toEqual([]);
});

test('every lab\'s checks module imports the SDK client it reads with: a process that loaded none ran no lab\'s checks', () => {
  const checks = files.filter((f) => /^labs\/[^/]+\/checks\.ts$/.test(f));
  expect(checks.length).toBeGreaterThan(5);
  for (const file of checks) expect({ file, sdk: packages.get(file)!.some((p) => p.startsWith('@aws-sdk/client-')) }).toEqual({ file, sdk: true });
});

test('labs/checks.ts is the only lazy seam for labs, the command table the only one of the CLI; no require casts elsewhere', () => {
  const dynamic = files.filter((f) => /(?<!typeof\s)\bimport\(\s*'/.test(readFileSync(join(root, f), 'utf8').replace(/^\s*\/\/.*$/gm, '')));
  expect(dynamic.sort()).toEqual(['labs/checks.ts', 'labs/diagrams.ts', 'lib/cli/commands/index.ts']);
  const casts = files.filter((f) => /require\([^)]*\)\s+as\s+typeof\s+import\(/.test(readFileSync(join(root, f), 'utf8')));
  expect(casts).toEqual([]);
});

test('no module imports another module\'s private/ folder; labs never import scripts; lib/check never imports lib/policy', () => {
  const bad: string[] = [];
  for (const [file, targets] of edges) {
    for (const target of targets) {
      const privateAt = target.split('/').indexOf('private');
      if (privateAt >= 0 && !file.startsWith(`${target.split('/').slice(0, privateAt).join('/')}/`)) bad.push(`${file} -> ${target}`);
      if (file.startsWith('labs/') && target.startsWith('scripts/')) bad.push(`${file} -> ${target}`);
      if (file.startsWith('lib/check/') && target.startsWith('lib/policy/')) bad.push(`${file} -> ${target}`);
    }
  }
  expect(bad).toEqual([]);
});

test('only lib/aws builds SDK clients: no other module constructs one or its HTTP handler', () => {
  const builders = files.filter((f) => !f.startsWith('lib/aws/') && !f.startsWith('lib/cleanup/')).filter((f) => {
    const text = readFileSync(join(root, f), 'utf8');
    return /\bnew\s+[A-Z][A-Za-z0-9]*Client\(/.test(text) || /\bNodeHttpHandler\b/.test(text);
  });
  expect(builders).toEqual([]);
});

test('the lab manifests never format with toLocaleString or Intl: ICU\'s locale data would load at every start of mllab list', () => {
  const offending = [...manifestLayer].filter((file) => /\.toLocaleString\(|\bIntl\./.test(readFileSync(join(root, file), 'utf8').replace(/^\s*\/\/.*$/gm, '')));
  expect(offending).toEqual([]);
});
