import { selectProblem } from '../../state/selectors.ts';
import { useAppStore, useAppStoreApi } from '../../state/StoreContext.tsx';
import { ProblemText } from './ProblemText.tsx';

/** A refused edit (imports report inside their dialog): what is wrong, where, and that nothing changed. */
export function ProblemBanner() {
  const problem = useAppStore(selectProblem);
  const api = useAppStoreApi();
  if (!problem || problem.source !== 'edit') return null;
  return (
    <div role="alert" className="problem-banner">
      <strong>Edit refused:</strong> <ProblemText problem={problem} />
      <button type="button" className="btn btn-small" onClick={() => api.getState().clearProblem()}>
        Dismiss
      </button>
    </div>
  );
}
