export * from './class-validator.modules';
