export class TagNotFoundError extends Error {
  constructor(readonly tag: string) {
    super(`no pet has the tag ${tag}`);
    this.name = 'TagNotFoundError';
  }
}

export class RebuildJobNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`no rebuild job ${id}`);
    this.name = 'RebuildJobNotFoundError';
  }
}
