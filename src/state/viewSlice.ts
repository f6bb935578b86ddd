import type { SliceCreator, ViewSlice } from './types.ts';

export const createViewSlice: SliceCreator<ViewSlice> = (set) => ({
  clickMode: 'toggle',
  codeVariant: 'fixed',
  setClickMode(clickMode) {
    set({ clickMode });
  },
  setCodeVariant(codeVariant) {
    set({ codeVariant });
  },
});
