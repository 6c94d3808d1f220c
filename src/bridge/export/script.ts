/**
 * A scenario's workload as a runnable Node script (ESM, `.mjs`) that makes the same writes with the
 * AWS SDK v3 for JavaScript against DynamoDB Local or a real table:
 *
 *   node voting-booth.mjs --endpoint http://localhost:8000 --table Votes --region us-east-1 [--no-delay] [--speed 10]
 *
 * The script creates the table if it is missing (key schema, billing and stream view type from the
 * scenario's CreateTable), then sends each scripted call in order, waiting the scenario's time
 * between them (scaled by --speed, or not at all with --no-delay). Conditional writes keep their
 * ConditionExpression, so a put-if-absent fails for real; the script logs the
 * ConditionalCheckFailedException and goes on, as the app does.
 *
 * The module also exports `run(client, tableName, options)`, so a test can drive it with any
 * DynamoDBClient (the simulation's, through `simRequestHandler`).
 *
 * Pure (builds text). May import: scenario types. May not import: sim runtime, worker, ui.
 */
import type { Scenario, ScenarioCall } from '../../scenarios/types.ts';

/** One write to replay: when (ms after the start) and the AWS JSON 1.0 call. */
export interface ScriptCall {
  at: number;
  target: string;
  input: Record<string, unknown>;
}

export interface ScriptOptions {
  /** The calls to make after the setup's own writes, in order; by default the scenario's `writes` (traffic must be expanded by the caller). */
  calls?: readonly ScriptCall[];
  /** Said in the header (which run the calls came from). */
  seed?: number;
}

/** Operations the script can send, with their SDK command class. */
const COMMANDS: Record<string, string> = {
  PutItem: 'PutItemCommand',
  UpdateItem: 'UpdateItemCommand',
  DeleteItem: 'DeleteItemCommand',
  BatchWriteItem: 'BatchWriteItemCommand',
  TransactWriteItems: 'TransactWriteItemsCommand',
  ExecuteStatement: 'ExecuteStatementCommand',
  BatchExecuteStatement: 'BatchExecuteStatementCommand',
  ExecuteTransaction: 'ExecuteTransactionCommand',
  UpdateTimeToLive: 'UpdateTimeToLiveCommand',
};

function operation(target: string): string {
  return target.slice(target.indexOf('.') + 1);
}

/** An operation the script can send (own keys only: `constructor` is no command). */
function sendable(target: string): boolean {
  return Object.hasOwn(COMMANDS, operation(target));
}

/**
 * A value as a JavaScript literal. JSON.stringify leaves U+2028 and U+2029 as they are; they are
 * legal in strings since ES2019 but end a `//` comment, so they are escaped everywhere.
 */
