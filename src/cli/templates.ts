import { SECRET_PLACEHOLDER } from '../config/interpolate.js';

/** Files written by `restload init rest_api duckdb`. */

export const GITHUB_YAML = `# yaml-language-server: $schema=./node_modules/restload/schemas/restload.schema.json
# dlt's GitHub example: open issues of dlt-hub/dlt and their comments, merged on id,
# loaded incrementally on updated_at. Run it with:  npx restload run github.yaml
pipeline:
  name: github
  dataset_name: github_data

client:
  base_url: https://api.github.com/repos/dlt-hub/dlt/
  # Put your token in .dlt/secrets.toml (or set SOURCES__REST_API__GITHUB__GITHUB_TOKEN).
  # Without a token GitHub allows 60 requests an hour: delete these two lines to try it.
  auth:
    token: \${secrets.github_token}

resource_defaults:
  primary_key: id
  write_disposition: merge
  endpoint:
    params:
      per_page: 100

resources:
  - name: issues
    endpoint:
      path: issues
      params:
        sort: updated
        direction: desc
        state: open
        since:
          type: incremental
          cursor_path: updated_at
          initial_value: "2024-01-25T11:21:28Z"

  - name: issue_comments
    endpoint:
      path: issues/{resources.issues.number}/comments
    include_from_parent:
      - id
`;

export const CONFIG_TOML = `# Non-secret settings, looked up by \${config.KEY} in the config file:
# [sources.rest_api.<source>] first, then [sources.rest_api], [sources], top level.
# For example, with \${config.repo} in github.yaml:
#
# [sources.rest_api.github]
# repo = "dlt-hub/dlt"
`;

export const SECRETS_TOML = `# Secrets, looked up by \${secrets.KEY}. Keep this file out of git.
# Environment variables win: SOURCES__REST_API__GITHUB__GITHUB_TOKEN=...

[sources.rest_api.github]
github_token = "${SECRET_PLACEHOLDER}" # your GitHub token: https://github.com/settings/tokens
`;

export const GITIGNORE = `# restload / dlt
.dlt/secrets.toml
*.duckdb
*.duckdb.wal
node_modules/
`;
