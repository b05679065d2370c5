import { stringify } from 'yaml';
import { UsageError, unknownValueMessage } from '../../common/errors.js';
import { schemaForDisplay } from '../../normalize/schema.js';
import { dropResources, planDrop, type DropPlan } from '../../pipeline/drop.js';
import { findPipeline, pipelineList, pipelineSchema, pipelineSummary, withReadOnly, type FoundPipeline, type PipelineSummary } from '../../pipeline/inspect.js';
import { canAsk, confirm } from '../confirm.js';
import { err, out, toJson } from '../output.js';

const OPERATIONS = ['info', 'show', 'schema', 'trace', 'drop', 'list'] as const;

interface Opts { json?: boolean; port?: string; open?: boolean; pipelinesDir?: string; yes?: boolean }

export async function pipelineCommand(name: string, operation: string, resources: string[], opts: Opts): Promise<void> {
  if (name === 'list' || operation === 'list') return listCommand(opts);
  if (!(OPERATIONS as readonly string[]).includes(operation)) {
    throw new UsageError(unknownValueMessage('pipeline operation', operation, OPERATIONS));
  }
  const p = findPipeline(name, opts.pipelinesDir);
  switch (operation) {
    case 'info': {
      const s = await pipelineSummary(p);
      process.stdout.write(opts.json ? toJson(s) + '\n' : formatInfo(s));
      return;
    }
    case 'schema': {
      const schema = (await withReadOnly(p.info.destination_path, (db) => pipelineSchema(db, p))) ?? (await pipelineSchema(undefined, p));
      if (!schema) throw new UsageError(`pipeline "${name}" has no schema yet`, 'run it first');
      process.stdout.write(opts.json ? toJson(schema) + '\n' : stringify(schemaForDisplay(schema), { lineWidth: 0 }));
      return;
    }
    case 'trace': {
      const trace = p.dir.readTrace();
      if (!trace) throw new UsageError(`pipeline "${name}" has no trace yet`, 'run it first');
      process.stdout.write(opts.json ? toJson(trace) + '\n' : formatTrace(trace));
      return;
    }
    case 'drop':
      await dropCommand(p, resources, opts);
      return;
    case 'show': {
      const { showCommand } = await import('./show.js');
      await showCommand(p, opts);
      return;
    }
  }
}

/**
 * dlt's `pipeline NAME drop`: says what will go (tables with their row
 * counts, state), then asks on a terminal. Without one (cron, CI, a pipe) it
 * drops only with --yes, and otherwise stops with exit 2 before changing
 * anything. With --json the plan and the question go to stderr, the result
 * to stdout.
 */
async function dropCommand(p: FoundPipeline, resources: string[], opts: Opts): Promise<void> {
  const talk = opts.json ? process.stderr : process.stdout;
  if (!opts.yes) {
    const plan = await planDrop(p, resources);
    talk.write(formatDropPlan(plan, opts.json ? err : out));
    if (!canAsk()) {
      throw new UsageError(
        'pipeline drop asks before it drops, and stdin is not a terminal: nothing was dropped',
        `pass --yes (-y) to drop without asking: restload pipeline ${p.info.pipeline_name} drop ${resources.join(' ')} --yes`,
      );
    }
    if (!(await confirm('Do you want to drop these?', talk))) {
      talk.write('nothing was dropped\n');
      if (opts.json) process.stdout.write(toJson({ dropped: false, dropped_resources: [], dropped_tables: [], reset_resource_states: [] }) + '\n');
      return;
    }
  }
  const done = await dropResources(p, resources);
  if (opts.json) {
    process.stdout.write(toJson({
      dropped: true, dropped_resources: done.resources, dropped_tables: done.tables,
      tables_with_data: done.tables_with_data, reset_resource_states: done.resource_states,
    }) + '\n');
    return;
  }
  const rows = done.tables_with_data.reduce((n, t) => n + t.rows, 0);
  const tables = done.tables.length ? `tables ${done.tables.join(', ')} (${rows} rows)` : 'no tables';
  process.stdout.write(`dropped ${done.resources.join(', ')}: ${tables}${done.resource_states.length ? ', and their state' : ''}\n`);
}

