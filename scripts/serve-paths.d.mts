export const SERVED_DIRS: string[];
export function servedFile(root: string, urlPath: string): string | null;
