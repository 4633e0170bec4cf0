export { ConfigError } from './config.error';
export { loadConfig, type LoadConfigOptions } from './config.loader';
export { EXIT_CONFIG, loadConfigOrExit } from './config.exit';
export { ConfigModule } from './config.module';
export { Env, Secret, Section, type EnvParser } from './setting.decorators';
export { asBoolean, asKeyValueMap, asList, asNumber, asOptionalString } from './parsers/env-parsers';
export { DatastoreSettings, DATASTORE_SCHEMES } from './sections/datastore.settings';
export { LoggingSettings } from './sections/logging.settings';
export { LOG_LEVELS, type LogLevelName } from './sections/log-level';
