// What `require('restload')` loads on a Node.js that cannot require() an ES
// module (before 20.19 and 22.12). Newer ones take the "module-sync" entry of
// package.json "exports" and load dist/index.js itself; this file only turns
// Node's "No exports main defined" into what to do instead.
throw new Error(
  `restload is an ES module, and Node.js ${process.version} cannot load it with require() (Node.js 20.19, 22.12 and newer can). ` +
    "Use import { pipeline } from 'restload' in an ES module (a .mjs or .mts file, or \"type\": \"module\" in your package.json), " +
    "or const { pipeline } = await import('restload') from CommonJS.",
);
