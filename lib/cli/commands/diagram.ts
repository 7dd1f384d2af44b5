// mllab diagram <lab>: the learner's pipeline as it is, drawn from the same read-only session as
// `mllab check` (its checks run first; the diagram's reads then come from the memo or a cassette),
// with the failing requirements marked. Text on the terminal, Mermaid for Markdown, SVG for a page.
import { accessSync, constants, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { silentLogger, writerLogger } from '../../aws/clients';
import { CassetteError, loadCassette, replayTransport, type Cassette } from '../../cassette';
import { DEFAULT_TIMEOUT_MS } from '../../check/runner';
import { CheckSession } from '../../check/session';
import type { LabManifest } from '../../model';
import { DiagramStoreError, diagramLab, renderDot, renderMermaid, renderText, storeDiagram, SvgRenderError, svgRenderer, type DiagramGraph, type SvgRenderer } from '../../diagram';
import { progressHome } from '../../progress';
import { loadDiagram } from '../../../labs/diagrams';
import { EnvironmentError, UsageError } from '../errors';
import type { CommandContext } from '../io';
import { requireLab } from '../labs';
import { resolveRegion } from '../region';
import { didYouMean } from '../suggest';
import { echo, sanitize } from '../text';

export interface DiagramOptions {
  readonly region?: string;
  readonly profile?: string;
  readonly replay?: string;
  readonly format?: string;
  readonly output?: string;
  readonly timeout?: number;
}

export const FORMATS = ['text', 'mermaid', 'svg'] as const;
type Format = (typeof FORMATS)[number];

function formatOf(raw: string | undefined): Format {
  if (raw === undefined) return 'text';
  if ((FORMATS as readonly string[]).includes(raw)) return raw as Format;
  throw new UsageError(`--format must be text, mermaid or svg, got '${echo(raw)}'${didYouMean(raw, FORMATS)}`);
}

/** A cassette the user named: unreadable or malformed is their input, refused in one line. */
function cassetteFrom(file: string): Cassette {
  try {
    return loadCassette(file);
  } catch (err) {
    throw err instanceof CassetteError ? new UsageError(err.message) : err;
  }
}

async function rendered(graph: DiagramGraph, format: Format, color: boolean, svg: SvgRenderer | undefined): Promise<string> {
  if (format === 'mermaid') return renderMermaid(graph);
  if (format === 'text') return renderText(graph, { color });
  try {
    return await svg!.render(renderDot(graph));
  } catch (err) {
    if (err instanceof SvgRenderError) throw new EnvironmentError(err.message);
    throw err;
  }
}

/** Where --output goes must be writable before anything is read, not found out after. */
function cannotWrite(file: string, err: any): UsageError {
  return new UsageError(`cannot write the diagram to ${echo(file)} (${err?.code ?? err?.message}): its folder must exist and be writable`);
}

export async function run(ctx: CommandContext, args: string[], options: DiagramOptions): Promise<number> {
  const lab = requireLab(ctx, args[0]!);
  const format = formatOf(options.format);
  if (options.output !== undefined) {
    try {
      accessSync(dirname(resolve(options.output)), constants.W_OK);
    } catch (err) {
      throw cannotWrite(options.output, err);
    }
  }
  const cassette = options.replay !== undefined ? cassetteFrom(options.replay) : undefined;
  const region = await resolveRegion({
    flag: options.region,
    env: ctx.env,
    profile: options.profile,
    ...(cassette ? { fallback: { region: cassette.region, from: `the region of ${options.replay}` } } : {}),
  });
  // Graphviz (WebAssembly) loads in its worker while the checks and the reads run.
  const svg = format === 'svg' ? svgRenderer() : undefined;
  try {
    const graph = await draw(ctx, lab, cassette, region, options);
    keep(ctx, graph, cassette);
    const text = await rendered(graph, format, options.output === undefined && ctx.color, svg);
    if (options.output === undefined) {
      ctx.io.stdout.write(text);
      return 0;
    }
    try {
      writeFileSync(options.output, text);
    } catch (err) {
      throw cannotWrite(options.output, err);
    }
    ctx.err(`Wrote the ${format} diagram of ${lab.id} to ${options.output}.`);
    return 0;
  } finally {
    svg?.close();
  }
}

/** The lab's checks, then its diagram's reads, in one session closed at the end. */
async function draw(ctx: CommandContext, lab: LabManifest, cassette: Cassette | undefined, region: string, options: DiagramOptions): Promise<DiagramGraph> {
  const [checks, diagram] = await Promise.all([ctx.checks(lab.id), loadDiagram(lab.id)]);
  const session = new CheckSession({
    region,
    logger: ctx.debug ? writerLogger((line) => ctx.io.stderr.write(line)) : silentLogger,
    ...(cassette ? { transport: replayTransport(cassette, { source: options.replay }) } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
  });
  try {
    const timeoutMs = options.timeout ?? DEFAULT_TIMEOUT_MS;
    const drawn = await diagramLab(session, lab, checks, diagram, { timeoutMs, ...(options.replay ? { replayedFrom: options.replay } : {}) });
    // No credentials, the endpoint down, the stack not deployed: one line, as `mllab check` says it.
    if (drawn.result.precondition) throw new EnvironmentError(`could not draw ${lab.id}: ${sanitize(drawn.result.precondition.message)}`);
    return drawn.graph;
  } finally {
    session.destroy();
  }
}

/**
 * The HTML report shows each lab's last diagram. A replay says nothing about the learner's account
 * (the same rule as `mllab check`'s progress), so only a live diagram replaces the stored one.
 */
function keep(ctx: CommandContext, graph: DiagramGraph, cassette: Cassette | undefined): void {
  if (cassette) return;
  try {
    storeDiagram(graph, progressHome(ctx.env));
  } catch (err) {
    if (err instanceof DiagramStoreError) throw new EnvironmentError(err.message);
    throw err;
  }
}
