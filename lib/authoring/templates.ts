// The files `mllab new lab` writes come from lib/authoring/templates/*.tmpl of the checkout it writes
// into, so a lab is scaffolded in that checkout's own shape. Each gap is a `<<WRITE: ...>>` marker
// (the registry test lists the ones left) or a check that throws (the lab's own tests fail until it
// is written), never a placeholder that passes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvironmentId } from '../model';

/** Marks what the author must still write; test/labs/registry.test.ts fails while one is left. */
export const PLACEHOLDER = '<<WRITE:';

export interface LabTemplateInput {
  readonly id: string;
  readonly title: string;
  readonly environment: EnvironmentId;
}

/** The templates, by the file each becomes (relative to the lab's folder, or to the checkout for the test). */
export const TEMPLATES = {
  'lab.ts': 'lab.ts.tmpl',
  'checks.ts': 'checks.ts.tmpl',
  'README.md': 'README.md.tmpl',
  'solution.ts': 'solution.ts.tmpl',
  'lab.test.ts': 'lab.test.ts.tmpl',
} as const;

export function templatesDir(root: string): string {
  return join(root, 'lib', 'authoring', 'templates');
}

/** `{{id}}`, `{{title}}` as text, `{{title:json}}` and `{{environment:json}}` as string literals. */
export function render(template: string, input: LabTemplateInput): string {
  return template.replace(/\{\{(id|title|environment)(:json)?\}\}/g, (_m, key: keyof LabTemplateInput, json?: string) =>
    json ? JSON.stringify(input[key]) : input[key],
  );
}

export function renderTemplate(root: string, name: keyof typeof TEMPLATES, input: LabTemplateInput): string {
  return render(readFileSync(join(templatesDir(root), TEMPLATES[name]), 'utf8'), input);
}

/** `demo-lab` -> `demoLab`, the identifier the registries import the manifest as. */
export function identifierOf(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** A cassette with no recorded call yet: record one with `mllab check <id> --record <file>`. */
export function emptyCassette(region = 'us-east-1'): string {
  return `${JSON.stringify({ formatVersion: 1, region, calls: [] }, null, 2)}\n`;
}
