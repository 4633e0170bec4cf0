import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

// Linux /proc: which TCP connections a process holds, identified by socket
// inode, so a test can tell which process owns which connection.

export interface TcpConnection {
  inode: number;
  localPort: number;
  remotePort: number;
}

function tcpTable(): Map<number, TcpConnection> {
  const table = new Map<number, TcpConnection>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.trim().split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const localPort = parseInt(fields[1].split(':')[1], 16);
      const remotePort = parseInt(fields[2].split(':')[1], 16);
      const inode = Number(fields[9]);
      if (inode > 0) table.set(inode, { inode, localPort, remotePort });
    }
  }
  return table;
}

/** The TCP connections (and listening sockets) a process has open. */
export function tcpConnectionsOf(pid: number): TcpConnection[] {
  const table = tcpTable();
  const result: TcpConnection[] = [];
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let target: string;
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    const connection = inode ? table.get(Number(inode)) : undefined;
    if (connection) result.push(connection);
  }
  return result;
}

/** Child processes of `pid`, with their command lines. */
export function childrenOf(pid: number): { pid: number; command: string }[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid !== pid) return [];
        return [
          {
            pid: Number(entry),
            command: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim(),
          },
        ];
      } catch {
        return [];
      }
    });
}

/** A process's peak resident set size (VmHWM), in bytes. */
export function peakRssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}
