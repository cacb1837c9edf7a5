/**
 * The regions whose national telephone numbers the audit looks for when
 * site.yml does not list its own (`phoneRegions`): North America, the
 * British Isles, western and southern Europe, Australia and New Zealand.
 * Numbers written internationally (`+44 …`, `0049 …`) are found whatever
 * the list.
 */
export const DEFAULT_PHONE_REGIONS: readonly string[] = ['US', 'CA', 'GB', 'IE', 'DE', 'AT', 'CH', 'FR', 'BE', 'NL', 'ES', 'PT', 'IT', 'AU', 'NZ'];
