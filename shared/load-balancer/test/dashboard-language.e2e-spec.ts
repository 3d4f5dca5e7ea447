import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { labLanguage, startBalancer } from '../src';
import { dashboardTexts, type PageTextKey } from '../src/admin/dashboard/strings';

const hangul = /[\uac00-\ud7a3]/;

/** The page's source, found through the package's workspace link (tests run inside the monorepo). */
function pageSource(): string {
  const manifest = createRequire(path.join(process.cwd(), 'noop.js')).resolve(
    '@sessions/load-balancer/package.json',
  );
  return readFileSync(path.join(path.dirname(manifest), 'src/admin/dashboard/index.html'), 'utf8');
}

/** The keys index.html names in data-text and data-placeholder-text, with the English in the markup. */
function pageLabels(): Array<{ key: string; markup: string | undefined }> {
  const html = pageSource();
  const labels: Array<{ key: string; markup: string | undefined }> = [
    ...html.matchAll(/data-text="([^"]+)"[^>]*>([^<]*)</g),
  ].map((match) => ({ key: match[1], markup: match[2] }));
  for (const match of html.matchAll(/data-placeholder-text="([^"]+)"/g))
    labels.push({ key: match[1], markup: undefined });
  return labels;
}

describe('the lab language, from LAB_LANG or LANG', () => {
  it('reads LAB_LANG=ko, or a Korean system LANG, as Korean, and anything else as English', () => {
    expect(labLanguage({ LAB_LANG: 'ko' })).toBe('ko');
    expect(labLanguage({ LANG: 'ko_KR.UTF-8' })).toBe('ko');
    expect(labLanguage({ LAB_LANG: 'en', LANG: 'ko_KR.UTF-8' })).toBe('en');
    expect(labLanguage({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(labLanguage({})).toBe('en');
  });
});

describe('the dashboard in Korean', () => {
  it('serves the page with lang="ko" when the balancer runs in Korean, and lang="en" otherwise', async () => {
    const korean = await startBalancer({ language: 'ko' });
    const english = await startBalancer({ language: 'en' });
    try {
      const koPage = await (await fetch(`${korean.url}/__lb/`)).text();
      const enPage = await (await fetch(`${english.url}/__lb/`)).text();
      expect(koPage).toContain('<html lang="ko">');
      expect(enPage).toContain('<html lang="en">');
    } finally {
      await korean.close();
      await english.close();
    }
  });

  it("stays English unless the launcher asks, whatever the shell's LAB_LANG (so tests read English labels)", async () => {
    const before = process.env.LAB_LANG;
    process.env.LAB_LANG = 'ko';
    const balancer = await startBalancer();
    try {
      expect(await (await fetch(`${balancer.url}/__lb/`)).text()).toContain('<html lang="en">');
    } finally {
      if (before === undefined) delete process.env.LAB_LANG;
      else process.env.LAB_LANG = before;
      await balancer.close();
    }
  });

  it('has a Korean label, written in Hangul, for every fixed label the page marks', () => {
    const labels = pageLabels();
    expect(labels.length).toBeGreaterThan(20);
    const notKorean = labels
      .map(({ key }) => ({ key, ko: dashboardTexts.ko[key as PageTextKey] }))
      .filter(({ key, ko }) => key !== 'columnMs' && !(typeof ko === 'string' && hangul.test(ko)));
    expect({ labelsWithoutKorean: notKorean }).toEqual({ labelsWithoutKorean: [] });
  });

  it("keeps the page's own English text equal to the English table, so the page reads the same before its script runs", () => {
    const differing = pageLabels()
      .filter(({ markup }) => markup !== undefined)
      .filter(({ key, markup }) => {
        const english = dashboardTexts.en[key as PageTextKey];
        return (
          typeof english !== 'string' || markup!.replace(/\s+/g, ' ').trim() !== english.trim()
        );
      })
      .map(({ key, markup }) => ({ key, markup }));
    expect({ labelsDifferingFromTheTable: differing }).toEqual({ labelsDifferingFromTheTable: [] });
  });

  it('words the server cards and request list in Korean too', () => {
    const { ko } = dashboardTexts;
    expect(ko.serverName('2')).toBe('서버 2');
    expect(ko.lastRequests(10)).toBe('최근 요청 10개:');
    expect(ko.simulating(20, 30)).toBe('사용자 20명을 30초 동안 시뮬레이션합니다');
    expect(ko.noSessions).toMatch(hangul);
  });
});
