import type { Clients } from '../aws/clients';
import type { Config } from '../config';
import type { RegionFilters } from '../observe/filters';
import { type Remnants, readRemnants } from '../observe/remnants';
import type { DeployInstead, Report } from '../report';
import { deployInsteadReason } from './elsewhere';
import type { Discovery } from './index';
import { previousTrail } from './news';

type Fields = Partial<Report> & Pick<Report, 'status'>;

const list = (items: readonly string[]) => items.join(', ');

/** The finding when the enforcer's resources are here but no trail delivers here any more. */
function stillHereFinding(
  config: Config,
  remnants: Remnants,
  previous: string | undefined,
  places: readonly DeployInstead[],
): string {
  const what = [
    ...(remnants.alarms.length ? [`alarm(s) ${list(remnants.alarms)}`] : []),
    ...(remnants.filters.length ? [`metric filter(s) ${list(remnants.filters)}`] : []),
    ...(previous ? [`this container's last run kept the controls on trail ${previous}`] : []),
  ];
  return `the enforcer guarded ${config.region} (${what.join('; ')}), but no trail of this account delivers to a log group in ${config.region} any more: ${deployInsteadReason(places)}. Its alarms here can never fire again. If the trail was moved on purpose, deploy the enforcer there and remove this stack; otherwise restore the trail's CloudWatch Logs delivery to ${config.region}`;
}

/**
 * The report fields of a run where no trail qualifies. NOT_APPLICABLE (no alert, a SUCCESS deploy
 * answer) only when every condition holds: the account has trails (`no trail at all` is a failure),
 * none delivers to a log group in this account and region (a trail that delivers here but fails is a
 * local problem), at least one serves the controls elsewhere (`discovery.elsewhere`: a multi-region
 * trail whose group is in another region, an organization trail whose group is in another account),
 * and nothing of the enforcer's is here: none of the selected controls' alarms, no filter writing to
 * their metrics, no earlier run of this container on a trail. Anything of ours here means the region
 * was guarded and the trail was moved away: NON_COMPLIANT, which alerts. A failed read is an ERROR.
 */
export async function noTrailReport(
  clients: Clients,
  config: Config,
  discovery: Discovery,
  region: RegionFilters | undefined,
): Promise<Fields> {
  const { accountId, problems } = discovery;
  const hint = discovery.regionHint ? { regionHint: discovery.regionHint } : {};
  const failing: Fields = { status: 'NON_COMPLIANT', accountId, findings: problems, ...hint };
  const places = discovery.elsewhere ?? [];
  if (places.length === 0) return failing;
  const deployInstead = { deployInstead: places };
  const read = await readRemnants(clients, config.controls, region);
  if ('errors' in read) return { ...failing, ...deployInstead, status: 'ERROR', errors: read.errors };
  const { remnants } = read;
  const previous = previousTrail(config);
  if (remnants.alarms.length || remnants.filters.length || previous) {
    const finding = stillHereFinding(config, remnants, previous, places);
    return { ...failing, ...deployInstead, findings: [...problems, finding] };
  }
  const reason = deployInsteadReason(places);
  return { status: 'NOT_APPLICABLE', accountId, reason, findings: problems, ...hint, ...deployInstead };
}
