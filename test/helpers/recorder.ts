/**
 * A recording pass-through in front of DynamoDB Local: every request the node's SDK client sends
 * is forwarded unchanged and kept (X-Amz-Target and JSON body). DynamoDB Local does not answer
 * malformed requests as AWS does (a plain `{"id": "a1"}` Key: a miss on 1.25.1, an InternalFailure on
 * 3.3.1, AWS's ValidationException on neither), so tests that care about marshalling assert the
 * request as it went over the wire.
 */
import { localEndpoint } from './local';
import { startProxy, type Proxy } from './proxy';

export type { Recorded } from './proxy';

export type Recorder = Proxy;

export function startRecorder(upstream = localEndpoint()): Promise<Recorder> {
	return startProxy({ target: upstream });
}
