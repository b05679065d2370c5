import type { IncomingMessage, ServerResponse } from 'node:http';
import { makeIssue, startMockApi, type MockApi } from './mock-api.js';
import { runCli, workspace } from './cli.js';
import { githubLikeConfig } from './configs.js';

/** A pipeline loaded twice from the mock API, for the show page's tests. */
export interface ShowDataset {
  api: MockApi;
  ws: ReturnType<typeof workspace>;
  pipelinesDir: string;
  /** Pipeline name. */
  name: string;
  dataset: string;
  close(): Promise<void>;
}

const config = (url: string) => githubLikeConfig(url, { extraResources: `  - name: users
    max_table_nesting: 1
    endpoint:
      path: users
` });

/**
 * /users: 100 users in one response and no pagination hints, the classic
 * "forgot the paginator" case (one page, a round count). The second run gives
 * one user a text score, which makes a variant column appear in the last load.
 * Users carry a long bio and a nested profile (a JSON column past max nesting).
 */
function usersRoute(textScore: () => boolean) {
  return (_req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    if (url.pathname !== '/users') return false;
    const users = Array.from({ length: 100 }, (_, i) => ({
      id: i + 1,
      login: `user${i + 1}`,
      score: textScore() && i === 6 ? 'n/a' : i + 0.5,
      bio: `${'A long biography line. '.repeat(30)}<b>not html</b> #${i + 1}`,
      profile: { links: [{ rel: 'blog', href: `https://example.com/${i}` }], tags: ['a', 'b'], deep: { deeper: { deepest: i } } },
    }));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(users));
    return true;
  };
}

/** Runs the `gh` pipeline twice against a mock API (the second run adds issue 26 and a variant column). */
export async function loadShowDataset(): Promise<ShowDataset> {
  const api = await startMockApi({ issues: 25 });
  let textScore = false;
  api.routes.push(usersRoute(() => textScore));
  const ws = workspace();
  ws.write('gh.yaml', config(api.url));
  const run = async () => {
    const r = await runCli(['run', 'gh.yaml'], { cwd: ws.dir });
    if (r.code !== 0) throw new Error(`restload run failed (${r.code}):\n${r.stderr}`);
  };
  try {
    await run();
    api.issues.push(makeIssue(26, '2024-03-01T00:00:00Z'));
    api.comments.set(26, [{ id: 2600, body: 'new comment', user: { login: 'z' } }]);
    textScore = true;
    await run();
  } catch (e) {
    await api.close();
    throw e;
  }
  return { api, ws, pipelinesDir: ws.pipelinesDir, name: 'gh', dataset: 'gh_data', close: () => api.close() };
}
