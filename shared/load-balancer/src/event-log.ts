import { EventEmitter } from 'node:events';
import type { RequestEvent } from './types';

/** Keeps the latest events for a newly opened dashboard and fans each new one out to listeners. */
export class EventLog {
  private readonly recent: RequestEvent[] = [];
  private readonly emitter = new EventEmitter();
  private nextId = 1;

  constructor(private readonly keep = 200) {
    this.emitter.setMaxListeners(0);
  }

  record(event: Omit<RequestEvent, 'id' | 'time'>): RequestEvent {
    const full: RequestEvent = { time: new Date().toISOString(), id: this.nextId++, ...event };
    this.recent.push(full);
    if (this.recent.length > this.keep) this.recent.shift();
    this.emitter.emit('event', full);
    return full;
  }

  latest(): RequestEvent[] {
    return [...this.recent];
  }

  subscribe(listener: (event: RequestEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
