import { Command, CommanderError } from 'commander';

// Command modules are imported when their command runs: `restload --help`
// must not pay for loading DuckDB, got and ajv.
//
// bin/restload.js does not load this file as tsc emits it but as
// dist/cli-bundle/cli.cjs (scripts/bundle-cli.mjs): this module and commander
// in one CommonJS file, where each `./commands/*.js` or `./output.js` import
// below loads that command's own bundle (with its V8 code cache). Hence no
// top-level await here (CommonJS has none).
/** The command module that is running: its errors are reported with its own reportError (see scripts/bundle-cli.mjs). */
let running: { reportError(e: unknown): number } | undefined;
async function command<T extends { reportError(e: unknown): number }>(loading: Promise<T>): Promise<T> {
  return (running = await loading);
}

// The version in restload's package.json, written in by the bundler
// (scripts/bundle-cli.mjs). Not npm_package_version: under `npx restload`
// that is the version of the user's own project.
declare const __RESTLOAD_VERSION__: string | undefined;
const VERSION = typeof __RESTLOAD_VERSION__ === 'string' ? __RESTLOAD_VERSION__ : 'unknown (not built with scripts/bundle-cli.mjs)';

const program = new Command()
  .name('restload')
  .description("Load REST APIs into DuckDB from a declarative config, in dlt's rest_api vocabulary and table layout.")
  .version(VERSION, '-V, --version')
  .showSuggestionAfterError(true)
  .exitOverride();

program
  .command('init')
  .description('scaffold a working project in the current folder (github.yaml, .dlt/, .gitignore)')
  .argument('<source>', 'source type (rest_api)')
  .argument('<destination>', 'destination (duckdb)')
  .option('--force', 'overwrite existing files')
  .action(async (source: string, destination: string, opts: { force?: boolean }) => {
    const { initCommand } = await command(import('./commands/init.js'));
    await initCommand(source, destination, opts);
  });

program
  .command('run')
  .description('validate CONFIG, then extract → normalize → load it into DuckDB')
  .argument('<config>', 'config file (.yaml, .yml, .toml, .json)')
  .option('--json', 'print the load summary as one JSON object on stdout')
  .action(async (config: string, opts: { json?: boolean }) => {
    const { runCommand } = await command(import('./commands/run.js'));
    await runCommand(config, opts);
  });

program
  .command('validate')
  .description('check CONFIG without fetching anything; prints ok or every problem')
  .argument('<config>', 'config file')
  .option('--json', 'print the result as JSON')
  .action(async (config: string, opts: { json?: boolean }) => {
    const { validateCommand } = await command(import('./commands/validate.js'));
    await validateCommand(config, opts);
  });

const pipelineCmd = program
  .command('pipeline')
  .description('inspect a pipeline: info, show, schema, trace, drop; or list all pipelines')
  .argument('<name>', 'pipeline name (or "list")')
  .argument('[operation]', 'info (default), show, schema, trace, drop, list')
  .argument('[resources...]', 'for drop: the resources to drop')
  .option('--json', 'print data as JSON')
  .option('--port <port>', 'show: port to serve on (default: a free port)')
  .option('--open', 'show: open the page in a browser')
  .option('--pipelines-dir <dir>', 'pipelines folder (default $RESTLOAD_PIPELINES_DIR or ~/.restload/pipelines)')
  .option('-y, --yes', 'drop: do not ask for confirmation')
  .action(async (name: string, operation: string | undefined, resources: string[], opts: Record<string, unknown>) => {
    const { pipelineCommand } = await command(import('./commands/pipeline.js'));
    await pipelineCommand(name, operation ?? 'info', resources, opts);
  });
pipelineCmd.addHelpText('after', '\nExamples:\n  restload pipeline github info\n  restload pipeline github show --open\n  restload pipeline list');

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; a wrong command line is a usage error (2).
      process.exitCode = e.exitCode === 0 ? 0 : 2;
    } else {
      // Loaded only on failure: chalk and the error formatting are not needed for --help.
      const { reportError } = running ?? (await import('./output.js'));
      process.exitCode = reportError(e);
    }
  }
}

void main();
