/**
 * `node scripts/build-console-font.ts <target.woff2>`: builds the console's webfont
 * (src/bot/console/font-subset.ts). Kotae runs it in the background at first start.
 */
import { buildConsoleFont } from '../src/bot/console/font-subset.ts';

const target = process.argv[2];
if (!target) {
  process.stderr.write('usage: build-console-font <target.woff2>\n');
  process.exit(2);
}
const bytes = await buildConsoleFont(target);
process.stdout.write(`console font: ${bytes} bytes → ${target}\n`);
