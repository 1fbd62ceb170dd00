/**
 * The ES module entry for bundler users: `import { createCandor } from 'candor'`.
 * No side effects on import; nothing runs until `createCandor(config)` is called.
 */
export { createCandor, VERSION as version } from '../api/create-candor';
export type {
  AiAcknowledgedDetail,
  CandorApi,
  CandorConfig,
  CandorEventMap,
  ChangeDetail,
  ConsentSnapshot,
} from '../api/types';
