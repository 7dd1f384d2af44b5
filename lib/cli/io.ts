import type { LabManifest } from '../model';
import type { LabAppFactory } from '../deploy';

/** Where the CLI writes and what it reads from its surroundings; injectable for in-process tests. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly env: Record<string, string | undefined>;
  /** The lab registry; tests pass their own labs. Default: labs/index.ts. */
  readonly labs?: readonly LabManifest[];
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
  labs(): readonly LabManifest[];
  out(line: string): void;
  err(line: string): void;
}
