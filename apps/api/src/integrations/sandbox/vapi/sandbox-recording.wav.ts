/**
 * A playable recording for a sandbox call: 16-bit PCM mono WAV as long as the call
 * (`durationSeconds`, the duration the report gives), a soft tone while each transcript turn is
 * spoken (the assistant's 440 Hz, the caller's 330 Hz) from the turn's `at`, silence between — so
 * the recording, the reported duration and the transcript's timing agree (issue 18).
 * 4 kHz keeps a 2-minute call under 1 MB.
 */
export function sandboxRecordingWav(
  turns: { speaker: 'assistant' | 'caller'; at: number }[],
  durationSeconds: number,
  options: { sampleRate?: number } = {},
): Buffer {
  const sampleRate = options.sampleRate ?? 4000;
  const totalSamples = Math.max(1, Math.round(Math.max(1, durationSeconds) * sampleRate));
  const data = Buffer.alloc(totalSamples * 2);
  const fadeSamples = 0.02 * sampleRate;
  turns.forEach((turn, index) => {
    const next = turns[index + 1]?.at ?? durationSeconds;
    // The turn is spoken until the pause before the next one (the script's 0.8 s), at least 0.3 s.
    const from = Math.round(turn.at * sampleRate);
    const to = Math.min(totalSamples, Math.round(Math.max(turn.at + 0.3, next - 0.8) * sampleRate));
    const freq = turn.speaker === 'assistant' ? 440 : 330;
    for (let i = from; i < to; i++) {
      // Short fades so the tones do not click.
      const fade = Math.min(1, (i - from) / fadeSamples, (to - i) / fadeSamples);
      data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * freq * i) / sampleRate) * 0.25 * fade * 32767), i * 2);
    }
  });
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // PCM chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
