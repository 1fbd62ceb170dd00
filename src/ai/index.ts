import type { CandorContext, Disposer } from '../api/create-candor';

/**
 * EU AI Act Art. 50 notices (SPEC §5), on pages whose config has `ai` only: the code lives in
 * the `ai` chunk (src/ai/start-ai.ts), so pages without AI never download it.
 */
export function startAi(ctx: CandorContext): Disposer {
  if (!ctx.config.ai) return () => {};
  let dispose: Disposer | null = null;
  let stopped = false;
  ctx.loadChunk('ai').then(
    (m) => {
      if (!stopped) dispose = m.startAi(ctx);
    },
    (e: unknown) => console.error('[candor] the AI notices could not be loaded:', e),
  );
  return () => {
    stopped = true;
    dispose?.();
  };
}
