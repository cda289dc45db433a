/** One turn of a call's conversation, as the voice provider reports it. */
export interface ProviderTranscriptTurn {
  speaker: 'assistant' | 'caller';
  text: string;
  /** Seconds from the start of the call. */
  at: number;
}

/** The lead the provider's analysis extracted from the conversation (the assistant's structuredData schema). */
export interface ProviderLead {
  name?: string;
  phone?: string;
  email?: string;
  intent?: string;
  urgency?: string;
}

/** What an assistant says and does; built from a persona template (industry × scenario). */
export interface AssistantSpec {
  name: string;
  /** The first sentence: names the business and discloses the AI voice. */
  firstMessage: string;
  systemPrompt: string;
  voice: { provider: string; voiceId: string };
  maxDurationSeconds: number;
  /** JSON schema of the lead the analysis extracts (name, phone, email, intent, urgency). */
  structuredDataSchema: Record<string, unknown>;
  /** Announce recording at the start (all-party-consent states, unknown locations). */
  recordingDisclosure?: boolean;
  /** Where the provider sends this assistant's events. */
  serverUrl?: string;
  metadata?: Record<string, string>;
}

export type ProviderCallStatus = 'scheduled' | 'queued' | 'ringing' | 'in-progress' | 'forwarding' | 'ended';

/** A call as the voice provider knows it, normalized (used by reconciliation and the report). */
export interface ProviderCall {
  id: string;
  status: ProviderCallStatus;
  endedReason?: string;
  startedAt?: Date;
  endedAt?: Date;
  transcript?: ProviderTranscriptTurn[];
  recordingUrl?: string;
  summary?: string;
  lead?: ProviderLead;
  /** US dollars per cost type, and their total. */
  costs?: Record<string, number>;
  costTotal?: number;
  metadata?: Record<string, string>;
}

export interface PlaceCallRequest {
  assistantId: string;
  to: string;
  /** Our call id rides along so that webhooks find the row before the provider id is stored. */
  metadata: { callId: string } & Record<string, string>;
  /** Provider phone-number id to call from (business numbers); the default trial line otherwise. */
  fromPhoneNumberId?: string;
  /** Per-call overrides (e.g. the recording disclosure for this destination). */
  assistantOverrides?: Partial<Pick<AssistantSpec, 'firstMessage' | 'recordingDisclosure'>> & { variableValues?: Record<string, string> };
}

export interface ImportPhoneNumberRequest {
  e164: string;
  twilioAccountSid?: string;
  twilioAuthToken?: string;
  /** Inbound calls ask our server for the assistant (assistant-request), so no fixed assistant. */
  serverUrl: string;
  name?: string;
}

/** The voice-agent provider (Vapi). Feature modules depend on this, never on an SDK. */
export abstract class VoiceAgentPort {
  abstract createAssistant(spec: AssistantSpec): Promise<{ id: string }>;
  abstract updateAssistant(id: string, spec: Partial<AssistantSpec>): Promise<void>;
  abstract deleteAssistant(id: string): Promise<void>;
  abstract placeCall(request: PlaceCallRequest): Promise<{ id: string; status: ProviderCallStatus }>;
  /** null when the provider does not know the call; throws a transient ProviderError when it cannot be reached. */
  abstract getCall(id: string): Promise<ProviderCall | null>;
  abstract importPhoneNumber(request: ImportPhoneNumberRequest): Promise<{ id: string }>;
}
