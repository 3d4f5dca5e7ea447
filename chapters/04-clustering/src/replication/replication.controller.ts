import {
  BadRequestException,
  Controller,
  Get,
  HttpCode,
  HttpException,
  Inject,
  NotFoundException,
  Param,
  PayloadTooLargeException,
  Post,
  Req,
  Res,
  ForbiddenException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { CLUSTER, type Cluster } from '../cluster/cluster';
import { signatureHeader, timestampHeader, type RejectionReason } from './message-signing';
import { OversizedBody, rawBodyReader, UnreadableBody } from './raw-body';
import { MalformedMessage, parseEnvelope } from './replication-message';

/** The largest message a peer may send: one session (the course app caps a cart at 100 items). */
export const maxMessageBytes = 64 * 1024;

const readRawBody = rawBodyReader(maxMessageBytes);

// #region replication-controller
/**
 * Where peers deliver replication messages. It lives under /__internal/, which the
 * balancer never forwards: only servers that reach each other directly, and know
 * CLUSTER_SECRET, can write here.
 */
@Controller('__internal/replication')
export class ReplicationController {
  constructor(@Inject(CLUSTER) private readonly cluster: Cluster) {}

  @Post('messages')
  @HttpCode(200)
  async receive(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const body = await this.verifiedBody(request, response);
    let envelope;
    try {
      envelope = parseEnvelope(body);
    } catch (error) {
      if (error instanceof MalformedMessage) throw this.rejected('malformed', error.message);
      throw error;
    }
    const { stats, store } = this.cluster;
    const refusal = store.refusal(envelope);
    if (refusal) throw this.rejected(refusal.reason, refusal.message);
    stats.received.messages += 1;
    if (store.apply(envelope)) stats.received.applied += 1;
    else stats.received.ignoredAsOlder += 1;
    return { ok: true };
  }
  // #endregion replication-controller

  /** State transfer: everything this server holds, for a server that is starting. */
  @Get('snapshot')
  async snapshot(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    await this.verifiedBody(request, response);
    if (!this.cluster.readiness.ready)
      throw new ServiceUnavailableException('this server is itself still starting');
    return this.cluster.store.snapshot();
  }

  /** Primary-backup: the full copy of one session, for a server that holds only its locator. */
  @Get('sessions/:sid')
  async session(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Param('sid') sid: string,
  ) {
    await this.verifiedBody(request, response);
    const copy = this.cluster.store.fullCopy(sid);
    if (!copy) throw new NotFoundException('this server holds no full copy of that session');
    return copy;
  }

  /** Reads the exact body bytes and checks the signature; a bad message is counted and refused. */
  private async verifiedBody(request: Request, response: Response): Promise<Buffer> {
    let body: Buffer;
    try {
      body = await readRawBody(request, response);
    } catch (error) {
      if (error instanceof OversizedBody) {
        response.setHeader('connection', 'close');
        throw this.rejected('oversized', error.message);
      }
      if (error instanceof UnreadableBody) throw this.rejected('malformed', error.message);
      throw error;
    } finally {
      this.cluster.stats.received.wireBytes += this.cluster.receivedBytes.since(request.socket);
    }
    const verdict = this.cluster.signer.verify(
      request.method,
      request.originalUrl.split('?')[0],
      body,
      request.header(timestampHeader),
      request.header(signatureHeader),
    );
    if (!verdict.ok) throw this.rejected(verdict.reason, verdict.message);
    return body;
  }

  private rejected(reason: RejectionReason, message: string): HttpException {
    this.cluster.stats.reject(reason);
    const text = `replication message rejected (${reason}): ${message}`;
    if (reason === 'oversized') return new PayloadTooLargeException(text);
    if (reason === 'malformed') return new BadRequestException(text);
    if (reason === 'future-version') return new BadRequestException(text);
    if (reason === 'not-a-member') return new ForbiddenException(text);
    if (reason === 'peers-full') return new ServiceUnavailableException(text);
    return new UnauthorizedException(text);
  }
}
