/**
 * `npm run token -- --role R --agency A --org O [--areas E09000033,…] [--sub S]`
 * Prints a signed development token (HS256, the configured or development secret) and nothing else.
 */
import { Command, Option } from 'commander';
import { actorFromClaims } from '../platform/auth/claims.js';
import { signDevelopmentToken } from '../platform/auth/sign-token.js';
import { loadConfigOrExit } from '../platform/config.js';
import { AGENCIES, ROLES } from '../domain/vocabulary.js';

const program = new Command('token')
  .description('Print a development token for the hub')
  .addOption(new Option('--role <role>', 'actor role').choices(ROLES).makeOptionMandatory())
  .addOption(new Option('--agency <agency>', 'agency (required for PRACTITIONER and CASE_COORDINATOR)').choices(AGENCIES))
  .option('--org <org>', 'organisation code (required for every role but FAMILY)')
  .option('--areas <codes>', 'comma-separated ONS local authority codes', '')
  .option('--sub <sub>', 'subject (defaults to role:org)')
  .option('--expires-in <seconds>', 'lifetime in seconds', '28800')
  .parse();

const opts = program.opts<{ role: string; agency?: string; org?: string; areas: string; sub?: string; expiresIn: string }>();
const config = loadConfigOrExit();
if (!config.auth.hs256Secret) {
  process.stderr.write('No HS256 secret: development tokens are not available in production.\n');
  process.exit(2);
}
const areas = opts.areas.split(',').map((a) => a.trim()).filter(Boolean);
const actor = actorFromClaims({ sub: opts.sub ?? `${opts.role.toLowerCase()}:${opts.org ?? 'citizen'}`, org: opts.org, role: opts.role, agency: opts.agency, areas });
if (!actor) {
  process.stderr.write('These claims do not fit the contract (area codes must look like E09000033; agency is required for PRACTITIONER and CASE_COORDINATOR; org for every role but FAMILY).\n');
  process.exit(2);
}
const token = await signDevelopmentToken(actor, {
  secret: config.auth.hs256Secret,
  issuer: config.auth.issuer,
  audience: config.auth.audience,
  expiresIn: Number(opts.expiresIn),
});
process.stdout.write(`${token}\n`);
