import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { sectionBindingsOf } from './setting.decorators';

/**
 * Makes already-loaded settings injectable by class: a provider asks for
 * `ApiSettings` or any of its sections (`DatastoreSettings`, ...) and gets the
 * validated, frozen instance. Settings are loaded before Nest starts: the
 * logger needs them, and a bad value must stop the process before anything opens.
 */
@Module({})
export class ConfigModule {
  static forRoot(settings: object): DynamicModule {
    const providers: Provider[] = [];
    const register = (value: object): void => {
      providers.push({ provide: value.constructor, useValue: value });
      for (const { property } of sectionBindingsOf(value.constructor)) {
        register((value as Record<string, object>)[property]);
      }
    };
    register(settings);
    return {
      module: ConfigModule,
      global: true,
      providers,
      exports: providers.map((provider) => (provider as { provide: object }).provide as never),
    };
  }
}
