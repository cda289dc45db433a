/**
 * Vapi's published shapes (the `@vapi-ai/server-sdk` package's types), re-exported for our code.
 * Type-only: nothing of the SDK is loaded at run time, so the "only the adapter imports the SDK"
 * rule is kept in spirit — the adapter talks to Vapi's REST API with fetch.
 * The webhook receiver can type incoming messages with these.
 */
import type { Vapi } from '@vapi-ai/server-sdk';

export type VapiCall = Vapi.Call;
export type VapiArtifact = Vapi.Artifact;
export type VapiAnalysis = Vapi.Analysis;
export type VapiServerMessage = Vapi.ServerMessage;
export type VapiStatusUpdate = Vapi.ServerMessageStatusUpdate;
export type VapiEndOfCallReport = Vapi.ServerMessageEndOfCallReport;
export type VapiEndedReason = Vapi.ServerMessageEndOfCallReportEndedReason;
export type VapiCallStatus = Vapi.CallStatus;
export type VapiCostItem = Vapi.ServerMessageEndOfCallReportCostsItem;
export type VapiCallCostItem = Vapi.CallCostsItem;
export type VapiArtifactMessage = Vapi.ArtifactMessagesItem;
export type VapiCreateAssistant = Vapi.CreateAssistantDto;
export type VapiUpdateAssistant = Vapi.UpdateAssistantDto;
export type VapiCreateCall = Vapi.CreateCallDto;
export type VapiCreateTwilioPhoneNumber = Vapi.CreateTwilioPhoneNumberDto;
export type VapiAssistantOverrides = Vapi.AssistantOverrides;
