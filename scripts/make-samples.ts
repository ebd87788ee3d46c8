/**
 * Writes the sample recordings the project ships in ./recordings. They are made here (not copied from
 * any real suite), in the recorder's exact format: canonical JSON (spec §7), the current request-hash
 * name (§5.1), the folder implied by test_id (§1) and normalised response ids (§6.1).
 *
 *   npx tsx scripts/make-samples.ts        (rewrites ./recordings; a unit test checks they stay exact)
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSamples } from './samples/sample-recordings';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'recordings');

const samples = buildSamples();
await rm(root, { recursive: true, force: true });
for (const sample of samples) {
  const file = path.join(root, sample.path);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, sample.text);
  process.stdout.write(`${sample.path}  (${sample.what})\n`);
}
