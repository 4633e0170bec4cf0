// PostgreSQL frontend/backend protocol v3 framing, only as much as the embedded
// server needs: split a byte stream into messages and recognise the few that
// change how the server schedules clients.

/** Codes carried by the untyped first message of a connection. */
export const PROTOCOL_V3 = 196608;
export const SSL_REQUEST = 80877103;
export const GSSENC_REQUEST = 80877104;
export const CANCEL_REQUEST = 80877102;

/** Frontend message types that end a unit of work (the backend answers ReadyForQuery). */
export const SYNC = 0x53; // 'S'
export const SIMPLE_QUERY = 0x51; // 'Q'
export const TERMINATE = 0x58; // 'X'

export interface UntypedMessage {
  kind: 'startup' | 'ssl' | 'gssenc' | 'cancel' | 'unknown';
  bytes: Buffer;
}

/** Reads the untyped first message (length-prefixed, no type byte), if complete. */
export function readUntypedMessage(buffer: Buffer): UntypedMessage | undefined {
  if (buffer.length < 8) return undefined;
  const length = buffer.readInt32BE(0);
  if (buffer.length < length) return undefined;
  const code = buffer.readInt32BE(4);
  const kind =
    code === PROTOCOL_V3
      ? 'startup'
      : code === SSL_REQUEST
        ? 'ssl'
        : code === GSSENC_REQUEST
          ? 'gssenc'
          : code === CANCEL_REQUEST
            ? 'cancel'
            : 'unknown';
  return { kind, bytes: buffer.subarray(0, length) };
}

/** Length in bytes of the typed message at the start of `buffer`, if it is complete. */
export function typedMessageLength(buffer: Buffer): number | undefined {
  if (buffer.length < 5) return undefined;
  const length = 1 + buffer.readInt32BE(1);
  return buffer.length >= length ? length : undefined;
}

/** A frontend Sync message, used to bring the backend out of a half-finished exchange. */
export const SYNC_MESSAGE = Buffer.from([SYNC, 0, 0, 0, 4]);
