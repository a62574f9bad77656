import '@/styles/global.css';
import { createConsole } from './app-setup';

const { app, router } = createConsole();
void router.isReady().then(() => app.mount('#app'));
