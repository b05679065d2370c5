import { loadConfig } from '../../config/load.js';
import { restApiSourceFromConfig } from '../../extract/rest-api/index.js';
import { Pipeline } from '../../pipeline/pipeline.js';
import { err, out, toJson } from '../output.js';
import { formatWarning } from '../../common/run-warning.js';
import { redact } from '../../common/redact.js';
import { progressReporter } from '../progress.js';

export async function runCommand(file: string, opts: { json?: boolean }): Promise<void> {
  const config = loadConfig(file);
  const progress = progressReporter();
  const pipeline = new Pipeline({
    pipelineName: config.pipeline.name,
    datasetName: config.pipeline.datasetName,
    destinationPath: config.pipeline.destinationPath,
    pipelinesDir: config.pipeline.pipelinesDir,
    configFile: config.file,
    progress: progress?.update,
    log: (line) => process.stderr.write(err.dim(`${redact(line)}\n`)),
    onWarning: (w) => process.stderr.write(err.yellow(`warning: ${redact(formatWarning(w))}\n`)),
  });
  try {
    const info = await pipeline.run(restApiSourceFromConfig(config));
    progress?.done();
    if (opts.json) process.stdout.write(toJson(info.toJSON()) + '\n');
    else process.stdout.write(out.bold(info.toString().split('\n')[0]!) + '\n' + info.toString().split('\n').slice(1).join('\n') + '\n');
  } finally {
    progress?.done();
  }
}

// The CLI reports a command's errors with the reportError of the module that threw them (one bundle each).
export { reportError } from '../output.js';
