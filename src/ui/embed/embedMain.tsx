import type { ReactNode } from 'react';
import type { AppStore } from '../../state/types.ts';
import { EmbedApp } from './EmbedApp.tsx';
import { readEmbedOptions } from './embedOptions.ts';
import { startEmbed } from './startEmbed.ts';

/** Embed mode's start (`?embed`): shows the frame its URL asks for; returns the tree to render. */
export function startEmbedMode(store: AppStore): ReactNode {
  const { options, problems } = readEmbedOptions(window.location.search);
  void startEmbed(store, options, problems);
  return <EmbedApp options={options} />;
}
