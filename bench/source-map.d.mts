/** Types for bench/source-map.mjs (plain ESM, used by the bench scripts and a unit test). */
export interface RawSourceMap {
  version: number;
  sources: string[];
  names: string[];
  mappings: string;
}
export function decodeMappings(mappings: string): number[][][];
export function moduleName(source: string, root: string, base?: string): string;
export function packageOf(name: string): string;
export function buildScriptWithMap(root: string, extraPlugins?: unknown[]): Promise<{ dir: string; code: string; map: RawSourceMap }>;
export function makeLookup(map: RawSourceMap): (line: number, column: number) => { source: string; line: number; column: number; name: string | undefined } | null;
