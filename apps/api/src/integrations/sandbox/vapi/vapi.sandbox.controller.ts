import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { NotFound } from '../../../common/errors/common.errors';
import { Endpoint } from '../../../common/http/endpoint';
import { Public } from '../../../modules/auth';
import { sandboxRecordingWav } from './sandbox-recording.wav';
import { VapiSandbox } from './vapi.sandbox';

/** Sandbox only (not registered when PROVIDERS=live): the recordings the simulated calls link to. */
@ApiTags('sandbox')
@Public()
@Controller('sandbox-assets')
export class VapiSandboxController {
  constructor(private readonly sandbox: VapiSandbox) {}

  @Get('recordings/:file')
  @Header('content-type', 'audio/wav')
  @Header('cache-control', 'private, max-age=3600')
  @ApiProduces('audio/wav')
  @Endpoint({
    summary: 'Sandbox: the recording of a simulated call (`<provider call id>.wav`)',
    response: { status: 200, description: 'A playable 16-bit PCM WAV as long as the call, a tone per transcript turn' },
    errors: [{ error: NotFound, note: 'no such sandbox call, or it was not answered' }],
  })
  async recording(@Param('file') file: string): Promise<Buffer> {
    const match = /^([0-9a-f-]{36})\.wav$/i.exec(file);
    const record = match ? await this.sandbox.record(match[1]) : null;
    if (!record?.conversation) throw new NotFound('No recording for this call');
    return sandboxRecordingWav(record.conversation.turns, record.conversation.durationSeconds);
  }
}
