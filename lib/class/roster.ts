// The class roster: one learner per row, `name,account,region[,role]`, as an instructor exports it
// from a spreadsheet or an account-vending tool. Read strictly, with the line of every problem.
import { parse } from 'csv-parse/sync';
import { ACCOUNT_ID } from '../model';

export interface Learner {
  readonly name: string;
  /** Twelve digits. */
  readonly account: string;
  readonly region: string;
  /** The checker role's name in the learner's account. Default: `mllab-checker-<lab>`. */
  readonly role?: string;
}

/** A roster that cannot be used as it is: the instructor's to fix (exit 2). */
export class RosterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RosterError';
  }
}

/** Accepted spellings of each column's header (case and surrounding spaces ignored). */
const HEADERS: Readonly<Record<keyof Learner, readonly string[]>> = {
  name: ['name', 'learner', 'learner name'],
  account: ['account', 'account id', 'account_id', 'accountid', 'aws account'],
  region: ['region', 'aws region'],
  role: ['role', 'role name', 'role_name'],
};

/** Region names as the SDK's partitions write them (`us-east-1`, `cn-north-1`, `us-gov-west-1`). */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** IAM role names: 1-64 characters of `[\w+=,.@-]` (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html). */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** At most this many learners in one roster: the Distributed Map's and this tool's measured scale. */
export const MAX_LEARNERS = 10_000;

export function parseRoster(text: string, source = 'roster'): Learner[] {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (err: any) {
    throw new RosterError(`${source}: not valid CSV (${err?.message ?? err})`);
  }
  if (rows.length === 0) throw new RosterError(`${source}: empty; expected a header line name,account,region[,role] and one learner per line`);
  const header = rows[0]!.map((h) => h.toLowerCase());
  const column = (key: keyof Learner) => header.findIndex((h) => HEADERS[key].includes(h));
  const at = { name: column('name'), account: column('account'), region: column('region'), role: column('role') };
  const missing = (['name', 'account', 'region'] as const).filter((k) => at[k] < 0);
  if (missing.length > 0) throw new RosterError(`${source}: the header line must name the columns name, account and region (and optionally role); missing ${missing.join(', ')}`);
  if (rows.length - 1 > MAX_LEARNERS) throw new RosterError(`${source}: ${rows.length - 1} learners; at most ${MAX_LEARNERS.toLocaleString('en-US')} in one roster`);

  const problems: string[] = [];
  const learners: Learner[] = [];
  const names = new Map<string, number>();
  const accounts = new Map<string, number>();
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    const cell = (index: number) => (index >= 0 ? (row[index] ?? '').trim() : '');
    const name = cell(at.name);
    const account = cell(at.account);
    const region = cell(at.region);
    const role = cell(at.role);
    if (!name) problems.push(`line ${line}: no learner name`);
    if (!ACCOUNT_ID.test(account)) {
      // A spreadsheet that stored the id as a number drops its leading zeros.
      problems.push(`line ${line}: account must be 12 digits${/^\d{1,11}$/.test(account) ? ' (leading zeros lost? store the column as text)' : ''}`);
    }
    if (!REGION.test(region)) problems.push(`line ${line}: '${region.slice(0, 30)}' is not an AWS region name such as us-east-1`);
    if (role && !ROLE_NAME.test(role)) problems.push(`line ${line}: role must be an IAM role name (1-64 characters of letters, digits and + = , . @ - _)`);
    if (name && names.has(name)) problems.push(`line ${line}: learner '${name.slice(0, 40)}' is also on line ${names.get(name)}`);
    if (ACCOUNT_ID.test(account) && accounts.has(account)) problems.push(`line ${line}: account ${account} is also on line ${accounts.get(account)} (one learner per account)`);
    names.set(name, line);
    accounts.set(account, line);
    learners.push({ name, account, region, ...(role ? { role } : {}) });
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join('; ');
    throw new RosterError(`${source}: ${shown}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`);
  }
  return learners;
}
