import { Env, Secret, asList } from '@pets/config';
import { ArrayMaxSize, IsArray, IsString, MinLength } from '@pets/validation';

export class AuthSettings {
  /** Bearer tokens allowed to write (POST, PATCH, DELETE); reads are public. None: no one can write. */
  @Env('API_TOKENS', asList)
  @Secret()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(8, { each: true, message: 'each token must be at least 8 characters long' })
  tokens: string[] = [];
}
