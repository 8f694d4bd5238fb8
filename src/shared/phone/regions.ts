/** Region codes libphonenumber-js knows (from its metadata), for validating config.defaultRegion. */
import { getCountries } from 'libphonenumber-js/min';

let known: Set<string> | undefined;

export function isValidRegion(region: string): boolean {
  known ??= new Set<string>(getCountries());
  return known.has(region.toUpperCase());
}
