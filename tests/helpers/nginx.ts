/**
 * Serves a folder with Debian's nginx on a free loopback port, at `/` or
 * under a nested path, with a config written to a temporary folder.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import path from 'node:path';
import { tempDir } from './build.ts';

export interface StaticServer {
  /** Origin plus the path the site is served at, ending in `/`. */
  url: string;
  origin: string;
  stop(): Promise<void>;
}

export function nginxBinary(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) {
    try {
      execFileSync(candidate, ['-v'], { stdio: 'ignore' });
      return candidate;
    } catch {}
  }
  throw new Error('nginx is not installed: run `apt-get install -y nginx` (.ci/run does this)');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Serves `root` at `http://127.0.0.1:<port><mountPath>` (mountPath starts and ends with `/`);
 * `locationConfig`: more directives for the site's location, e.g. an `include` of headers.
 */
export async function serveWithNginx(root: string, mountPath = '/', locationConfig = ''): Promise<StaticServer> {
  const nginx = nginxBinary();
  const dir = await tempDir('nginx');
  const port = await freePort();
  const isRoot = process.getuid?.() === 0;
  const location = mountPath === '/' ? `location / { root ${root}; ${locationConfig} }` : `location ${mountPath} { alias ${root}/; ${locationConfig} }`;
  const config = `
${isRoot ? 'user root;' : ''}
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  types { application/wasm wasm; }
  default_type application/octet-stream;
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
    ${location}
  }
}
`;
  const confFile = path.join(dir, 'nginx.conf');
  await writeFile(confFile, config);
  const child: ChildProcess = spawn(nginx, ['-c', confFile, '-p', dir, '-e', path.join(dir, 'error.log')], { stdio: 'ignore' });
  let exited = false;
  child.on('exit', () => (exited = true));
  await waitForPort(port, () => exited, path.join(dir, 'error.log'));
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}${mountPath}`,
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGQUIT');
      }),
  };
}

async function waitForPort(port: number, hasExited: () => boolean, errorLog: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (hasExited()) {
      const { readFile } = await import('node:fs/promises');
      throw new Error(`nginx exited at start:\n${await readFile(errorLog, 'utf8').catch(() => '')}`);
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not start listening on port ${port}`);
}
