import { Env, asNumber } from '@pets/config';
import { DEFAULT_ACCEPT_DESCRIPTORS } from '@pets/runtime';
import { IsInt, IsString, Max, Min, MinLength } from '@pets/validation';

export class HttpSettings {
  @Env('PORT', asNumber)
  @IsInt()
  @Min(0)
  @Max(65535)
  port = 3000;

  @Env('HOST')
  @IsString()
  @MinLength(1)
  host = '0.0.0.0';

  /**
   * Processes serving the port (the articles' two gunicorn workers). In
   * Kubernetes each pod runs one and the Deployment scales pods.
   */
  @Env('API_WORKERS', asNumber)
  @IsInt()
  @Min(1)
  @Max(64)
  workers = 2;

  /**
   * Descriptors of the listening socket each API process polls (a worker's
   * come from the cluster primary, a lone process's from a short-lived
   * helper): a process accepts one connection per descriptor per event-loop
   * turn, so a burst of new connections is taken this many times faster
   * (see acceptFromMoreDescriptors in @pets/runtime). 1 = Node's own.
   */
  @Env('API_ACCEPT_DESCRIPTORS', asNumber)
  @IsInt()
  @Min(1)
  @Max(64)
  acceptDescriptors = DEFAULT_ACCEPT_DESCRIPTORS;

  /** How long a shutdown waits for in-flight requests before closing anyway. */
  @Env('SHUTDOWN_GRACE_MS', asNumber)
  @IsInt()
  @Min(0)
  @Max(120_000)
  shutdownGraceMs = 10_000;
}
