import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopChild, waitForHttp } from './processes';

export interface Upstream {
  url: string;
  kind: 'nginx' | 'node';
  stop(): Promise<void>;
}

const PAGE = join(__dirname, '../../docker/nginx/index.html');

function nginxBinary(): string | undefined {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) {
    if (spawnSync(candidate, ['-v']).status === 0) return candidate;
  }
  return undefined;
}

/**
 * The articles' upstream: nginx returning its welcome page (one worker process,
 * keep-alive, no access log), or, where nginx is not installed, a Node server
 * answering the same 615 bytes.
 */
export async function startUpstream(port: number): Promise<Upstream> {
  const url = `http://127.0.0.1:${port}/`;
  const nginx = nginxBinary();
  if (nginx) {
    const prefix = mkdtempSync(join(tmpdir(), 'bench-nginx-'));
    // Started as root, nginx's workers run as an unprivileged user: they must be able to read the page.
    chmodSync(prefix, 0o755);
    mkdirSync(join(prefix, 'html'), { mode: 0o755 });
    copyFileSync(PAGE, join(prefix, 'html', 'index.html'));
    chmodSync(join(prefix, 'html', 'index.html'), 0o644);
    writeFileSync(
      join(prefix, 'nginx.conf'),
      `worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 8192; multi_accept on; }
http {
  client_body_temp_path ${prefix}/c; proxy_temp_path ${prefix}/p; fastcgi_temp_path ${prefix}/f;
  uwsgi_temp_path ${prefix}/u; scgi_temp_path ${prefix}/s;
  access_log off; sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_requests 1000000; keepalive_timeout 75s;
  server { listen 127.0.0.1:${port} backlog=4096; root ${prefix}/html; location / { index index.html; } }
}
`,
    );
    const child = spawn(nginx, ['-c', join(prefix, 'nginx.conf'), '-p', prefix, '-g', 'daemon off;'], {
      stdio: 'ignore',
    });
    await waitForHttp(url, child);
    await assertServesPage(url);
    return { url, kind: 'nginx', stop: () => stopChild(child) };
  }
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, 'static-upstream.server.ts')],
    {
      env: { ...process.env, PORT: String(port) },
      stdio: 'ignore',
    },
  );
  await waitForHttp(url, child);
  await assertServesPage(url);
  return { url, kind: 'node', stop: () => stopChild(child) };
}

/** A benchmark against an upstream answering anything but the page would measure the wrong thing. */
async function assertServesPage(url: string): Promise<void> {
  const response = await fetch(url);
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200 || !body.equals(readFileSync(PAGE))) {
    throw new Error(
      `the upstream at ${url} answered ${response.status} with ${body.length} bytes, not the page`,
    );
  }
}
