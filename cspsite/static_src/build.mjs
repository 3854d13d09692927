// Builds the site's CSS and JavaScript into cspsite/static/ (then hashed by collectstatic).
// CSS: GOV.UK Frontend 6 via Dart Sass, with only the components the site uses.
// JS: an ES module bundle of only the GOV.UK Frontend components the site uses.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import * as esbuild from "esbuild";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "static");

mkdirSync(join(out, "css"), { recursive: true });
mkdirSync(join(out, "js"), { recursive: true });

const css = sass.compile(join(here, "scss", "main.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter()],
  quietDeps: true,
});
writeFileSync(join(out, "css", "main.css"), css.css);

await esbuild.build({
  entryPoints: [join(here, "js", "main.mjs")],
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2020"],
  outfile: join(out, "js", "main.js"),
  logLevel: "warning",
});

console.log("Built cspsite/static/css/main.css and cspsite/static/js/main.js");
