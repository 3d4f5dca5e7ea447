// The Lab controls panel: one button per lab-wide control the lab offers (server controls are
// on the cards, link controls on the network map).
import { byId, h } from './dom.js';
import { formatValue, leaves, words } from './format.js';
import { runControl, token } from './lab-api.js';
import { text } from './page-text.js';

function simulateUsersControl(): HTMLElement {
  const users = h('input', {
    type: 'number',
    min: '1',
    max: '20',
    value: '5',
    'aria-label': 'users',
  });
  const seconds = h('input', {
    type: 'number',
    min: '1',
    max: '120',
    value: '20',
    'aria-label': 'seconds',
  });
  const button = h('button', {
    type: 'button',
    class: 'primary',
    'data-action': 'simulate-users',
    disabled: !token,
    text: text.simulateUsers,
  });
  button.addEventListener('click', () =>
    runControl(
      button,
      'simulate-users',
      { users: Number(users.value), seconds: Number(seconds.value) },
      (result) => {
        const { users: count, seconds: length } = result as { users: number; seconds: number };
        return text.simulating(count, length);
      },
    ),
  );
  return h(
    'div',
    { class: 'control-group' },
    button,
    users,
    h('label', { text: text.usersFor }),
    seconds,
    h('label', { text: text.seconds }),
  );
}

/** A control's answer as one sentence for the toast. */
function describeResult(label: string, result: unknown): string {
  if (result && typeof result === 'object') {
    const answer = result as { server?: string; address?: string; state?: string };
    if (answer.server && answer.address) return text.joinedPool(answer.server);
    if (answer.state) return `${label}: ${answer.state}`;
    return `${label}: ${leaves(result)
      .map(([key, value]) => `${key} ${formatValue(key, value)}`)
      .join(', ')}`;
  }
  return `${label}: ${result ?? 'done'}`;
}

function labControl(action: string): HTMLElement {
  if (action === 'simulate-users') return simulateUsersControl();
  // The control's own name in words ("stop-redis" → "Stop redis"), as the lessons name it.
  const label = words(action).replace(/^./, (c) => c.toUpperCase());
  const button = h('button', {
    type: 'button',
    'data-action': action,
    title: `POST /__lb/control/${action}`,
    disabled: !token,
    text: label,
  });
  button.addEventListener('click', () =>
    runControl(button, action, {}, (result) => describeResult(label, result)),
  );
  return button;
}

/** Controls drawn elsewhere on the page, never as a lab-wide button. */
export function renderControls(
  controls: readonly string[],
  drawnElsewhere: ReadonlySet<string>,
): void {
  const global = controls.filter((action) => !drawnElsewhere.has(action));
  // Simulate users first: it is what makes the page move.
  global.sort((a, b) => Number(b === 'simulate-users') - Number(a === 'simulate-users'));
  byId('controls').replaceChildren(...global.map(labControl));
}
