import { useEffect, useRef, useState } from 'react';
import type { HostInput } from '../../engine/hostCheck.ts';
import { createHostClient } from '../../worker/hostClient.ts';
import type { HostClient } from '../../worker/hostClient.ts';
import type { HostAnswerReply } from '../../worker/hostProtocol.ts';
import { copyText } from '../share/copyText.ts';
import { HostForm } from './HostForm.tsx';
import { hostCommandLine, hostSearch, readHostSearch } from './hostUrl.ts';
import './host.css';

const n = (x: number): string => x.toLocaleString('en-US');

const PATH_WORD = {
  'tdp-mmu': 'TDP MMU',
  'legacy-direct': 'Legacy direct MMU',
  shadow: 'Shadow paging',
  'nested-shadow': 'Nested shadow EPT/NPT',
} as const;

const BUG_WORD = { affected: 'Affected', fixed: 'Fixed', 'not-affected': 'Not affected' } as const;

/** "Is my host affected?" (`?view=host`): the form, then the answer with its sources. */
export function HostView() {
  // The question comes from the address (a shared link) and goes back into it on every change.
  const [initial] = useState(() => readHostSearch(window.location.search));
  const [input, setInput] = useState<HostInput>(initial.input);
  const [linkProblems, setLinkProblems] = useState<string[]>(initial.problems);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [reply, setReply] = useState<HostAnswerReply | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const client = useRef<HostClient | null>(null);

  useEffect(() => {
    let live = true;
    client.current ??= createHostClient();
    setBusy(true);
    void client.current.check(input).then((r) => {
      if (!live || r === null) return;
      setBusy(false);
      if (r.type === 'error') setProblem(r.message);
      else {
        setProblem(null);
        setReply(r);
      }
    });
    return () => {
      live = false;
    };
  }, [input]);

  useEffect(() => {
    // replaceState: one history entry for the page, whatever is typed; Back leaves the page.
    const search = hostSearch(input, window.location.search);
    if (search !== window.location.search) {
      const url = `${window.location.pathname}${search}${window.location.hash}`;
      window.history.replaceState(window.history.state, '', url);
    }
  }, [input]);

  useEffect(() => {
    if (copied === 'idle') return;
    const t = setTimeout(() => setCopied('idle'), 2500);
    return () => clearTimeout(t);
  }, [copied]);

  const change = (next: HostInput) => {
    setLinkProblems([]);
    setInput(next);
  };
  const copyLink = async () => {
    // The page's own address and the question; the stepping view's state (the hash) is not part of it.
    const url = new URL(window.location.href);
    url.search = hostSearch(input, url.search);
    url.hash = '';
    setCopied((await copyText(url.toString())) ? 'copied' : 'failed');
  };

  useEffect(
    () => () => {
      client.current?.dispose();
      client.current = null;
    },
    [],
  );

  const a = reply?.answer;
  return (
    <main className="app-main host-view" aria-busy={busy}>
      <div className="host-intro">
        <h2>Is my host affected?</h2>
        <p>
          Enter what your host says (the command under each field reads it). The answer names the fault path
          KVM runs for the guest, the prefetch that path does in your kernel, whether the trailing-run bug
          fixed by c6cecc4b9324 (v5.16) applies, and what it costs on the seed&rsquo;s workload — by running
          the model. Each answer lists the facts it rests on (docs/history.md in the repository says how each
          version boundary was verified).
        </p>
      </div>
      {linkProblems.length > 0 && (
        <div className="problem-banner host-link-problem" role="alert" data-testid="host-link-problems">
          <strong>This link asked for a host the page cannot use as written.</strong>
          <ul>
            {linkProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <HostForm value={input} onChange={change} />
      <div className="host-share">
        <button type="button" className="btn btn-small" onClick={() => void copyLink()}>
          Copy link to this answer
        </button>
        <span role="status" aria-live="polite" className="host-share-status">
          {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy failed: use the address bar' : ''}
        </span>
        <code className="host-cmd host-cli" aria-label="The same question on the command line">
          $ {hostCommandLine(input)}
        </code>
      </div>
      {problem && (
        <p className="problem host-problem" role="alert">
          {problem}
        </p>
      )}
      {a && reply && (
        <section
          className={`host-answer${problem ? ' is-stale' : ''}`}
          aria-label="Answer"
          aria-live="polite"
        >
          <dl className="host-verdict">
            <div>
              <dt>Fault path</dt>
              <dd data-testid="host-path" data-path={a.path}>
                <strong>{PATH_WORD[a.path]}</strong>
                <span className="host-detail">{a.pathLabel}</span>
              </dd>
            </div>
            <div>
              <dt>Prefetch in {a.kernel.label}</dt>
              <dd>{a.prefetchSentence}</dd>
            </div>
            <div>
              <dt>Trailing-run bug</dt>
              <dd data-testid="host-bug" data-bug={a.trailingBug}>
                <strong className={`host-bug is-${a.trailingBug}`}>{BUG_WORD[a.trailingBug]}</strong>{' '}
                {a.bugSentence}
              </dd>
            </div>
          </dl>
          <table className="host-cost">
            <caption>
              The seed&rsquo;s workload: 1,572,864 ascending touches (6 GiB) in an 8 GiB memslot, run through
              the model ({reply.engineMs} ms)
            </caption>
            <thead>
              <tr>
                <th scope="col">kernel</th>
                <th scope="col">pf_fixed</th>
                <th scope="col">prefetched</th>
                <th scope="col">prefetch hits</th>
              </tr>
            </thead>
            <tbody>
              <tr data-testid="host-cost-host">
                <th scope="row">{a.kernel.label} (this host)</th>
                <td>{n(reply.cost.host.pfFixed)}</td>
                <td>{n(reply.cost.host.prefetched)}</td>
                <td>{n(reply.cost.host.prefetchHits)}</td>
              </tr>
              {reply.cost.fixed && (
                <tr>
                  <th scope="row">5.16, same path (the fix)</th>
                  <td>{n(reply.cost.fixed.pfFixed)}</td>
                  <td>{n(reply.cost.fixed.prefetched)}</td>
                  <td>{n(reply.cost.fixed.prefetchHits)}</td>
                </tr>
              )}
            </tbody>
          </table>
          {reply.cost.fixed && (
            <p className="host-saving">
              The fix would save {n(reply.cost.host.pfFixed - reply.cost.fixed.pfFixed)} of{' '}
              {n(reply.cost.host.pfFixed)} faults on this workload.
            </p>
          )}
          <h3>What this rests on</h3>
          <ul className="host-facts">
            {a.facts.map((f) => (
              <li key={f.text}>
                {f.text} <cite>{f.source}</cite>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
