import * as ClassValidator from 'class-validator';
import * as Validation from './class-validator.modules';

class Sample {
  @Validation.IsString()
  @Validation.MinLength(2)
  name!: unknown;
}

// The lib loads class-validator's files one by one (see class-validator.modules.ts).
describe('@pets/validation', () => {
  it('exports the very decorators and functions that class-validator itself exports', () => {
    const names = Object.keys(Validation).filter((name) => !['validate', 'validateSync'].includes(name));
    expect(names.length).toBeGreaterThan(15);
    for (const name of names) {
      expect([name, Validation[name as keyof typeof Validation]]).toEqual([
        name,
        ClassValidator[name as keyof typeof ClassValidator],
      ]);
    }
  });

  it('validates as class-validator does, through the same metadata', async () => {
    const sample = Object.assign(new Sample(), { name: 7 });
    const ours = await Validation.validate(sample);
    expect(ours).toEqual(await ClassValidator.validate(sample));
    expect(ours.map((error) => Object.keys(error.constraints ?? {}))).toEqual([['minLength', 'isString']]);
    expect(Validation.validateSync(Object.assign(new Sample(), { name: 'ok' }))).toEqual([]);
  });
});
