import {
  Body,
  ConflictException,
  Controller,
  HttpCode,
  Inject,
  Post,
  Req,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import type { Request } from 'express';
import { SessionAvailableGuard } from '../common/guards/session-available.guard';
import { SERVER_ID } from '../course.tokens';
import { save } from '../session/session-io';
import { addItemBodyPipe, maxCartItems, type AddItemBody } from './add-item.dto';

@Controller('cart')
@UseGuards(SessionAvailableGuard)
export class CartController {
  constructor(@Inject(SERVER_ID) private readonly serverId: string) {}

  // #region add-to-cart
  @Post()
  @HttpCode(200)
  async add(@Req() request: Request, @Body(addItemBodyPipe) { item }: AddItemBody) {
    if (!request.session.userid) {
      throw new UnauthorizedException(
        `server ${this.serverId} has no logged-in session for you: POST /login first`,
      );
    }
    const cart = request.session.cart ?? [];
    if (cart.length >= maxCartItems)
      throw new ConflictException(`the cart is full (${maxCartItems} items)`);
    request.session.cart = [...cart, item];
    await save(request.session);
    return {
      server: this.serverId,
      sessionId: request.sessionID,
      userid: request.session.userid,
      cart: request.session.cart,
    };
  }
  // #endregion add-to-cart
}
