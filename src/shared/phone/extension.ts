/**
 * Internal extensions (agents' phones) vs customers' numbers. The pattern is the source's
 * config.extensionPattern, a regular expression source such as "^\\d{2,4}$".
 */

export type ExtensionMatcher = (value: string) => boolean;

/** Default when the config leaves the pattern empty: 2 to 5 digits, the usual PBX extension. */
export const DEFAULT_EXTENSION_PATTERN = '^\\d{2,5}$';

/** Build a matcher; throws a RangeError naming the problem when the pattern is not a valid regex. */
export function extensionMatcher(pattern: string): ExtensionMatcher {
  const source = pattern.trim() || DEFAULT_EXTENSION_PATTERN;
  let re: RegExp;
  try {
    re = new RegExp(source);
  } catch (e) {
    throw new RangeError(`extension pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${(e as Error).message}`);
  }
  return (value: string) => {
    const v = value.trim();
    return v !== '' && re.test(v);
  };
}

/**
 * The device part of an Asterisk channel name: "PJSIP/101-0000002a" -> "101",
 * "SIP/trunk_1-00000007" -> "trunk_1", "Local/101@from-queue-0000001;2" -> "101",
 * "DAHDI/1-1" -> "1" (tech returned separately so callers can ignore DAHDI/Local).
 */
export function channelDevice(channel: string): { tech: string; device: string } | undefined {
  const m = /^([A-Za-z0-9_]+)\/(.+)$/.exec(channel.trim());
  if (!m) return undefined;
  const tech = m[1]!;
  let rest = m[2]!;
  rest = rest.replace(/;\d+$/, ''); // Local channel half
  const at = rest.indexOf('@');
  if (at >= 0) rest = rest.slice(0, at);
  else rest = rest.replace(/-(?:[0-9a-f]{4,}|\d+)$/i, ''); // unique suffix (-%08x; short numbers in old versions)
  return { tech, device: rest };
}
