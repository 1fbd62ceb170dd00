import type { CandorContext, Disposer } from '../api/create-candor';

/**
 * EU AI Act Art. 50 notices (SPEC §5), on pages whose config has `ai` only: the code lives in
 * the `ai` chunk (src/ai/start-ai.ts), so pages without AI never download it.
 */
export function startAi(ctx: CandorContext): Disposer {
  const { ai } = ctx.config;
  // The chunk's disposer once it runs; `false` once stopped.
  let dispose: Disposer | false | undefined;
  if (ai)
    ctx.loadChunk('ai').then(
      (m) => {
        if (dispose !== false) dispose = m.startAi(ctx);
      },
      () => {
        // Without the chunk, at least the sentence, as plain text at the top of each chat present
        // now (Art. 50(1): a chat says that it is an AI system). Text, never markup. (The
        // browser reports the failed load, CSP or integrity error itself.)
        for (const el of ctx.doc.querySelectorAll(ai.chatSelector ? `${ai.chatSelector},[data-ai-notice]` : '[data-ai-notice]')) el.prepend(ctx.config.texts.aiChatNotice);
      },
    );
  return () => {
    if (dispose) dispose();
    dispose = false;
  };
}
