// The LSP lifecycle, enforced before any handler runs: before `initialize`, requests get ServerNotInitialized and
// notifications are dropped (but `exit`); after `shutdown`, requests get InvalidRequest and notifications are dropped
// (but `exit`). vscode-languageserver already exits with 0 on `exit` after `shutdown` and with 1 without it; it does
// not gate messages, so this does, as a message strategy of the connection.
import type { Message, MessageStrategy, NotificationMessage, RequestMessage } from 'vscode-languageserver';

/** JSON-RPC / LSP error codes. */
export const SERVER_NOT_INITIALIZED = -32002;
export const INVALID_REQUEST = -32600;

/** The method a refused request is handed on as: its handler answers with the error in the params. */
export const REFUSED_METHOD = 'cloudline/$refused';

export interface Refusal {
  readonly code: number;
  readonly message: string;
}

export type Phase = 'starting' | 'running' | 'shut down';

/** A message strategy that holds the server to the lifecycle. `phase` says where it is. */
export class Lifecycle implements MessageStrategy {
  phase: Phase = 'starting';

  handleMessage(message: Message, next: (message: Message) => void): void {
    const request = isRequest(message) ? message : undefined;
    const notification = !request && isNotification(message) ? message : undefined;
    if (notification) {
      // Before initialize and after shutdown, only `exit` is heard.
      if (this.phase === 'running' || notification.method === 'exit') next(message);
      return;
    }
    if (!request) {
      next(message); // a response to a request of ours
      return;
    }
    const refuse = (refusal: Refusal) => next({ jsonrpc: request.jsonrpc, id: request.id, method: REFUSED_METHOD, params: refusal } as RequestMessage);
    if (this.phase === 'starting') {
      if (request.method !== 'initialize') {
        return refuse({ code: SERVER_NOT_INITIALIZED, message: `The server is not initialized: ${request.method} was sent before initialize.` });
      }
      this.phase = 'running';
    } else if (this.phase === 'shut down') {
      return refuse({ code: INVALID_REQUEST, message: `The server is shut down: ${request.method} was sent after shutdown.` });
    } else if (request.method === 'initialize') {
      return refuse({ code: INVALID_REQUEST, message: 'The server is already initialized: initialize may be sent only once.' });
    } else if (request.method === 'shutdown') {
      this.phase = 'shut down';
    }
    next(message);
  }
}

function isRequest(m: Message): m is RequestMessage {
  const c = m as RequestMessage;
  return typeof c.method === 'string' && (typeof c.id === 'string' || typeof c.id === 'number');
}

function isNotification(m: Message): m is NotificationMessage {
  const c = m as RequestMessage;
  return typeof c.method === 'string' && c.id === undefined;
}
