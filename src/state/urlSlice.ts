import type { SliceCreator, UrlSlice } from './types.ts';

/** What was wrong with the link the page was opened from (shown in a banner until dismissed). */
export const createUrlSlice: SliceCreator<UrlSlice> = (set) => ({
  linkProblem: null,
  setLinkProblem(linkProblem) {
    set({ linkProblem });
  },
});
