import type { LabLanguage } from '@sessions/load-balancer';

// What the lab launcher (`npm start -- NN`) prints around a lab, in each language it speaks.
// Chapter titles, "try this" lines, addresses and commands stay as they are.
const en = {
  open: 'Open',
  balancer: 'Balancer',
  dashboard: 'Dashboard',
  controlToken: 'Control token',
  servers: 'Servers',
  network: 'Network',
  networkHosts: 'one namespace per host',
  networkControls:
    'Cut and heal links from the dashboard (controls cut-link, isolate, link-loss, link-delay, heal-all).',
  userNamespaceReach: (pid: number) =>
    `This lab runs in a user namespace (no root needed). From this machine you reach only the addresses at "Open" and "Dashboard" (relayed in); the hosts above and any service addresses below exist only inside. A shell inside: nsenter --target ${pid} --user --net --mount --preserve-credentials`,
  services: 'Services',
  connect: 'Connect (the password is read from a file only you can read)',
  tryThis: 'Try this',
  ctrlC: 'Ctrl-C stops everything this lab started.',
  thisLauncher: '(this launcher)',
  starting: (title: string) => `Starting ${title} ...`,
  stopping: 'Stopping the lab ...',
  stopped: 'Stopped: nothing left running.',
  cleanedUp: (what: string) => `Cleaned up: ${what}`,
  couldNotStart: (message: string) => `Could not start the lab: ${message}`,
  portTaken: (port: number, command: string) =>
    `Port ${port} is taken: run with LB_PORT=${port + 1} ${command}`,
  usage: 'Usage: npm start -- <chapter> [options]',
  chapters: 'Chapters:',
  noChapter: (asked: string, chapters: string) =>
    `no chapter ${asked}; the chapters are ${chapters}. Run \`npm start\` to list them.`,
  notBuilt: (chapter: string, asked: string) =>
    `Chapter ${chapter}'s lab is not built: \`npm start -- ${asked}\` builds it first.`,
};

/** Every string the launcher prints: a language that lacks one does not compile. */
export type LauncherText = typeof en;

const ko: LauncherText = {
  open: '열기',
  balancer: '로드밸런서',
  dashboard: '대시보드',
  controlToken: '제어 토큰',
  servers: '서버',
  network: '네트워크',
  networkHosts: '호스트마다 네임스페이스 하나',
  networkControls:
    '링크는 대시보드에서 끊고 복구합니다(제어: cut-link, isolate, link-loss, link-delay, heal-all).',
  userNamespaceReach: (pid) =>
    `이 랩은 사용자 네임스페이스 안에서 실행됩니다(root 권한 불필요). 이 컴퓨터에서는 "열기"와 "대시보드"의 주소(중계됨)만 닿고, 위의 호스트와 아래 서비스 주소는 네임스페이스 안에만 있습니다. 안에서 셸 열기: nsenter --target ${pid} --user --net --mount --preserve-credentials`,
  services: '서비스',
  connect: '접속 (비밀번호는 나만 읽을 수 있는 파일에서 읽습니다)',
  tryThis: '해 볼 것',
  ctrlC: 'Ctrl-C를 누르면 이 랩이 시작한 것을 모두 멈춥니다.',
  thisLauncher: '(이 런처)',
  starting: (title) => `${title} 시작 중 ...`,
  stopping: '랩을 멈추는 중 ...',
  stopped: '멈춤: 실행 중인 것이 남지 않았습니다.',
  cleanedUp: (what) => `정리함: ${what}`,
  couldNotStart: (message) => `랩을 시작하지 못했습니다: ${message}`,
  portTaken: (port, command) =>
    `포트 ${port}은(는) 이미 쓰이고 있습니다. 다른 포트로 실행하세요: LB_PORT=${port + 1} ${command}`,
  usage: '사용법: npm start -- <chapter> [options]',
  chapters: '장 목록:',
  noChapter: (asked, chapters) =>
    `${asked}장은 없습니다. 장 목록: ${chapters}. \`npm start\`를 실행하면 목록을 볼 수 있습니다.`,
  notBuilt: (chapter, asked) =>
    `${chapter}장의 랩이 빌드되지 않았습니다. \`npm start -- ${asked}\`가 먼저 빌드합니다.`,
};

const texts: Readonly<Record<LabLanguage, LauncherText>> = { en, ko };

/** The launcher's text in a language (see labLanguage: LAB_LANG, then LANG). */
export function launcherText(language: LabLanguage): LauncherText {
  return texts[language];
}
