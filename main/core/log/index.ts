export { createLogger, loggerOptionsSchema, type LetanLogger, type LoggerOptions } from './create-logger.ts';
export { maskDeep, maskLogLine, maskPersonalText, isPersonalKey, redactPaths, PERSONAL_FIELDS, REDACTED } from './mask.ts';
