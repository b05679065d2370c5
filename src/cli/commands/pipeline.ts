import { stringify } from 'yaml';
import { UsageError, unknownValueMessage } from '../../common/errors.js';
import { schemaForDisplay } from '../../normalize/schema.js';
import { dropResources } from '../../pipeline/drop.js';
import { findPipeline, pipelineList, pipelineSchema, pipelineSummary, withReadOnly, type PipelineSummary } from '../../pipeline/inspect.js';
import { out, toJson } from '../output.js';

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
    case 'drop': {
      const r = await dropResources(p, resources);
      if (opts.json) process.stdout.write(toJson({ dropped_resources: resources, dropped_tables: r.tables }) + '\n');
      else process.stdout.write(`dropped ${resources.join(', ')}: tables ${r.tables.join(', ') || '(none)'} and their state\n`);
      return;
    }
    case 'show': {
      const { showCommand } = await import('./show.js');
      await showCommand(p, opts);
      return;
    }
  }
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
