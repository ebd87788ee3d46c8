import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { host } from './host/host-client';
import { IndexStore } from './state/index-store';
import './styles.css';

const store = new IndexStore(host);
void store.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App host={host} store={store} />
  </StrictMode>,
);
