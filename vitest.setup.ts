/**
 * Property tests explore a new random sample on every local run (print FC_SEED to replay a failure); CI uses
 * one fixed seed so a landing never depends on luck. FC_SEED overrides both.
 */
import fc from 'fast-check';

export const FC_SEED = Number(process.env.FC_SEED ?? (process.env.CI ? 20261126 : Date.now() % 2 ** 31));
fc.configureGlobal({ seed: FC_SEED });
