import { useAppStore, useAppStoreApi } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';

const selectLinkProblem = (s: AppState) => s.linkProblem;

/** Why the page's link was not shown as asked; the text is untrusted and only ever rendered as text. */
export function LinkProblemBanner() {
  const problem = useAppStore(selectLinkProblem);
  const api = useAppStoreApi();
  if (!problem) return null;
  return (
    <div role="alert" className="problem-banner link-problem">
      <strong>Link not fully opened:</strong> <span>{problem}.</span>{' '}
      <span>Showing the default for the rest.</span>
      <button type="button" className="btn btn-small" onClick={() => api.getState().setLinkProblem(null)}>
        Dismiss
      </button>
    </div>
  );
}
