// Bundle the browser modules with esbuild into web/static/dist with content-hashed names,
// and write manifest.json (entry name -> hashed file) for Flask to emit cache-busting URLs.
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.resolve(here, "../static/dist");
const entryPoints = {
  app: path.join(here, "src/main.js"),
  style: path.join(here, "src/style.css"),
};

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
const result = await esbuild.build({
  entryPoints,
  outdir,
  bundle: true,
  format: "esm",
  splitting: true,
  minify: true,
  sourcemap: true,
  target: ["es2020"],
  entryNames: "[name]-[hash]",
  chunkNames: "chunks/[name]-[hash]",
  assetNames: "assets/[name]-[hash]",
  metafile: true,
  logLevel: "warning",
});

// Map each entry's logical name ("app.js", "style.css") to its hashed output file.
const manifest = {};
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (!output.entryPoint || file.endsWith(".map")) continue;
  const name = Object.keys(entryPoints).find(
    (key) => path.resolve(entryPoints[key]) === path.resolve(output.entryPoint));
  if (!name) continue;
  manifest[`${name}${path.extname(file)}`] = path.relative(outdir, path.resolve(file));
}
await writeFile(path.join(outdir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`bundled ${Object.keys(manifest).length} entries into ${path.relative(process.cwd(), outdir)}`);
