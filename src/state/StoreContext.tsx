import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './types.ts';

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore<T>(selector: (s: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside <StoreContext>');
  return useStore(store, selector);
}

/** The store itself, for transient subscriptions and actions in event handlers. */
export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStoreApi outside <StoreContext>');
  return store;
}
