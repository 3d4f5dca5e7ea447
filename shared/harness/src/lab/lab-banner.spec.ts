import { labLanguage } from '@sessions/load-balancer';
import { labBanner, type BannerFacts } from './lab-banner';
import { launcherText } from './launcher-text';

const facts: BannerFacts = {
  title: 'Chapter 05 · External session storage',
  url: 'http://localhost:8080',
  dashboard: { url: 'http://localhost:8080/__lb/', token: 'a1b2c3' },
  servers: [{ id: '1', url: 'http://127.0.0.1:41001', pid: 4242 }],
  services: ['redis          127.0.0.1:41234'],
  connect: ['REDISCLI_AUTH="$(cat \'/tmp/x/redis-password-0\')" redis-cli -h 127.0.0.1 -p 41234'],
  tryThis: ['open {url}/ and log in'],
};

describe('the lab banner', () => {
  it('speaks Korean when the launcher runs with LAB_LANG=ko', () => {
    const banner = labBanner(facts, launcherText(labLanguage({ LAB_LANG: 'ko' })));

    for (const korean of ['열기', '대시보드', '제어 토큰', '서버', '해 볼 것', 'Ctrl-C를 누르면'])
      expect({ banner, has: korean, found: banner.includes(korean) }).toMatchObject({
        found: true,
      });
    expect(banner).not.toContain('Try this');
    expect(banner).not.toContain('Ctrl-C stops everything');
  });

  it('keeps addresses, the token, commands and the chapter lines as they are in Korean', () => {
    const banner = labBanner(facts, launcherText('ko'));

    expect(banner).toContain('http://localhost:8080/__lb/');
    expect(banner).toContain('a1b2c3');
    expect(banner).toContain(facts.connect[0]);
    expect(banner).toContain('Chapter 05 · External session storage');
    expect(banner).toContain('- open http://localhost:8080/ and log in');
  });

  it('aligns the Korean labels to the same column as the English ones, Hangul being two columns wide', () => {
    const column = (banner: string, value: string) => {
      const line = banner.split('\n').find((text) => text.includes(value))!;
      const before = line.slice(0, line.indexOf(value));
      return [...before].reduce((width, char) => width + (/[\uac00-\ud7a3]/.test(char) ? 2 : 1), 0);
    };
    const english = labBanner(facts, launcherText('en'));
    const korean = labBanner(facts, launcherText('ko'));

    expect(column(korean, 'a1b2c3')).toBe(column(english, 'a1b2c3'));
    expect(column(korean, 'http://localhost:8080/__lb/')).toBe(
      column(english, 'http://localhost:8080/__lb/'),
    );
  });

  it("words the launcher's own messages in Korean too: no such chapter, a lab not built, a taken port", () => {
    const text = launcherText('ko');

    expect(text.noChapter('09', '01-session-basics, 02-inconsistency')).toBe(
      '09장은 없습니다. 장 목록: 01-session-basics, 02-inconsistency. `npm start`를 실행하면 목록을 볼 수 있습니다.',
    );
    expect(text.notBuilt('05-external-storage', '05')).toContain('`npm start -- 05`');
    expect(text.portTaken(8080, 'npm start -- 05')).toContain('LB_PORT=8081 npm start -- 05');
  });

  it('is English by default, as the launcher printed it before', () => {
    const banner = labBanner(facts, launcherText(labLanguage({ LANG: 'C.UTF-8' })));

    expect(banner).toContain('  Open          http://localhost:8080/');
    expect(banner).toContain('  Control token a1b2c3');
    expect(banner).toContain('  Ctrl-C stops everything this lab started.');
  });
});
