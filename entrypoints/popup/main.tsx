import { render } from 'preact';
import '@/components/theme.css';
import { App } from './App';
import { t } from '@/utils/i18n';

// The manifest's __MSG_…__ placeholders are not substituted in HTML, so the title comes from the catalogue.
document.title = t('extName');

render(<App />, document.getElementById('app')!);
