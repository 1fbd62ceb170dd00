/** Chunk entry: the AI Act notices (see registry.ts). */
export { startAi } from '../ai/start-ai';
export { AiSection } from '../ui/ai-section';
