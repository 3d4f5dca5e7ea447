/** False until state transfer finished: until then the server answers 503 to everything but replication. */
export class Readiness {
  ready = false;
  reason = 'starting: pulling the sessions from a peer (state transfer)';

  markReady(): void {
    this.ready = true;
    this.reason = 'ready';
  }
}