function formatDropPlan(plan: DropPlan, c: typeof out): string {
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : '(none)');
  const lines = [
    `About to drop the following data in dataset ${c.bold(plan.dataset_name)} of duckdb ${plan.destination_path}:`,
    `  ${c.green('schema')}            ${plan.schema_name}`,
    `  ${c.green('resources')}         ${list(plan.resources)}`,
    `  ${c.green('tables to drop')}    ${list(plan.tables)}`,
    `  ${c.green('  with data')}       ${list(plan.tables_with_data.map((t) => `${t.name} (${t.rows} rows)`))}`,
    `  ${c.green('state to reset')}    ${list(plan.resource_states)}`,
  ];
  return lines.join('\n') + '\n';
}

function listCommand(opts: Opts): void {
  const list = pipelineList(opts.pipelinesDir);
  if (opts.json) {
    process.stdout.write(toJson(list) + '\n');
    return;
  }
  if (!list.length) {
    process.stdout.write('no pipelines yet\n');
    return;
  }
  for (const p of list) process.stdout.write(`${out.bold(p.name)}  ${p.status ?? '-'}  ${p.last_run ?? ''}  ${p.destination_path} (${p.dataset_name})\n`);
}

function formatInfo(s: PipelineSummary): string {
  const lines = [
    `${out.bold('pipeline')}     ${s.pipeline_name}`,
    `${out.bold('destination')}  duckdb ${s.destination_path}`,
    `${out.bold('dataset')}      ${s.dataset_name}`,
    `${out.bold('working dir')}  ${s.working_dir}`,
  ];
  if (s.config_file) lines.push(`${out.bold('config')}       ${s.config_file}`);
  lines.push('', out.bold('tables'));
  if (!s.tables.length) lines.push('  (none yet)');
  const w = Math.max(...s.tables.map((t) => t.name.length), 5);
  for (const t of s.tables) lines.push(`  ${t.name.padEnd(w)}  ${String(t.rows).padStart(9)} rows${t.parent ? `  (nested in ${t.parent})` : ''}`);
  lines.push('', out.bold('last load'));
  const last = s.loads[0];
  lines.push(last ? `  ${last.load_id}  ${last.status === 0 ? 'LOADED' : `status ${last.status}`}  ${last.inserted_at}` : '  (none yet)');
  if (s.last_trace?.status === 'failed') lines.push(`  last run FAILED at ${s.last_trace.finished_at}: ${s.last_trace.error?.message ?? ''}`);
  lines.push('', out.bold('incremental state'));
  if (!s.incremental.length) lines.push('  (none)');
  for (const i of s.incremental) lines.push(`  ${i.resource}.${i.cursor_path}  last_value=${JSON.stringify(i.last_value)}  (initial ${JSON.stringify(i.initial_value)})`);
  return lines.join('\n') + '\n';
}

function formatTrace(t: import('../../pipeline/trace.js').RunTrace): string {
  const lines = [`${out.bold('run')} ${t.load_id ?? ''}  ${t.status}  started ${t.started_at}${t.finished_at ? `  finished ${t.finished_at}` : ''}`, '', out.bold('steps')];
  for (const s of t.steps) lines.push(`  ${s.step.padEnd(10)} ${s.ms ?? '?'} ms`);
  lines.push('', out.bold('resources'));
  for (const [name, r] of Object.entries(t.resources)) lines.push(`  ${name}: ${r.pages} pages, ${r.items} items, paginator ${r.paginator ?? '-'}`);
  lines.push('', `${out.bold('requests')} ${t.requests.total} (retries ${t.requests.retries}, failed ${t.requests.failed}, ${(t.requests.bytes / 1e6).toFixed(1)} MB)`);
  lines.push('', out.bold('rows'));
  for (const [table, n] of Object.entries(t.row_counts)) lines.push(`  ${table}: ${n}`);
  if (t.error) lines.push('', out.bold('error'), `  ${t.error.message}`, ...(t.error.hint ? [`  hint: ${t.error.hint}`] : []));
  return lines.join('\n') + '\n';
}

// The CLI reports a command's errors with the reportError of the module that threw them (one bundle each).
export { reportError } from '../output.js';
