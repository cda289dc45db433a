import { defineError } from '../../common/errors/domain-error';

/** The caller already holds CallEventStreams' per-user cap of open live streams (429). */
export class TooManyCallStreams extends defineError('CALLS.TOO_MANY_STREAMS') {}
/** This instance already holds its cap of open live streams (503; the SPA polls instead). */
export class CallStreamsFull extends defineError('CALLS.STREAMS_FULL') {}
