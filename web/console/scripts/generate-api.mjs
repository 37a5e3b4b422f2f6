// Types for the API client, from the OpenAPI documents the gateway serves (committed under openapi/,
// kept equal to the live ones by the end-to-end ConsoleContractTests). Run by every build.
import fs from 'node:fs/promises';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'src', 'api', 'schema');
await fs.mkdir(out, { recursive: true });
for (const file of await fs.readdir(path.join(root, 'openapi'))) {
  const name = path.basename(file, '.json');
  const document = JSON.parse(await fs.readFile(path.join(root, 'openapi', file), 'utf8'));
  const ast = await openapiTS(document, { alphabetize: true });
  await fs.writeFile(path.join(out, `${name}.d.ts`), `// Generated from openapi/${file}; do not edit.\n${astToString(ast)}`);
}
