import { BadRequestException } from '@nestjs/common';
import { addItemBodyPipe } from '../cart/add-item.dto';
import { loginBodyPipe } from './login.dto';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).message;
  }
  throw new Error('the body was accepted');
};

describe('request bodies checked with zod', () => {
  it('a login body without a userid (or no JSON object at all) is told what to send', () => {
    const missing = 'send JSON {"userid":"a"}: the userid is missing';
    expect(refusal(() => loginBodyPipe.transform({}))).toBe(missing);
    expect(refusal(() => loginBodyPipe.transform(undefined))).toBe(missing);
    expect(refusal(() => loginBodyPipe.transform(['a']))).toBe(missing);
  });

  it('a userid that is not a short plain id is refused with the allowed characters', () => {
    const invalid = 'userid must be 1-64 letters, digits, or . _ @ -';
    expect(refusal(() => loginBodyPipe.transform({ userid: 7 }))).toBe(invalid);
    expect(refusal(() => loginBodyPipe.transform({ userid: '<b>' }))).toBe(invalid);
    expect(refusal(() => loginBodyPipe.transform({ userid: 'a'.repeat(65) }))).toBe(invalid);
    expect(loginBodyPipe.transform({ userid: 'a.b@c' })).toEqual({ userid: 'a.b@c' });
  });

  it('a cart item must be 1-64 printable characters: a CR LF could split a header', () => {
    const invalid = 'item must be 1-64 printable characters';
    expect(refusal(() => addItemBodyPipe.transform({}))).toBe(
      'send JSON {"item":"apple"}: the item is missing',
    );
    expect(refusal(() => addItemBodyPipe.transform({ item: '' }))).toBe(invalid);
    expect(refusal(() => addItemBodyPipe.transform({ item: 'a\r\nSet-Cookie: x=1' }))).toBe(
      invalid,
    );
    expect(addItemBodyPipe.transform({ item: 'apple' })).toEqual({ item: 'apple' });
  });
});
