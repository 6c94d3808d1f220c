/**
 * An error boundary per panel: a bug in one panel shows a message in that panel's place and never
 * blanks the page; the rest of the app, the run and the link keep working. "Try again" re-renders
 * the panel (the next frame usually brings different data).
 *
 * `?break=<panel>` in the address makes that panel throw on render: a fault injector for the app
 * itself, so the boundary can be seen and tested the way a user would meet it.
 *
 * May import: react. May not import: worker, sim.
 */
import { Component, type ReactNode } from 'react';

interface Props {
  /** The panel's name for people ("Timeline", "Votes table"); also what `?break=` matches. */
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | undefined;
}

/** Panels named in `?break=a,b` (lower case) throw on render. */
function brokenByRequest(name: string): boolean {
  if (typeof location === 'undefined') return false;
  const wanted = new URLSearchParams(location.search).get('break');
  return wanted !== null && wanted.toLowerCase().split(',').includes(name.toLowerCase());
}

function Tripwire({ name, children }: Props) {
  if (brokenByRequest(name)) throw new Error(`${name} was asked to fail (?break=${name.toLowerCase()})`);
  return <>{children}</>;
}

export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown): void {
    // Kept in the console for bug reports; the page itself stays usable.
    console.error(`Streamscope: the ${this.props.name} panel failed`, error);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return <Tripwire name={this.props.name}>{this.props.children}</Tripwire>;
    return (
      <section className="panel panel--failed" role="alert" aria-label={`${this.props.name} failed`}>
        <h2>{this.props.name} could not be shown</h2>
        <p>
          Something went wrong while drawing this panel: <code>{error.message}</code>. The rest of Streamscope keeps working, and
          your scenario and interventions are safe in the link.
        </p>
        <button type="button" className="button button--small" onClick={() => this.setState({ error: undefined })}>
          Try again
        </button>
      </section>
    );
  }
}
