/** Every process of the platform, in start order: the gateway last, once the services answer. */
export const PLATFORM_SERVICES = ['accounts', 'bases', 'backups', 'publication', 'sessions', 'runtime-sim', 'gateway'] as const;
export type PlatformService = (typeof PLATFORM_SERVICES)[number];

export function entryOf(service: string): string {
  return `services/${service}/src/main.ts`;
}
