import { Controller, Get, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NotFound } from '../../../common/errors/common.errors';
import { Endpoint } from '../../../common/http/endpoint';
import { AppConfig } from '../../../config/app-config';
import { Public } from '../../auth';

/**
 * The lead form script (apps/embed, built to EMBED_DIST), for `<script src="…/embed/v1.js">` on
 * any site: read once at start, served with a short cache (the URL carries no version) and as a
 * resource other origins may load.
 */
@ApiTags('leads')
@Public()
@Controller('embed')
export class EmbedScriptController {
  private readonly script: Buffer | null;

  constructor(config: AppConfig) {
    const path = join(resolve(config.env.EMBED_DIST), 'v1.js');
    this.script = existsSync(path) ? readFileSync(path) : null;
  }

  @Get('v1.js')
  @ApiProduces('text/javascript')
  @Endpoint({
    summary: 'The lead form embed script (public)',
    description: 'Paste a form\'s `embedSnippet` into a page of one of its allowed sites: the script renders the form and submits it. ≤ 15 KB gzip, no dependencies.',
    response: { status: 200, description: 'JavaScript' },
    errors: [{ error: NotFound, note: 'the script was not built (npm run build)' }],
  })
  serve(@Res({ passthrough: true }) reply: FastifyReply): Buffer {
    if (!this.script) throw new NotFound('The embed script is not built on this server (npm run build)');
    void reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('access-control-allow-origin', '*');
    return this.script;
  }
}
