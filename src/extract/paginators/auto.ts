import type { PageResponse, RequestSpec } from '../http-types.js';
import { DETECTORS, detectPaginator, type Detection, type Detector } from './detect.js';
import type { Paginator } from './paginator.js';

/**
 * dlt's behaviour when no paginator is configured (or `auto`): the first
 * response decides. On the first `update` it detects a paginator and hands
 * every later call to it. Like dlt, the detected paginator's `init` is not
 * run (the first request has already been sent as configured). It logs
 * nothing; `detection` and `describe()` tell the caller what was found and
 * how sure the detection was, so the caller can warn as dlt does.
 */
export class AutoPaginator implements Paginator {
  private found: Detection | undefined;

  constructor(private readonly detectors: readonly Detector[] = DETECTORS) {}

  /** What the first response revealed; undefined before it. */
  get detection(): Detection | undefined {
    return this.found;
  }

  get hasNext(): boolean {
    return this.found ? this.found.paginator.hasNext : true;
  }

  init(_req: RequestSpec): void {}

  update(res: PageResponse, items: unknown[]): void {
    this.found ??= detectPaginator(res, this.detectors);
    this.found.paginator.update(res, items);
  }

  next(req: RequestSpec): void {
    this.found?.paginator.next(req);
  }

  describe(): string {
    return this.found ? `auto: ${this.found.paginator.describe()} (score ${this.found.score})` : 'auto (not detected yet)';
  }
}
