// The helper that acceptFromMoreDescriptors forks for a process that is no
// cluster worker: it sends its parent's listening socket back as many times as
// asked, and exits when the parent disconnects.
import { serveAcceptDescriptorsToParent } from './accept-descriptors';

serveAcceptDescriptorsToParent();
