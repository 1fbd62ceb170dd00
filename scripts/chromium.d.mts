export const PATH_NAMES: readonly string[];
export function findChromium(probes?: {
  env?: Record<string, string | undefined>;
  exists?: (path: string) => boolean;
  onPath?: (name: string) => string | null;
}): string | null;
export function chromiumPath(): string;
export const CHROMIUM_ARGS: string[];