function literal(v: unknown): string {
  return (JSON.stringify(v) ?? 'undefined').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Text for a `//` comment or a shell line in one: quoted as a literal, so no character can end the comment. */
function inComment(v: unknown): string {
  return literal(String(v));
}

/** A name for a shell line in a comment: kept as written if it is a plain DynamoDB name, else quoted. */
function shellWord(name: string): string {
  return /^[A-Za-z0-9_.-]+$/.test(name) ? name : inComment(name);
}

/** The tables the scenario creates in its setup, with their CreateTable input. */
function createdTables(scenario: Scenario): Array<Record<string, unknown>> {
  return scenario.setup.filter((c: ScenarioCall) => operation(c.target) === 'CreateTable').map((c) => c.input);
}

/** A safe file name for the script. */
export function scriptFileName(scenario: Scenario): string {
  return `${scenario.id.replace(/[^a-z0-9-]/gi, '-')}.mjs`;
}

/** Generates the script's text. */
export function workloadScript(scenario: Scenario, options: ScriptOptions = {}): string {
  const tables = createdTables(scenario);
  const source = tables[0];
  const sourceName = typeof source?.TableName === 'string' ? source.TableName : 'Table';
  // Writes in the setup (seed data) happen at time 0, before the scripted ones, as in a run.
  const setupWrites = scenario.setup.filter((c) => sendable(c.target) && operation(c.target) !== 'UpdateTimeToLive').map((c) => ({ at: 0, target: c.target, input: c.input }));
  const requested = [...setupWrites, ...(options.calls ?? scenario.writes)];
  const calls = requested.filter((c) => sendable(c.target));
  const skipped = requested.length - calls.length;
  const setupTtl = scenario.setup.filter((c) => operation(c.target) === 'UpdateTimeToLive').map((c) => c.input);
  const ops = [...new Set(calls.map((c) => operation(c.target)))].sort();
  const commandImports = [...new Set(['CreateTableCommand', 'DescribeTableCommand', 'UpdateTableCommand', 'UpdateTimeToLiveCommand', ...ops.map((o) => COMMANDS[o]!)])].sort();
  const json = literal;
  const callLines = calls.map((c) => `  { at: ${json(Number(c.at))}, op: ${json(operation(c.target))}, input: ${json(c.input)} },`).join('\n');
  const otherTables = tables.slice(1).map((t) => inComment(t.TableName));
  const seed = options.seed !== undefined ? `, seed ${json(Number(options.seed))}` : '';

  return `#!/usr/bin/env node
// Generated by Streamscope from the scenario ${inComment(scenario.id)} (${inComment(scenario.title)})${seed}.
// It makes the scenario's ${calls.length} writes, in order, against DynamoDB Local or a real table.
//
//   npm install @aws-sdk/client-dynamodb
//   node ${scriptFileName(scenario)} --endpoint http://localhost:8000 --table ${shellWord(sourceName)} --region us-east-1
//
// Options:
//   --endpoint URL   DynamoDB endpoint (default: the SDK's, i.e. AWS itself in --region)
//   --table NAME     the table to write (default ${inComment(sourceName)}); created with a stream if missing
//   --region NAME    AWS region (default us-east-1)
//   --no-delay       send the writes back to back instead of at the scenario's pace
//   --speed N        play the scenario's pace N times faster (default 1)
//
// Credentials come from the usual AWS SDK chain; DynamoDB Local accepts any, so the script sets
// dummy ones when --endpoint is given and none are configured.
// A write refused by its condition (ConditionalCheckFailedException) is logged and the script goes on.${skipped > 0 ? `\n// ${skipped} scripted call(s) that are not writes were left out.` : ''}${otherTables.length > 0 ? `\n// The scenario also creates ${otherTables.join(', ')}; writes to those keep their names.` : ''}
// What Streamscope simulates and a real table does not reproduce exactly: record timing, shard
// rollover, and TTL deletions (DynamoDB deletes expired items on its own schedule).
import { pathToFileURL } from 'node:url';
import { DynamoDBClient, ${commandImports.join(', ')} } from '@aws-sdk/client-dynamodb';

/** The scenario's table, as it creates it. */
export const SOURCE_TABLE = ${json(sourceName)};
export const TABLE_DEFINITION = ${json(source ?? {})};
export const TIME_TO_LIVE = ${json(setupTtl.filter((t) => t.TableName === sourceName))};

/** The writes: ms after the start, the DynamoDB operation and its input (TableName is replaced by --table). */
export const CALLS = [
${callLines}
];

const COMMANDS = { ${ops.map((o) => `${o}: ${COMMANDS[o]}`).join(', ')} };

/** The input with the scenario's table name replaced by \`tableName\` wherever an operation names it. */
export function retarget(input, tableName) {
  const rename = (name) => (name === SOURCE_TABLE ? tableName : name);
  const out = structuredClone(input);
  if (typeof out.TableName === 'string') out.TableName = rename(out.TableName);
  if (out.RequestItems) out.RequestItems = Object.fromEntries(Object.entries(out.RequestItems).map(([name, v]) => [rename(name), v]));
  for (const item of out.TransactItems ?? []) for (const action of Object.values(item)) if (action && typeof action.TableName === 'string') action.TableName = rename(action.TableName);
  const quoted = (s) => s.replaceAll('"' + SOURCE_TABLE + '"', '"' + tableName + '"');
  if (typeof out.Statement === 'string') out.Statement = quoted(out.Statement);
  for (const s of out.Statements ?? []) if (typeof s.Statement === 'string') s.Statement = quoted(s.Statement);
  for (const s of out.TransactStatements ?? []) if (typeof s.Statement === 'string') s.Statement = quoted(s.Statement);
  return out;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates the table if it is missing, with the scenario's key schema and stream; waits until it is ACTIVE. */
export async function ensureTable(client, tableName, log = console.log) {
  let table;
  try {
    table = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (e) {
    if (e.name !== 'ResourceNotFoundException') throw e;
  }
  if (!table) {
    log(\`Creating table \${tableName}\`);
    await client.send(new CreateTableCommand({ ...TABLE_DEFINITION, TableName: tableName }));
    for (const ttl of TIME_TO_LIVE) await client.send(new UpdateTimeToLiveCommand({ ...ttl, TableName: tableName }));
  } else {
    const wanted = TABLE_DEFINITION.StreamSpecification;
    const has = table.StreamSpecification;
    if (wanted?.StreamEnabled && !has?.StreamEnabled) {
      log(\`Table \${tableName} has no stream: enabling \${wanted.StreamViewType}\`);
      await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: wanted }));
    } else if (wanted?.StreamEnabled && has?.StreamViewType !== wanted.StreamViewType) {
      log(\`Note: table \${tableName}'s stream is \${has?.StreamViewType}; the scenario used \${wanted.StreamViewType}\`);
    }
  }
  for (let i = 0; i < 120; i++) {
    const t = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
    if (t?.TableStatus === 'ACTIVE') return;
    await sleep(500);
  }
  throw new Error(\`Table \${tableName} did not become ACTIVE within a minute\`);
}

/**
 * Makes the scenario's writes against \`tableName\` with \`client\`, in order.
 * options.delay (default true): wait the scenario's time between writes; options.speed divides it.
 */
export async function run(client, tableName = SOURCE_TABLE, { delay = true, speed = 1, log = console.log } = {}) {
  await ensureTable(client, tableName, log);
  const results = { sent: 0, refused: 0 };
  let now = 0;
  for (const call of CALLS) {
    if (delay && call.at > now) await sleep((call.at - now) / speed);
    now = Math.max(now, call.at);
    try {
      await client.send(new COMMANDS[call.op](retarget(call.input, tableName)));
      results.sent++;
    } catch (e) {
      if (e.name !== 'ConditionalCheckFailedException' && e.name !== 'TransactionCanceledException') throw e;
      results.refused++;
      log(\`\${(call.at / 1000).toFixed(1)} s \${call.op} refused by its condition (\${e.name})\`);
    }
  }
  log(\`Done: \${results.sent} writes sent, \${results.refused} refused by their condition\`);
  return results;
}

/** Reads --endpoint, --table, --region, --no-delay, --speed. */
export function parseArgs(argv) {
  const options = { endpoint: undefined, table: SOURCE_TABLE, region: 'us-east-1', delay: true, speed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(\`\${flag} needs a value\`);
      return v;
    };
    if (flag === '--endpoint') options.endpoint = value();
    else if (flag === '--table') options.table = value();
    else if (flag === '--region') options.region = value();
    else if (flag === '--no-delay') options.delay = false;
    else if (flag === '--speed') {
      options.speed = Number(value());
      if (!(options.speed > 0)) throw new Error('--speed must be a positive number');
    } else if (flag === '--help' || flag === '-h') options.help = true;
    else throw new Error(\`Unknown option \${arg} (try --help)\`);
  }
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log('Usage: node ${scriptFileName(scenario)} [--endpoint URL] [--table NAME] [--region NAME] [--no-delay] [--speed N]');
    return;
  }
  const local = options.endpoint !== undefined && !process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE;
  const client = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  await run(client, options.table, { delay: options.delay, speed: options.speed });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e.message ?? e);
    process.exit(1);
  });
}
`;
}
