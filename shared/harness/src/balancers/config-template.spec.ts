import { renderTemplate } from './config-template';

describe('the config template syntax', () => {
  it('fills ${NAME} and leaves nginx variables alone', () => {
    expect(renderTemplate('listen ${LB_ADDR}; set $x ${host};', { LB_ADDR: '127.0.0.1:1' })).toBe(
      'listen 127.0.0.1:1; set $x ${host};',
    );
  });

  it('uses ${NAME-default} when no value is given, and the value when one is', () => {
    const template = 'check inter "${CHECK_INTER-2s}"';
    expect(renderTemplate(template, {})).toBe('check inter "2s"');
    expect(renderTemplate(template, { CHECK_INTER: '300ms' })).toBe('check inter "300ms"');
  });

  it('refuses a placeholder it has no value for, rather than leaving it blank', () => {
    expect(() => renderTemplate('server ${SERVER_4};', { SERVER_1: 'a' })).toThrow(
      'the template needs SERVER_4',
    );
  });
});
