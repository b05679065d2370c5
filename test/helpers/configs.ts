/** dlt's GitHub example pointed at a mock API (issues incremental on updated_at, comments as a child). */
export function githubLikeConfig(url: string, opts: { name?: string; dataset?: string; extraResources?: string } = {}): string {
  return `
pipeline:
  name: ${opts.name ?? 'gh'}
  dataset_name: ${opts.dataset ?? 'gh_data'}
client:
  base_url: ${url}/
resource_defaults:
  primary_key: id
  write_disposition: merge
  endpoint:
    params:
      per_page: 10
resources:
  - name: issues
    endpoint:
      path: issues
      params:
        state: open
        since:
          type: incremental
          cursor_path: updated_at
          initial_value: "2024-01-25T11:21:28Z"
  - name: issue_comments
    endpoint:
      path: issues/{resources.issues.number}/comments
    include_from_parent: [id]
${opts.extraResources ?? ''}`;
}
