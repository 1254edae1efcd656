/**
 * `npm run prisma -- <args>`: the stock Prisma CLI, pointed at our offline schema engine
 * (scripts/schema-engine.mjs), so it works where Prisma's binary host is unreachable.
 */
import { runPrismaCli } from '../src/store/prisma-cli.ts';

const code = await runPrismaCli(process.argv.slice(2), { stdio: 'inherit' });
process.exit(code);
