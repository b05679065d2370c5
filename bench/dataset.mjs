// Deterministic GitHub-like issues and comments for the benchmark.
//
// Issue n (1-based) is a pure function of n, so every dataset of N issues is
// the prefix 1..N of one infinite sequence: "1% new issues appeared" is the
// dataset growing from N to 1.01·N, and the new issues have a later
// updated_at than every old one (updated_at increases strictly with n).
// Shared by the mock server (which renders them) and the orchestrator
// (which computes the row counts DuckDB must end up with).

/** updated_at(n) = T0 + n·STEP seconds: strictly increasing, so `since` is a prefix cut. */
const T0 = Date.UTC(2019, 0, 1) / 1000;
const STEP = 30;
const REPO = 'https://api.github.com/repos/acme/widgets';
const HTML = 'https://github.com/acme/widgets';

function rng(seed) {
  // mulberry32
  let a = (seed * 2654435761) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (sec) => new Date(sec * 1000).toISOString().replace('.000Z', 'Z');

export const updatedAtSec = (n) => T0 + n * STEP;
export const updatedAt = (n) => iso(updatedAtSec(n));

/** The first issue number with updated_at >= since (ISO string), 1 when since is absent or early. */
export function firstNumberSince(since) {
  if (since === undefined || since === null || since === '') return 1;
  const ms = Date.parse(since);
  if (Number.isNaN(ms)) return 1;
  return Math.max(1, Math.ceil((ms / 1000 - T0) / STEP));
}

const WORDS = [
  'the', 'parser', 'fails', 'when', 'a', 'nested', 'list', 'is', 'empty', 'and', 'pagination', 'header', 'returns',
  'duplicate', 'rows', 'after', 'retry', 'timeout', 'schema', 'evolves', 'column', 'naïve', 'café', 'über', 'résumé',
  'データ', '日本語', 'ключ', 'значение', 'Ελληνικά', '🚀', '✓', '—', 'cursor', 'incremental', 'load', 'merge', 'key',
  'we', 'should', 'probably', 'handle', 'this', 'upstream', 'see', 'also', 'PR', 'reproduce', 'with', 'config',
];
const LABELS = [
  ['bug', 'd73a4a', 'Something is not working'],
  ['enhancement', 'a2eeef', 'New feature or request'],
  ['documentation', '0075ca', 'Improvements or additions to documentation'],
  ['question', 'd876e3', 'Further information is requested'],
  ['good first issue', '7057ff', 'Good for newcomers'],
  ['help wanted', '008672', 'Extra attention is needed'],
  ['performance', 'fbca04', null],
  ['wontfix', 'ffffff', 'This will not be worked on'],
];
const USERS = 500;

function sentence(r, minChars, maxChars) {
  const target = minChars + Math.floor(r() * (maxChars - minChars));
  let s = '';
  while (s.length < target) s += (s ? ' ' : '') + WORDS[Math.floor(r() * WORDS.length)];
  return s;
}

function user(u) {
  return {
    login: `dev-${u}`,
    id: 10_000 + u,
    node_id: `MDQ6VXNlcj${(10_000 + u).toString(36)}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${10_000 + u}?v=4`,
    html_url: `https://github.com/dev-${u}`,
    type: 'User',
    site_admin: u % 97 === 0,
  };
}

function reactions(r, url) {
  const c = () => (r() < 0.7 ? 0 : Math.floor(r() * 5));
  const x = { url, total_count: 0, '+1': c(), '-1': c(), laugh: c(), hooray: c(), confused: c(), heart: c(), rocket: c(), eyes: c() };
  x.total_count = x['+1'] + x['-1'] + x.laugh + x.hooray + x.confused + x.heart + x.rocket + x.eyes;
  return x;
}

/** Shape of issue n: how many labels, assignees and comments it has (cheap; no rendering). */
export function issueShape(n) {
  const r = rng(n);
  return { labels: Math.floor(r() * 4), assignees: Math.floor(r() * 3), comments: Math.floor(r() * 7) };
}

export function issue(n) {
  const shape = issueShape(n);
  const r = rng(n * 31 + 7);
  const url = `${REPO}/issues/${n}`;
  const upd = updatedAtSec(n);
  const created = upd - 3600 - Math.floor(r() * 86400 * 30);
  const closed = r() < 0.4;
  const isPr = r() < 0.25;
  const hasMilestone = r() < 0.5;
  const author = Math.floor(r() * USERS);
  const labels = [];
  for (let i = 0; i < shape.labels; i++) {
    const k = (n + i * 3) % LABELS.length;
    const [name, color, description] = LABELS[k];
    labels.push({ id: 2_000_000 + k, node_id: `MDU6TGFiZWw${k}`, url: `${REPO}/labels/${encodeURIComponent(name)}`, name, color, default: k < 3, description });
  }
  const assignees = [];
  for (let i = 0; i < shape.assignees; i++) assignees.push(user((author + 17 * (i + 1)) % USERS));
  const milestoneNo = (n % 12) + 1;
  const o = {
    url,
    repository_url: REPO,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${HTML}/${isPr ? 'pull' : 'issues'}/${n}`,
    id: 1_500_000_000 + n,
    node_id: `I_kwDOAbCdEf${n.toString(36).padStart(6, '0')}`,
    number: n,
    title: sentence(r, 20, 70),
    user: user(author),
    labels,
    state: closed ? 'closed' : 'open',
    locked: false,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: hasMilestone
      ? {
          url: `${REPO}/milestones/${milestoneNo}`,
          html_url: `${HTML}/milestone/${milestoneNo}`,
          id: 9_000_000 + milestoneNo,
          node_id: `MDk6TWlsZXN0b25l${milestoneNo}`,
          number: milestoneNo,
          title: `v0.${milestoneNo}`,
          description: milestoneNo % 3 ? `Release 0.${milestoneNo}` : null,
          creator: user(milestoneNo),
          open_issues: 10 + milestoneNo,
          closed_issues: 100 + milestoneNo * 7,
          state: 'open',
          created_at: iso(T0 - milestoneNo * 86400),
          updated_at: iso(T0 + milestoneNo * 3600),
          due_on: null,
          closed_at: null,
        }
      : null,
    comments: shape.comments,
    created_at: iso(created),
    updated_at: iso(upd),
    closed_at: closed ? iso(upd - 60) : null,
    author_association: author % 5 === 0 ? 'MEMBER' : 'CONTRIBUTOR',
    active_lock_reason: null,
    body: sentence(r, 150, 450),
    reactions: reactions(r, `${url}/reactions`),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: closed ? 'completed' : null,
  };
  if (isPr) {
    o.draft = r() < 0.2;
    o.pull_request = {
      url: `${REPO}/pulls/${n}`,
      html_url: `${HTML}/pull/${n}`,
      diff_url: `${HTML}/pull/${n}.diff`,
      patch_url: `${HTML}/pull/${n}.patch`,
      merged_at: closed ? iso(upd - 120) : null,
    };
  }
  return o;
}

export function comments(n) {
  const shape = issueShape(n);
  const r = rng(n * 131 + 3);
  const out = [];
  for (let k = 0; k < shape.comments; k++) {
    const id = 3_000_000_000 + n * 8 + k;
    const at = iso(updatedAtSec(n) - (shape.comments - k) * 600);
    out.push({
      url: `${REPO}/issues/comments/${id}`,
      html_url: `${HTML}/issues/${n}#issuecomment-${id}`,
      issue_url: `${REPO}/issues/${n}`,
      id,
      node_id: `IC_kwDOAbCdEf${id.toString(36)}`,
      user: user(Math.floor(r() * USERS)),
      created_at: at,
      updated_at: at,
      author_association: 'CONTRIBUTOR',
      body: sentence(r, 80, 400),
      reactions: reactions(r, `${REPO}/issues/comments/${id}/reactions`),
      performed_via_github_app: null,
    });
  }
  return out;
}

/** Rows each table must hold after loading issues from..to (inclusive), with or without comments. */
export function expectedCounts(from, to, withComments) {
  const c = { issues: 0, issues__labels: 0, issues__assignees: 0 };
  if (withComments) c.issue_comments = 0;
  for (let n = from; n <= to; n++) {
    const s = issueShape(n);
    c.issues++;
    c.issues__labels += s.labels;
    c.issues__assignees += s.assignees;
    if (withComments) c.issue_comments += s.comments;
  }
  return c;
}
