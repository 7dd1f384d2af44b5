import type { LabChecks } from '../check/types';
import type { LabAppFactory } from '../deploy';
import type { LabManifest } from '../model';
import type { Terminal } from './terminal';

/** Where the CLI writes and what it reads from its surroundings; injectable for in-process tests. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  /** Where answers to a y/N question come from; a question is asked only when it is a terminal. */
  readonly stdin?: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly env: Record<string, string | undefined>;
  /** The lab registry; tests pass their own labs. Default: labs/index.ts. */
  readonly labs?: readonly LabManifest[];
  /** A lab's checks; tests pass their own. Default: labs/checks.ts. */
  readonly loadChecks?: (labId: string) => Promise<LabChecks | undefined>;
  /** The CDK app deploy/destroy synthesise; tests pass a small one. Default: lib/stack/app. */
  readonly createLabApp?: LabAppFactory;
  /** Milliseconds between the toolkit's stack-event polls; tests shorten it. */
  readonly stackEventPollingMs?: number;
}

/** What every command receives. */
export interface CommandContext {
  readonly io: CliIo;
  readonly env: Record<string, string | undefined>;
  readonly debug: boolean;
  /** Colour on the terminal: not with --no-color, NO_COLOR, or when stdout is not a TTY. */
  readonly color: boolean;
  /** Styles and wraps text for stdout (colour as `color` says, width of the terminal). */
  readonly terminal: Terminal;
  labs(): readonly LabManifest[];
  /** The checks of a lab `labs()` lists, loaded on demand (they bring the SDK). */
  checks(labId: string): Promise<LabChecks>;
  out(line: string): void;
  err(line: string): void;
}
