/**
 * A short, playable recording for sandbox calls: 16-bit PCM mono WAV, alternating two soft tones
 * (the assistant's, then the caller's) with pauses — one beat per transcript turn, at most `maxSeconds`.
 */
export function sandboxRecordingWav(turnSpeakers: ('assistant' | 'caller')[], options: { sampleRate?: number; maxSeconds?: number } = {}): Buffer {
  const sampleRate = options.sampleRate ?? 8000;
  const maxSeconds = options.maxSeconds ?? 6;
  const beat = 0.45;
  const pause = 0.12;
  const speakers = turnSpeakers.length ? turnSpeakers : (['assistant'] as const);
  const beats = Math.min(speakers.length, Math.floor(maxSeconds / (beat + pause)));
  const totalSamples = Math.max(1, Math.round(beats * (beat + pause) * sampleRate));
  const data = Buffer.alloc(totalSamples * 2);
  const beatSamples = Math.round(beat * sampleRate);
  const slotSamples = Math.round((beat + pause) * sampleRate);
  for (let i = 0; i < totalSamples; i++) {
    const slot = Math.floor(i / slotSamples);
    const inSlot = i - slot * slotSamples;
    let value = 0;
    if (slot < beats && inSlot < beatSamples) {
      const freq = speakers[slot] === 'assistant' ? 440 : 330;
      // Short fades so the tones do not click.
      const fade = Math.min(1, inSlot / (0.02 * sampleRate), (beatSamples - inSlot) / (0.02 * sampleRate));
      value = Math.round(Math.sin((2 * Math.PI * freq * i) / sampleRate) * 0.25 * fade * 32767);
    }
    data.writeInt16LE(value, i * 2);
  }
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
