import type { TranscriptTurnView } from '@beaker/contracts';
import { formatClock } from './call-format';

/** The call as a conversation: the agent on the left, the person on the right, with the moment each spoke. */
export function TranscriptView({ turns, agentName = 'Agent', callerName = 'You' }: { turns: TranscriptTurnView[]; agentName?: string; callerName?: string }) {
  if (turns.length === 0) return <p className="muted">No one spoke on this call, so there is no transcript.</p>;
  return (
    <ol className="transcript" aria-label="Transcript">
      {turns.map((turn, i) => (
        <li key={i} className={`bubble ${turn.speaker === 'assistant' ? 'bubble--agent' : 'bubble--caller'}`}>
          <span className="bubble__who">
            {turn.speaker === 'assistant' ? agentName : callerName}
            <span className="transcript__at">
              <span className="visually-hidden">at </span>
              {formatClock(turn.at)}
            </span>
          </span>
          {turn.text}
        </li>
      ))}
    </ol>
  );
}
